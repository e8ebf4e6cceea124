"""The forensics page's texts in Kazakh and Russian come from the report's typed fields."""

from __future__ import annotations

import re

import pytest

from kazpolity.forensics.digits import BATTERY_NULLS
from kazpolity.forensics.report import ForensicReport, build_report, summary_lines
from kazpolity.presentation.forensic_text import NULLS, null_text, summary, text
from kazpolity.simulate.election import ElectionSpec, generate_election

LATIN = re.compile(r"[A-Za-z]{3,}")
"""A Latin word of three letters or more (statistic symbols such as p, n, f_e, LR stay)."""


@pytest.fixture(scope="module")
def report() -> ForensicReport:
    election = generate_election(ElectionSpec(n_regions=3, precincts_per_region=100), 7)
    return build_report(election.table(), replicates=20, seed=0, klimek_repeats=0,
                        switching_replicates=9)


def test_english_keeps_the_engine_s_summary(report: ForensicReport) -> None:
    english = summary(report, "en")
    assert english == [(line.topic, line.text) for line in summary_lines(report)[1:]]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_summary_has_no_english_words(report: ForensicReport, lang: str) -> None:
    lines = summary(report, lang)
    assert len(lines) == len(summary_lines(report)) - 1
    for topic, line in lines:
        assert not LATIN.findall(topic + " " + line.replace("Климек", "")), (topic, line)


def test_numbers_follow_the_locale(report: ForensicReport) -> None:
    assert report.last_digit is not None
    n = report.last_digit.n
    digits = dict(summary(report, "ru"))["цифры"]
    assert f"{n:,}".replace(",", "\u202f") in digits
    assert f"{report.last_digit.statistic:.1f}".replace(".", ",") in digits


def test_every_battery_null_has_both_languages() -> None:
    assert set(NULLS) == set(BATTERY_NULLS)
    for key, entry in NULLS.items():
        assert set(entry) == {"kk", "ru"}, key
    assert null_text("_2BL", BATTERY_NULLS["_2BL"], "ru").endswith("(среднее 4,187)")
    assert text("falsified", "kk", "x", n="12") == "12 учаске бұрмаланған"
    assert text("falsified", "en", "12 precincts falsified", n="12") == "12 precincts falsified"


def test_a_method_not_run_is_a_typed_reason_rendered_in_each_language() -> None:
    """Too few precincts for the switching mixture (30) and the Klimek fit (50): the report
    records the reason with its numbers; the Russian and Kazakh texts come from the record."""
    from kazpolity.forensics.not_run import NotRunReason
    from kazpolity.presentation.forensic_text import not_run_text

    election = generate_election(ElectionSpec(n_regions=1, precincts_per_region=20), 4)
    small = build_report(election.table(), replicates=20, seed=0, klimek_repeats=1)
    records = {item.method: item for item in small.not_run}
    assert records["switching"].reason is NotRunReason.TOO_FEW_PRECINCTS
    assert (records["switching"].needed, records["switching"].found) == (30, 20)
    assert not_run_text(records["switching"], "ru") == \
        "нужно не менее 30 пригодных участков (найдено 20)"
    assert not_run_text(records["klimek_fit"], "kk").startswith("кемінде 50 жарамды учаске")
    lines = dict(summary(small, "ru"))
    assert lines["смесь с переброской голосов"].startswith("не выполнено: нужно не менее 30")
