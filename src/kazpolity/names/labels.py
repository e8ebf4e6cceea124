"""Short labels in each language that are not names of things: tile codes of places, titles
of rules, titles of the acts rules cite, and the words of enumerated rule values.

Each lives in its own YAML file beside this module (``place_codes.yaml``, ``rule_titles.yaml``,
``acts.yaml``, ``values.yaml``), keyed by the identifier the code uses, with ``kk`` and ``ru``
(and ``en`` where the English label is not the rulebook's own). A missing language falls back
to English; a malformed file is refused with a ``DataFileError`` naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final

from kazpolity.datafile import read_data
from kazpolity.errors import DataFileError

HERE: Final = Path(__file__).parent
LABEL_FILES: Final = ("place_codes", "rule_titles", "acts", "values")
LANGS: Final = frozenset({"en", "kk", "ru"})


@cache
def labels(kind: str) -> Mapping[str, Mapping[str, str]]:
    """Every entry of one label file: identifier → language → label."""
    if kind not in LABEL_FILES:
        raise KeyError(f"unknown kind of label {kind!r} (known: {', '.join(LABEL_FILES)})")
    path = HERE / f"{kind}.yaml"
    data = read_data(path)
    entries = data.get("labels") if isinstance(data, dict) else None
    if not isinstance(entries, dict) or not data.get("sources"):
        raise DataFileError(str(path), None, kind, "needs `sources:` and a `labels:` mapping")
    for key, entry in entries.items():
        if not isinstance(entry, dict) or not set(entry) <= LANGS or not all(
                isinstance(text, str) and text.strip() for text in entry.values()):
            raise DataFileError(str(path), None, str(key),
                                "each label maps en/kk/ru to non-empty text")
    return {str(key): dict(entry) for key, entry in entries.items()}


def label(kind: str, key: str, lang: str, default: str | None = None) -> str:
    """The label of ``key`` in ``lang``; else its English label, ``default`` or the key."""
    entry = labels(kind).get(key, {})
    return entry.get(lang) or entry.get("en") or (default if default is not None else key)


def place_code(region_code: str, lang: str) -> str:
    """A place's short code on a tile map in ``lang`` (``WKZ``, ``БҚО``, ``ЗКО``), never the
    Russian transliteration in every language."""
    return label("place_codes", region_code, lang, region_code.removeprefix("KZ-"))
