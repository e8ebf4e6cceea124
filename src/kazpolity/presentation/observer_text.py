"""The observers' tools' text output in Kazakh and Russian — ``forensics copies``, ``panel``,
``pvt sample`` and ``pvt estimate`` — from the results' typed fields. English keeps the CLI's
own lines (the engine's words).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from kazpolity.presentation.forensic_model_text import decimal_as_written
from kazpolity.presentation.forensic_text import text
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_int, format_number
from kazpolity.presentation.words import word

if TYPE_CHECKING:
    from kazpolity.forensics.copies import CopiesComparison
    from kazpolity.forensics.panel import PanelPoint
    from kazpolity.forensics.pvt import PvtEstimate, SampleDesign


def _signed(value: int, lang: Language) -> str:
    return ("+" if value >= 0 else "") + format_int(value, lang)


def protocol_line(line: str, lang: Language) -> str:
    """A protocol line (a count role, or ``party:<label>``) in the language."""
    party, _, label = line.partition(":")
    if party == "party" and label:
        return word("forensics.role.party", lang).format(name=label)
    return word(f"forensics.role.{line}", lang, line)


def copies_lines(result: CopiesComparison, lang: Language | str) -> list[str]:
    """How many copies were compared and differ, a summary by region, each difference."""
    language = Language(lang)
    count = partial(format_int, lang=language)
    lines = [word("forensics.cp-head", language).format(
        n=count(result.compared), k=count(len(result.lines)),
        lines=", ".join(protocol_line(line, language) for line in result.lines),
        bad=count(result.differing), unknown=count(len(result.not_in_official)))]
    lines += ["  " + word("forensics.cp-region", language).format(
        region=r.region, bad=count(r.differing), n=count(r.compared),
        d=_signed(r.leader_difference, language)) for r in result.by_region]
    lines += ["  " + word("forensics.cp-difference", language).format(
        precinct=d.precinct, region=d.region, line=protocol_line(d.line, language),
        official=count(d.official), copy=count(d.copy), d=_signed(d.difference, language))
        for d in result.differences[:200]]
    return lines


def html_line(path: object, lang: Language | str) -> str:
    """Where an HTML report was written."""
    return word("forensics.html-report", Language(lang)).format(path=path)


def _significant(value: float, lang: Language) -> str:
    """``value`` to four significant digits, as the English panel's ``{:.4g}`` shows it."""
    if not math.isfinite(value):
        return str(value)
    return decimal_as_written(float(f"{value:.4g}"), lang)


def panel_lines(statistic: str, points: Sequence[PanelPoint],
                lang: Language | str) -> list[str]:
    """The statistic, what it means, and its value with the reference band per election."""
    language = Language(lang)
    lines = [f"{statistic}: {word(f'forensics.panel.{statistic}', language)}"]
    lines += ["  " + word("forensics.panel-point", language).format(
        label=p.label, v=_significant(p.value, language), lo=_significant(p.low, language),
        hi=_significant(p.high, language), n=format_int(p.n_precincts, language))
        for p in points]
    return lines


def pvt_sample_lines(design: SampleDesign, n_frame: int, written: str | None,
                     lang: Language | str) -> list[str]:
    """The sample's size and how it came, the precincts drawn per region, where they went."""
    language = Language(lang)
    lines = [word("forensics.pvt-sample", language).format(
        size=format_int(design.size, language), n=format_int(n_frame, language),
        raw=format_number(design.size_unrounded, language, 1),
        margin=decimal_as_written(design.margin, language),
        confidence=decimal_as_written(design.confidence, language),
        sd=format_number(design.residual_sd, language, 4),
        source=word(design.sd_source, language), seed=design.seed)]
    lines += [f"  {name}: " + text("of", language, a=format_int(n, language),
                                   b=format_int(m, language))
              for name, (m, n) in design.strata.items()]
    if written is not None:
        lines.append(word("forensics.pvt-written", language).format(path=written))
    return lines


def pvt_estimate_lines(result: PvtEstimate, lang: Language | str) -> list[str]:
    """Each estimate with its interval beside the official figure, the model and what it
    assumes."""
    language = Language(lang)
    pct = partial(format_number, lang=language, places=2)
    lines = [word("forensics.pvt-head", language).format(
        n=format_int(result.n_sampled, language), frame=format_int(result.n_frame, language),
        k=format_int(result.n_strata, language),
        confidence=format_number(100 * result.confidence, language, 0))]
    for est in (result.share, result.turnout):
        if est is None:
            continue
        line = word("forensics.pvt-estimate", language).format(
            quantity=word(f"forensics.pvt.{est.quantity}", language), e=pct(100 * est.estimate),
            lo=pct(100 * est.low), hi=pct(100 * est.high), se=pct(100 * est.se))
        if est.official is not None:
            where = "forensics.pvt-outside" if est.official_outside else "forensics.pvt-inside"
            line += word(where, language).format(official=pct(100 * est.official))
        lines.append(line)
    lines += [word("forensics.pvt-null", language), word("forensics.pvt-assumptions", language)]
    return lines
