"""Moved to ``kazpolity.simulate.seed`` (the demo is simulation, not a page); kept so that
existing imports keep working until they move."""

from kazpolity.simulate.seed import (
    COUNTING_REGIONS,
    SEED_DATE,
    SEED_ELECTION_ID,
    demo_database_url,
    seed_dashboard,
)

__all__ = ["COUNTING_REGIONS", "SEED_DATE", "SEED_ELECTION_ID", "demo_database_url",
           "seed_dashboard"]
