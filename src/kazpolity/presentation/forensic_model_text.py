"""The ``kazpolity forensics klimek-fit``, ``switching`` and ``digits`` text output in Kazakh
and Russian, from the results' typed fields (estimates, intervals, replicate counts, the
estimates on a bound). English keeps the CLI's own lines (the engine's words).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING

from kazpolity.presentation.forensic_text import LINES, null_text, text
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import MISSING, format_int, format_number
from kazpolity.presentation.words import word

if TYPE_CHECKING:
    from kazpolity.forensics.digits import BatteryRow, DigitTest, Estimate
    from kazpolity.forensics.klimek import KlimekFit
    from kazpolity.forensics.on_bound import OnBound
    from kazpolity.forensics.switching_result import SwitchingResult

SYMBOLS = {"alpha": "α", "theta": "θ"}
"""Greek letters for the Klimek grid parameters (a symbol reads the same in every language)."""


def decimal_as_written(value: float, lang: Language) -> str:
    """A value as written (0.5, 1.67; up to six places) in the language's style."""
    return format_number(value, lang, len(f"{value:f}".rstrip("0").partition(".")[2]))


def bound_lines(bounds: Sequence[OnBound], lang: Language) -> list[str]:
    """``On a bound: …`` with each estimate on an edge, or nothing."""
    if not bounds:
        return []
    notes = [word(f"forensics.bound.{b.kind.value}", lang).format(
        name=SYMBOLS.get(b.parameter, b.parameter), value=decimal_as_written(b.value, lang),
        limit=decimal_as_written(b.limit, lang),
        grid="; ".join(decimal_as_written(g, lang) for g in b.grid))
        for b in bounds]
    return [word("forensics.on-bound", lang).format(notes="; ".join(notes))]


def klimek_lines(res: KlimekFit, lang: Language | str) -> list[str]:
    """The Klimek fit: statistic, null model, the estimates with their simulation spread, the
    clean blob, the estimates on a bound, the assumptions."""
    language = Language(lang)
    num = partial(format_number, lang=language)
    meaning = (word("forensics.kf-sd", language).format(n=format_int(res.repeats, language))
               if res.repeats > 1 else word("forensics.kf-one-repeat", language))
    where = "forensics.kf-regional" if res.by_region else "forensics.kf-national"
    return [
        word("forensics.kf-statistic", language),
        word("forensics.kf-null", language).format(
            scale=word(f"forensics.kf-scale.{res.clean_scale}", language),
            where=word(where, language)),
        word("forensics.kf-estimates", language).format(
            fi=num(res.f_incremental, places=3), fe=num(res.f_extreme, places=4),
            alpha=decimal_as_written(res.alpha, language),
            theta=decimal_as_written(res.theta, language),
            sdi=num(res.f_incremental_sd, places=3), sde=num(res.f_extreme_sd, places=4),
            meaning=meaning),
        word("forensics.kf-clean", language).format(
            tau=num(res.clean.tau, places=3), st=num(res.clean.sigma_tau, places=3),
            nu=num(res.clean.nu, places=3), sn=num(res.clean.sigma_nu, places=3)),
        *bound_lines(res.bounds, language),
        word("forensics.kf-assumptions", language),
    ]


def p_text(res: SwitchingResult, lang: Language) -> str:
    """The bootstrap p-value with the resolution its replicates allow (1/(R+1) at best)."""
    n = format_int(res.replicates, lang)
    if res.p_value is None:
        return word("forensics.sw-p-none", lang)
    floor = 1 / (1 + res.replicates)
    if res.p_value <= floor + 1e-12:
        return word("forensics.sw-p-floor", lang).format(
            floor=decimal_as_written(float(f"{floor:.3g}"), lang), n=n)
    return word("forensics.sw-p", lang).format(
        p=decimal_as_written(float(f"{res.p_value:.3g}"), lang), n=n)


def switching_lines(res: SwitchingResult, n_flags: int, lang: Language | str) -> list[str]:
    """The switched-votes mixture: statistic, null model, the LR test, the estimates with
    their interval, the estimates on a bound, the turnout contrast, the assumptions."""
    language = Language(lang)
    num = partial(format_number, lang=language)
    ci = res.switched_votes_interval
    shown_ci = (word("forensics.sw-ci", language).format(lo=num(ci[0], places=0),
                                                         hi=num(ci[1], places=0))
                if ci else word("forensics.sw-no-ci", language))
    return [
        word("forensics.sw-statistic", language),
        word("forensics.sw-null", language).format(replicates=word(
            "forensics.replicates", language).format(
                n=format_int(res.replicates, language), seed=res.seed)),
        word("forensics.sw-lr", language).format(
            lr=num(res.lr_statistic), p=p_text(res, language),
            used=format_int(res.n_used, language), n=format_int(res.n_precincts, language),
            level=word(f"forensics.level.{res.level}", language, res.level),
            groups=format_int(res.n_groups, language)),
        word("forensics.sw-share", language).format(
            pi=num(res.share_switched, places=3), s=num(res.fraction, places=3),
            v=num(res.switched_votes, places=0), ci=shown_ci,
            total=format_int(res.official_leader, language)),
        *bound_lines(res.bounds, language),
        word("forensics.sw-contrast", language).format(
            c=("+" if res.turnout_contrast >= 0 else "") + num(res.turnout_contrast, places=3),
            se=num(res.turnout_contrast_se, places=3), flags=format_int(n_flags, language)),
        word("forensics.sw-assumptions", language),
    ]


def _with_interval(est: Estimate | None, lang: Language) -> str:
    if est is None or not math.isfinite(est.value):
        return MISSING
    shown = format_number(est.value, lang, 3)
    if math.isfinite(est.ci_low):
        return (f"{shown} [{format_number(est.ci_low, lang, 3)}; "
                f"{format_number(est.ci_high, lang, 3)}]")
    return shown


def _series(name: str, lang: Language) -> str:
    """The EFT table's series: turnout, the leader, or a party's own label."""
    if name == "Turnout":
        return word("forensics.Turnout", lang)
    return word("leader", lang) if name == "leader" else name


def _column(code: str, lang: Language) -> str:
    """A battery column's heading: its code (_2BL, LastC, …), or a word where it is one."""
    return word(f"forensics.col.{code}", lang, code)


def digits_lines(rows: Sequence[BatteryRow], nulls: Mapping[str, str], replicates: int,
                 seed: int, last: DigitTest, pairs: Sequence[DigitTest],
                 lang: Language | str) -> list[str]:
    """The EFT battery (one row per stratum and series, each column with its bootstrap
    interval), the last-digit and digit-pair tests, and what each column is compared with."""
    language = Language(lang)
    num = partial(format_number, lang=language)
    names = list(nulls)
    lines = ["\t".join([word("forensics.dg-level", language),
                        word("forensics.dg-series", language),
                        *(_column(name, language) for name in names), "N"])]
    lines += ["\t".join([r.level, _series(r.series, language),
                         *(_with_interval(r.estimates.get(m), language) for m in names),
                         format_int(r.n, language)]) for r in rows]
    lines.append(word("forensics.dg-intervals", language).format(
        n=format_int(replicates, language), seed=seed))
    shown_pairs = "; ".join(LINES["pair"][language.value].format(
        name=text(p.name, language, p.name), s=num(p.statistic, places=3),
        e=num(p.expected, places=2), p=num(p.p_value, places=4)) for p in pairs)
    lines.append(word("forensics.dg-last", language).format(
        chi=num(last.statistic), p=num(last.p_value, places=4),
        n=format_int(last.n, language), pairs=shown_pairs))
    lines.append(word("forensics.dg-nulls", language) + " " + "; ".join(
        f"{_column(key, language)}: {null_text(key, english, language)}"
        for key, english in nulls.items()))
    return lines
