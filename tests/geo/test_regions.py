"""Tests for kazpolity.geo: Kazakhstan's first-level units by date.

Expected counts come from ../shared/facts/kz-rules.md §3 (20 → 16 → 17 → 20 units, i.e.
40 → 32 → 34 → 40 elected senators at two per unit) and kz-seed-discrepancies.md (b), (c).
"""

from __future__ import annotations

import textwrap
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kazpolity.errors import DataFileError, InputError, NotFound, OutOfModelRange
from kazpolity.geo import (
    GEO_START,
    Tile,
    capital_at,
    capital_name_at,
    iter_eras,
    load_regions_file,
    region_changes,
    region_codes,
    region_count_at,
    region_history,
    region_sources,
    regions_at,
)
from kazpolity.geo.regions import _bundled_path

TODAY = date(2026, 11, 23)


def _months(start: date, end: date) -> list[date]:
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        days.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


MONTHLY = _months(date(1995, 9, 1), date(2026, 12, 1))


# --- counts and capitals pinned to the shared facts ---------------------------------------


@pytest.mark.parametrize(
    ("day", "units"),
    [
        (date(1995, 12, 5), 20),  # first Senate election: 19 oblasts + Almaty
        (date(1999, 9, 17), 16),  # 14 oblasts + Almaty + Astana
        (date(2007, 8, 18), 16),
        (date(2018, 7, 1), 17),  # + Shymkent
        (date(2020, 8, 12), 17),
        (date(2023, 1, 14), 20),  # + Abai, Jetisu, Ulytau
        (TODAY, 20),
    ],
)
def test_unit_counts_match_the_facts(day: date, units: int) -> None:
    assert region_count_at(day) == units


@pytest.mark.parametrize(
    ("day", "seats"),
    [
        (date(1995, 12, 5), 40),
        (date(1999, 9, 17), 32),
        (date(2020, 8, 12), 34),
        (date(2023, 1, 14), 40),
    ],
)
def test_two_senators_per_unit_gives_the_published_elected_seats(day: date, seats: int) -> None:
    assert 2 * region_count_at(day) == seats


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(1996, 1, 1), "Almaty"),
        (date(1998, 1, 1), "Akmola"),
        (date(2000, 1, 1), "Astana"),
        (date(2020, 1, 1), "Nur-Sultan"),
        (date(2023, 1, 1), "Astana"),
    ],
)
def test_capital_names(day: date, name: str) -> None:
    assert capital_name_at(day) == name


def test_capital_names_in_kazakh_and_russian() -> None:
    assert capital_name_at(date(2020, 1, 1), "kk") == "Нұр-Сұлтан"
    assert capital_name_at(date(2020, 1, 1), "ru") == "Нур-Султан"
    assert capital_name_at(date(1996, 1, 1), "ru") == "Алматы"
    assert capital_name_at(date(1998, 1, 1), "kk") == "Ақмола"


def test_capital_moves_on_1997_12_10_and_almaty_stays_a_city() -> None:
    assert capital_at(date(1997, 12, 9)).code == "KZ-ALA"
    assert capital_at(date(1997, 12, 10)).code == "KZ-AST"
    almaty_after = {r.code: r for r in regions_at(date(1997, 12, 10))}["KZ-ALA"]
    assert almaty_after.kind == "city"
    assert [r.kind for r in region_history("KZ-ALA")] == ["capital", "city"]


def test_capital_name_boundaries() -> None:
    assert capital_name_at(date(1998, 5, 5)) == "Akmola"
    assert capital_name_at(date(1998, 5, 6)) == "Astana"
    assert capital_name_at(date(2019, 3, 22)) == "Astana"
    assert capital_name_at(date(2019, 3, 23)) == "Nur-Sultan"
    assert capital_name_at(date(2022, 9, 19)) == "Astana"


def test_astana_keeps_one_code_through_its_names() -> None:
    names = [r.name_en for r in region_history("KZ-AST")]
    assert names == ["Akmola", "Astana", "Nur-Sultan", "Astana"]


def test_the_1997_mergers() -> None:
    before = {r.code for r in regions_at(date(1997, 4, 21))}
    middle = {r.code for r in regions_at(date(1997, 4, 22))}
    after = {r.code for r in regions_at(date(1997, 5, 3))}
    assert before - middle == {"KZ-TAL", "KZ-TOR"}
    assert middle - after == {"KZ-SEM", "KZ-KOK", "KZ-ZHE"}
    assert len([r for r in regions_at(date(1999, 1, 1)) if r.kind == "oblast"]) == 14


def test_shymkent_and_turkestan_2018() -> None:
    south = {r.code: r for r in regions_at(date(2018, 6, 18))}
    assert "KZ-SHY" not in south
    assert south["KZ-YUZ"].name_en == "South Kazakhstan Region"
    assert south["KZ-YUZ"].centre == "Shymkent"
    turk = {r.code: r for r in regions_at(date(2018, 6, 19))}
    assert turk["KZ-SHY"].kind == "city"
    assert turk["KZ-YUZ"].name_en == "Turkistan Region"
    assert turk["KZ-YUZ"].centre == "Turkestan"


def test_2022_oblasts_in_force_from_june_8() -> None:
    new = {"KZ-ABA", "KZ-JET", "KZ-ULY"}
    assert not new & {r.code for r in regions_at(date(2022, 6, 7))}
    assert new <= {r.code for r in regions_at(date(2022, 6, 8))}
    kinds = [r.kind for r in regions_at(date(2023, 1, 14))]
    assert kinds.count("oblast") == 17
    assert kinds.count("city") + kinds.count("capital") == 3


def test_baikonur_is_not_a_unit() -> None:
    for day in MONTHLY:
        for region in regions_at(day):
            assert "baikonur" not in region.name_en.lower()
            assert "leninsk" not in region.name_en.lower()


def test_region_changes() -> None:
    changes = region_changes()
    assert changes[0] == GEO_START
    assert list(changes) == sorted(set(changes))
    for day in (
        date(1997, 4, 22),
        date(1997, 5, 3),
        date(1997, 12, 10),
        date(1998, 5, 6),
        date(2018, 6, 19),
        date(2019, 3, 23),
        date(2022, 6, 8),
        date(2022, 9, 19),
    ):
        assert day in changes
    # a centre move alone is not a change of the set
    assert date(2001, 4, 14) not in changes
    # between two change dates the composition is constant
    for _start, end, units in iter_eras():
        probe = (end - timedelta(days=1)) if end is not None else TODAY
        assert {(r.code, r.name_en, r.kind) for r in regions_at(probe)} == {
            (r.code, r.name_en, r.kind) for r in units
        }


# --- date grid ---------------------------------------------------------------------------


@pytest.mark.parametrize("day", MONTHLY, ids=lambda d: d.strftime("%Y-%m"))
def test_monthly_grid_codes_and_tiles_unique(day: date) -> None:
    units = regions_at(day)
    codes = [r.code for r in units]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))
    tiles = [r.tile for r in units]
    assert len(tiles) == len(set(tiles))
    assert sum(r.kind == "capital" for r in units) == 1
    assert region_count_at(day) in {15, 16, 17, 18, 20}


@given(st.dates(min_value=GEO_START, max_value=date(2030, 12, 31)))
def test_any_day_is_consistent(day: date) -> None:
    units = regions_at(day)
    assert all(r.in_force(day) for r in units)
    assert len({r.code for r in units}) == len(units)
    assert capital_at(day) in units


# --- data quality -------------------------------------------------------------------------


def test_every_interval_cites_a_source_and_unverified_ones_explain() -> None:
    urls = {s.url for s in region_sources()}
    for code in region_codes():
        for region in region_history(code):
            cited = region.source.split(" ; ")
            assert cited and all(url in urls for url in cited)
            assert all(url.startswith(("http://", "https://")) for url in cited)
            if region.unverified:
                assert region.note


def test_history_is_sorted_and_contiguous_per_unit() -> None:
    for code in region_codes():
        history = region_history(code)
        for earlier, later in pairwise(history):
            assert earlier.valid_until is not None
            assert earlier.valid_until <= later.valid_from


def test_unverified_dates_are_flagged() -> None:
    flagged = {
        (r.code, r.valid_from) for c in region_codes() for r in region_history(c) if r.unverified
    }
    assert ("KZ-SEM", GEO_START) in flagged
    assert ("KZ-AST", date(1997, 12, 10)) in flagged


# --- bad input ----------------------------------------------------------------------------


def test_dates_before_the_model_are_out_of_range() -> None:
    with pytest.raises(OutOfModelRange) as err:
        regions_at(GEO_START - timedelta(days=1))
    assert err.value.field == "on"
    assert region_count_at(GEO_START) == 20


def test_non_dates_are_rejected() -> None:
    with pytest.raises(InputError) as err:
        regions_at(datetime(2000, 1, 1, 12, 0))
    assert err.value.field == "on"


def test_unknown_language() -> None:
    with pytest.raises(InputError) as err:
        capital_name_at(date(2000, 1, 1), "de")
    assert err.value.field == "lang"


def test_unknown_code() -> None:
    with pytest.raises(NotFound) as err:
        region_history("KZ-XXX")
    assert err.value.field == "code"


# --- the validator on temporary files ---------------------------------------------------

VALID = """\
sources:
  - {id: s1, url: "https://example.org/a", title: A}
units:
  - code: KZ-AAA
    kind: capital
    names: {en: Capital, kk: Астана, ru: Астана}
    tile: {col: 0, row: 0}
    intervals:
      - {from: 1995-08-30, until: 2000-01-01, source: s1}
      - {from: 2000-01-01, until: null, source: [s1], names: {en: New Name}, tile: {col: 1, row: 0}}
  - code: KZ-BBB
    kind: oblast
    names: {en: Oblast, kk: Облыс, ru: Область}
    tile: {col: 0, row: 1}
    intervals:
      - {from: 1995-08-30, until: null, source: s1, unverified: true, note: why}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regions.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_validator_accepts_a_valid_file_with_overrides(tmp_path: Path) -> None:
    table = load_regions_file(_write(tmp_path, VALID))
    late = {r.code: r for r in table.on(date(2001, 1, 1))}
    assert late["KZ-AAA"].name_en == "New Name"
    assert late["KZ-AAA"].name_kk == "Астана"
    assert late["KZ-AAA"].tile == Tile(1, 0)
    assert late["KZ-BBB"].unverified
    assert late["KZ-AAA"].source == "https://example.org/a"


def test_the_bundled_file_passes_the_same_validator() -> None:
    table = load_regions_file(_bundled_path())
    assert len(table.on(date(1995, 12, 5))) == 20


BAD_CASES = [
    # (id, original text, replacement, expected key fragment)
    ("missing-source", ", source: s1, unverified", ", unverified", "intervals[0].source"),
    ("bad-date", "until: 2000-01-01, source: s1}", "until: 01.01.2000, source: s1}", "until"),
    (
        "impossible-date",
        "{from: 1995-08-30, until: 2000-01-01",
        "{from: 1995-02-30, until: 2000-01-01",
        "from",
    ),
    (
        "until-before-from",
        "until: 2000-01-01, source: s1}",
        "until: 1990-01-01, source: s1}",
        "until",
    ),
    (
        "overlap",
        "{from: 2000-01-01, until: null",
        "{from: 1999-01-01, until: null",
        "intervals[1].from",
    ),
    ("unknown-kind", "kind: oblast", "kind: province", "kind"),
    ("unknown-source", "source: [s1]", "source: [s9]", "source"),
    ("empty-source", "source: s1, unverified", "source: '', unverified", "source"),
    (
        "missing-name",
        "{en: Oblast, kk: Облыс, ru: Область}",
        "{en: Oblast, ru: Область}",
        "names.kk",
    ),
    ("duplicate-code", "code: KZ-BBB", "code: KZ-AAA", "code"),
    ("bad-code", "code: KZ-BBB", "code: kz-b", "code"),
    ("tile-clash", "tile: {col: 0, row: 1}", "tile: {col: 1, row: 0}", "tile"),
    ("two-capitals", "kind: oblast", "kind: capital", "kind"),
    ("unknown-key", "unverified: true", "unverifed: true", "unverifed"),
    ("before-start", "{from: 1995-08-30, until: null", "{from: 1990-01-01, until: null", "from"),
    ("no-sources", '  - {id: s1, url: "https://example.org/a", title: A}\n', "  []\n", "sources"),
    ("not-a-url", "https://example.org/a", "example.org/a", "url"),
    ("unverified-not-bool", "unverified: true", "unverified: maybe", "unverified"),
    ("syntax", "tile: {col: 0, row: 1}", "tile: {col: 0, row: 1", "(syntax)"),
]


@pytest.mark.parametrize(("case", "old", "new", "key"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_validator_rejects_bad_files(
    tmp_path: Path, case: str, old: str, new: str, key: str
) -> None:
    assert old in VALID, case
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(DataFileError) as err:
        load_regions_file(path)
    assert key in err.value.key, (case, err.value.key, str(err.value))
    assert err.value.path == str(path)
    assert err.value.line is not None


def test_validator_rejects_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as err:
        load_regions_file(tmp_path / "absent.yaml")
    assert err.value.key == "(file)"
    with pytest.raises(DataFileError) as err:
        load_regions_file(_write(tmp_path, ""))
    assert err.value.key == "(file)"


def test_validator_requires_top_level_units(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as err:
        load_regions_file(_write(tmp_path, 'sources:\n  - {id: s1, url: "https://x.org"}\n'))
    assert err.value.key == "units"
