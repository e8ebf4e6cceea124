"""Party colours, the regions cartogram, and compositions from published results."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kazpolity.charts.compositions import chamber_composition, election_composition
from kazpolity.charts.palette import (
    APK_COLOUR,
    FALLBACK,
    UNKNOWN_COLOUR,
    party_colour,
    text_colour,
)
from kazpolity.charts.regions_map import TileValue, regions_map_svg
from kazpolity.elections.official import official_election, official_elections
from kazpolity.geo import regions_at
from kazpolity.law import rules_at

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(("name", "colour"), [
    ("Amanat", "#1f5fa8"), ("Nur Otan", "#1f5fa8"), ("Otan", "#1f5fa8"),
    ("Ak Zhol Democratic Party", "#2a9df4"), ("Auyl", "#3a9a3a"),
    ("People's Party of Kazakhstan (QHP)", "#c0262d"),
    ("Communist People's Party (QKHP)", "#c0262d"),
    ("APK-elected deputies", APK_COLOUR), ("unknown", UNKNOWN_COLOUR),
])
def test_known_parties_keep_their_colour(name: str, colour: str) -> None:
    assert party_colour(name) == colour


def test_other_names_hash_to_the_fallback_palette() -> None:
    name = "Federation of Trade Unions"
    expected = FALLBACK[hashlib.sha256(name.lower().encode()).digest()[0] % len(FALLBACK)]
    assert party_colour(name) == expected == party_colour("  federation of  TRADE unions ")


def test_text_colour_contrasts() -> None:
    assert text_colour("#ffffff") != text_colour("#000000")


def test_map_has_one_tile_per_unit_in_force() -> None:
    for day in (date(1995, 9, 1), date(2008, 1, 1), date(2023, 3, 19)):
        regions = regions_at(day)
        root = ET.fromstring(regions_map_svg(regions, title="t"))
        tiles = [g for g in root.iter(f"{SVG}g") if g.get("class") == "tile"]
        assert sorted(t.get("data-code") for t in tiles) == sorted(r.code for r in regions)


def test_map_values_and_languages() -> None:
    regions = regions_at(date(2023, 3, 19))
    text = regions_map_svg(regions, title="t", lang="kk",
                           values={"KZ-AST": TileValue(70.0, "70.0%"),
                                   "KZ-ALA": TileValue(40.0, "40.0%")}, value_name="turnout")
    assert "Астана" in text and "70.0%" in text and "20 бірліктің 2 мәні бар" in text
    assert "Astana" not in text
    english = regions_map_svg(regions, title="t", lang="en", values={
        "KZ-AST": TileValue(70.0, "70.0%")}, value_name="turnout")
    assert "1 of 20 units have a value" in english


def _codes(text: str) -> dict[str, str]:
    root = ET.fromstring(text)
    return {g.get("data-code") or "": next(g.iter(f"{SVG}text")).text or ""
            for g in root.iter(f"{SVG}g") if g.get("class") == "tile"}


def test_tile_codes_are_in_the_language_of_the_map() -> None:
    for day in (date(1996, 1, 1), date(2008, 1, 1), date(2023, 3, 19)):
        regions = regions_at(day)
        by_lang = {lang: _codes(regions_map_svg(regions, title="t", lang=lang))
                   for lang in ("en", "kk", "ru")}
        for lang, codes in by_lang.items():
            assert len(set(codes.values())) == len(regions), (day, lang)  # no two alike
    codes = by_lang
    assert (codes["en"]["KZ-ZAP"], codes["kk"]["KZ-ZAP"], codes["ru"]["KZ-ZAP"]) == (
        "WKZ", "БҚО", "ЗКО")
    assert (codes["en"]["KZ-SEV"], codes["kk"]["KZ-SEV"], codes["ru"]["KZ-SEV"]) == (
        "NKZ", "СҚО", "СКО")
    assert all(re.fullmatch(r"[А-ЯӘҒҚҢӨҰҮҺІ]{3}", code) for code in codes["kk"].values())


def test_no_two_parties_of_one_election_share_a_colour() -> None:
    from kazpolity.charts.palette import NEUTRAL, distinct_colours
    from kazpolity.elections.official import official_elections

    assert party_colour("AIST bloc (Agrarian + Civic parties)") != party_colour("Auyl")
    for election in official_elections():
        names = [row.name for row in election.rows if row.kind == "list"]
        colours = [c for c in distinct_colours(names).values() if c not in NEUTRAL]
        assert len(colours) == len(set(colours)), election.election_id


def test_majilis_2023_composition_is_the_published_totals() -> None:
    election = official_election("majilis-2023")
    composition = election_composition(election)
    assert composition is not None
    expected = {row.name: row.seats_total for row in election.rows if row.seats_total}
    assert {g.name: g.seats for g in composition.groups} == expected
    assert composition.seats == rules_at(election.date).int_("majilis.seats_total") == 98


def test_every_seat_election_fills_the_law_or_says_why() -> None:
    for election in official_elections():
        composition = election_composition(election)
        if election.body in {"president", "referendum"}:
            assert composition is None
            continue
        if composition is None:
            continue
        if composition.seats_by_law is not None and composition.seats != composition.seats_by_law:
            assert composition.notes


def test_chambers_on_dates() -> None:
    kurultai = chamber_composition("kurultai", date(2026, 11, 1))
    assert kurultai is not None and kurultai.seats == 145
    assert chamber_composition("majilis", date(2026, 11, 1)) is None
    senate = chamber_composition("senate", date(2024, 1, 1))
    assert senate is not None
    book = rules_at(date(2024, 1, 1))
    assert senate.seats == book.int_("senate.seats_total")
    majilis = chamber_composition("majilis", date(2012, 6, 1))
    assert majilis is not None and majilis.election_id == "majilis-2012"


def test_every_bundled_election_shows_its_parties_in_distinct_colours() -> None:
    from kazpolity.charts.election_colours import result_colour
    from kazpolity.charts.palette import NEUTRAL

    for election in official_elections():
        colours = [result_colour(row.name) for row in election.rows]
        parties = [c for c in colours if c not in NEUTRAL]
        assert len(parties) == len(set(parties)), election.election_id
    assert result_colour("Amanat") == party_colour("Amanat")  # known parties keep theirs
    assert result_colour("Not a party of any election") == party_colour(
        "Not a party of any election")
