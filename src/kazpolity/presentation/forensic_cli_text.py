"""The ``kazpolity forensics`` text output in Kazakh and Russian, from the results' typed
fields: the rows read and used, the report's summary, the protocol checks, the integer-percent
test and the clean-peak estimate. English keeps the CLI's own lines (the engine's words).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from kazpolity.forensics.not_run import NotRun
from kazpolity.presentation.forensic_text import RELATIONS, not_run_text, summary, text
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_int, format_number
from kazpolity.presentation.words import word

if TYPE_CHECKING:
    from kazpolity.forensics.consistency import ConsistencyResult, Residual
    from kazpolity.forensics.intake import Intake
    from kazpolity.forensics.integer_percent import IntegerPercentResult
    from kazpolity.forensics.klimek import Fingerprint
    from kazpolity.forensics.report import ForensicReport
    from kazpolity.forensics.shpilkin import ShpilkinEstimate

R = TypeVar("R")


def _relation(name: str, lang: Language) -> str:
    return RELATIONS.get(name, {}).get(lang.value, name)


def intake_line(intake: Intake, lang: Language | str) -> str:
    """What was read and left out."""
    language = Language(lang)
    return word("forensics.rows", language).format(
        read=format_int(intake.rows_read, language),
        skipped=format_int(intake.skipped_incomplete, language),
        inconsistent=format_int(intake.excluded_inconsistent, language),
        used=format_int(len(intake.table), language))


def not_run_line(item: NotRun, lang: Language | str) -> str:
    """``not run: …`` for a stratum or a method the table cannot feed."""
    language = Language(lang)
    return word("forensics.not-run", language).format(why=not_run_text(item, language))


def report_lines(report: ForensicReport, lang: Language | str) -> list[str]:
    """The report's head and its summary, one line per topic."""
    language = Language(lang)
    head = word("forensics.report-head", language).format(
        n=format_int(report.n_precincts, language),
        turnout=format_number(100 * report.turnout, language, 2))
    return [head, *(f"{topic}: {line}" for topic, line in summary(report, language))]


def consistency_lines(found: ConsistencyResult, residuals: Sequence[Residual],
                      lang: Language | str,
                      strata: Sequence[tuple[str, ConsistencyResult | NotRun]] = ()
                      ) -> list[str]:
    """Each protocol relation checked (or why not) and the residuals, largest first; with
    ``--by``, one line per stratum first."""
    language = Language(lang)
    lines = _strata(strata, lambda r: word("forensics.cons-stratum", language).format(
        n=format_int(len(r.residuals), language), checks="; ".join(
            f"{_relation(ch.relation.name, language)} {format_int(ch.violations, language)}"
            f"/{format_int(ch.checked, language)}" for ch in r.checks if ch.checked)),
        language)
    for check in found.checks:
        if check.checked:
            shown = word("forensics.breaks", language).format(
                bad=format_int(check.violations, language),
                n=format_int(check.checked, language))
        else:
            shown = word("forensics.not-checked", language).format(
                roles=", ".join(check.missing))
        lines.append(f"  {_relation(check.relation.name, language)}: {shown}")
    if not found.n_checked_relations:
        lines.append(word("forensics.none-checked", language))
    lines.append(word("forensics.residuals", language).format(
        n=format_int(len(residuals), language)))
    lines += [f"  {r.unit}: {r.field} {r.residual:+d} ({_relation(r.rule, language)})"
              for r in residuals[:200]]
    return lines


def _strata(strata: Sequence[tuple[str, R | NotRun]], shown: Callable[[R], str],
            lang: Language) -> list[str]:
    """One line per stratum: its result, or why the method was not run on it."""
    return [f"  {name}: {not_run_line(r, lang) if isinstance(r, NotRun) else shown(r)}"
            for name, r in strata]


def integer_lines(result: IntegerPercentResult,
                  strata: Sequence[tuple[str, IntegerPercentResult | NotRun]],
                  lang: Language | str) -> list[str]:
    """The integer-percent test: statistic, null model, the excess and its null band."""
    language = Language(lang)
    num = partial(format_number, lang=language, places=1)
    lines = [
        f"{word('Statistic:', language)} {text('int-statistic', language)}.",
        f"{word('Null model:', language)} {text('int-null', language)}; "
        + word("forensics.replicates", language).format(
            n=format_int(result.replicates, language), seed=result.seed),
        f"{text('int-included', language)}: " + text(
            "of", language, a=format_int(result.n_included, language),
            b=format_int(result.n_precincts, language)),
        word("forensics.int-excess-line", language).format(
            x=num(result.excess_any), sd=num(result.null_sd), lo=num(result.band_999[0]),
            hi=num(result.band_999[1]), t=num(result.excess_turnout),
            leader=num(result.excess_leader)),
    ]
    lines += _strata(strata, lambda r: word("forensics.int-stratum", language).format(
        x=num(r.excess_any), sd=num(r.null_sd), n=format_int(r.n_included, language)),
        language)
    lines.append(f"{word('Assumptions:', language)} {text('int-assumptions', language)}.")
    return lines


def shpilkin_lines(result: ShpilkinEstimate,
                   strata: Sequence[tuple[str, ShpilkinEstimate | NotRun]],
                   lang: Language | str) -> list[str]:
    """The clean-peak estimate: its range, each variant, and what it assumes."""
    language = Language(lang)
    votes = partial(format_number, lang=language, places=0)
    lines = _strata(strata, lambda r: word("forensics.shp-range", language).format(
        lo=votes(r.low), hi=votes(r.high), total=format_int(r.official_leader, language)),
        language)
    lines.append(word("forensics.shp-line", language).format(
        lo=votes(result.low), hi=votes(result.high), mid=votes(result.central),
        total=format_int(result.official_leader, language)))
    lines.append(word("forensics.shp-model", language))
    for v in result.variants:
        window = word("forensics.shp-left", language) if v.window is None else (
            word("forensics.shp-points", language).format(n=format_number(
                100 * v.window, language, 0)))
        lines.append("  " + word("forensics.shp-variant", language).format(
            bin=format_number(100 * v.bin_width, language, 1), window=window,
            peak=format_number(100 * v.peak_turnout, language, 1),
            share=format_number(100 * v.clean_share, language, 2),
            votes=votes(v.anomalous_votes)))
    lines.append(word("forensics.shp-assumptions", language))
    return lines


def fingerprint_lines(fp: Fingerprint, bins: int, top: tuple[Any, ...],
                      lang: Language | str,
                      strata: Sequence[tuple[str, Fingerprint | NotRun]] = ()) -> list[str]:
    """The fingerprint's size, its densest cell and its top right corner (a picture, no
    test); with ``--by``, one line per stratum first."""
    language = Language(lang)
    return [*_strata(strata, lambda r: word("forensics.fp-stratum", language).format(
        n=format_int(r.n_used, language), corner=format_int(int(r.counts[-1, -1]), language)),
        language), word("forensics.fp-line", language).format(
        n=format_int(fp.n_used, language), bins=bins,
        turnout=format_number(100 * fp.turnout_edges[top[0]], language, 0),
        share=format_number(100 * fp.share_edges[top[1]], language, 0),
        corner=format_int(int(fp.counts[-1, -1]), language)),
        word("forensics.fp-statistic", language)]
