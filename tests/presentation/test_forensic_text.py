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
