"""A chamber's composition as the sum of its tiers: list seats, district seats, APK seats.

Systems compose (design note 7): the 2004 Majilis is 67 districts plus a 10-seat list tier;
2007-2023 is a 98-seat list tier plus 9 deputies elected by the Assembly of People; 2023 is
29 districts plus 69 list seats; the 2026 Kurultai is 145 list seats. The tiers' sizes are
read from the rulebook and checked, so a composition can never exceed the law's chamber.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kazpolity.errors import InputError
from kazpolity.law import rules_at

TIERS = ("list", "district", "apk")
APK = "Assembly of People (APK)"


@dataclass(frozen=True)
class ChamberComposition:
    """Seats by party and by kind; ``vacant`` counts seats the law has but no result filled."""

    chamber: str
    on: date
    seats_total: int
    by_kind: dict[str, int]
    by_party: dict[str, int]
    vacant: int


def compose_chamber(
    on: date,
    *,
    chamber: str = "majilis",
    list_seats: Mapping[str, int] | None = None,
    district_winners: Mapping[str, str] | None = None,
    apk_seats: int = 0,
) -> ChamberComposition:
    """Add up the tiers of ``chamber`` on ``on``; each tier must fit the law's size for it.

    ``district_winners`` maps a district to the winning party (or "Independent").
    """
    book = rules_at(on)
    if not book.exists(chamber):
        raise InputError("chamber", f"the {chamber} does not exist on {on.isoformat()}")
    size = {
        "list": book.int_(f"{chamber}.seats_list"),
        "district": book.int_(f"{chamber}.seats_district"),
        "apk": book.int_(f"{chamber}.seats_apk") if chamber == "majilis" else 0,
    }
    lists = dict(list_seats or {})
    districts = Counter((district_winners or {}).values())
    filled = {"list": sum(lists.values()), "district": sum(districts.values()), "apk": apk_seats}
    for tier in TIERS:
        if filled[tier] > size[tier]:
            raise InputError(
                f"{tier}_seats",
                f"{filled[tier]} seats filled but the {chamber} "
                f"has {size[tier]} {tier} seats on {on.isoformat()}",
            )
    by_party: Counter[str] = Counter()
    by_party.update({party: n for party, n in lists.items() if n})
    by_party.update(districts)
    if apk_seats:
        by_party[APK] += apk_seats
    total = book.int_(f"{chamber}.seats_total")
    return ChamberComposition(
        chamber, on, total, filled, dict(by_party.most_common()), total - sum(filled.values())
    )
