"""Names in Kazakh and Russian for what kazpolity shows in English (bodies, offices, parties,
candidates, election kinds, eras), loaded strictly from ``names.yaml``; see ``catalogue``."""

from kazpolity.names.catalogue import (
    KINDS,
    LANGS,
    Catalogue,
    NameEntry,
    catalogue,
    name_of,
    person_name,
    result_name,
)

__all__ = ["KINDS", "LANGS", "Catalogue", "NameEntry", "catalogue", "name_of", "person_name",
           "result_name"]
