"""Election outcomes as plain text for a terminal: a table and the numbered steps, in the
reader's language.

Quota methods show each list's quotient, integer part and remainder; divisor methods show, per
seat, which list won it with which divisor and average — never a quota or a remainder, which
those methods do not have. Every heading and label comes from the word catalogue, names from
the names catalogue and numbers through the locale formats; the act and article the method
rests on is English text and is printed in English only (``--lang en``), as the dashboard keeps
it in its "in English" disclosure.
"""

from __future__ import annotations

from collections.abc import Callable

from kazpolity.elections.explanation import Allocation, fraction_text
from kazpolity.elections.kazakh_lists import ListCompleted, ListOutcome
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.method_rules import DIVISOR_RULES, QUOTA_RULES
from kazpolity.elections.methods import METHODS
from kazpolity.elections.reproduce import Checked, NoteKind, Reproduction, ReproductionNote
from kazpolity.elections.steps import Step
from kazpolity.names import result_name
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import MISSING, format_int, format_number
from kazpolity.presentation.step_templates import TERMS
from kazpolity.presentation.steps import render_step
from kazpolity.presentation.words import word


def method_name(method_id: str, lang: Language | str) -> str:
    """A method's name in ``lang`` (the registry's names; the id when it is not registered)."""
    method = METHODS.get(method_id)
    return method.name(Language(lang).value) if method is not None else method_id


def _quota_name(english: str | None, lang: Language) -> str:
    for rule in QUOTA_RULES.values():
        if rule.names["en"] == english:
            return rule.names[lang.value]
    return english or ""


def _numbered(steps: tuple[Step, ...], lang: Language) -> list[str]:
    return [f"  {i}. {render_step(one, lang)}" for i, one in enumerate(steps, 1)]


def _head(a: Allocation, lang: Language) -> list[str]:
    head = word("{method}: {n} seats", lang).format(method=method_name(a.method, lang),
                                                    n=format_int(a.seats_total, lang))
    lines = [head + (f" ({a.article})" if a.article and lang is Language.EN else "")]
    if a.quota is not None:
        lines.append(word("Quota ({name})", lang).format(name=_quota_name(a.quota_name, lang))
                     + f": {fraction_text(a.quota)} ≈ {format_number(a.quota, lang, 4)}")
    if a.divisors is not None:
        shown = ", ".join(a.divisors[:8]) + (", …" if len(a.divisors) > 8 else "")
        lines.append(f"{word('Divisors', lang)}: {shown}")
    if a.threshold is not None:
        base = TERMS["base"][a.threshold.base.value][lang]
        at = TERMS["at"]["true" if a.threshold.at_threshold.value == "pass" else "false"][lang]
        lines.append(word("Threshold: {p}% of {base} ({n} ballots), at the threshold: {at}",
                          lang).format(p=format_number(a.threshold.percent, lang, 2)
                                       .rstrip("0").rstrip(".,"), base=base,
                                       n=format_int(a.threshold_base_votes, lang), at=at))
    return lines


def _cells(a: Allocation, lang: Language) -> tuple[dict[str, str], int]:
    names = {p.party: result_name(p.party, lang.value) for p in a.parties}
    return names, max([len(word("party", lang))] + [len(n) for n in names.values()])


def _share(p_share: object, lang: Language) -> str:
    return format_number(p_share * 100, lang, 2)  # type: ignore[operator]


def _quota_table(a: Allocation, lang: Language) -> list[str]:
    names, width = _cells(a, lang)
    w = {k: word(k, lang) for k in ("party", "votes", "share, %", "quotient", "integer",
                                    "remainder", "seats")}
    iw = max(4, len(w["integer"]))
    lines = [f"{w['party']:<{width}}  {w['votes']:>11}  {w['share, %']:>8}  "
             f"{w['quotient']:>10}  {w['integer']:>{iw}}  {w['remainder']:>9}  {w['seats']:>5}"]
    for p in a.parties:
        quotient = format_number(p.quotient, lang, 4) if p.quotient is not None else MISSING
        integer = format_int(p.integer_part, lang)
        remainder = format_number(p.remainder, lang, 4) if p.remainder is not None else MISSING
        mark = "" if p.admitted else f"  ({word('not admitted', lang)})"
        lines.append(f"{names[p.party]:<{width}}  {format_int(p.votes, lang):>11}  "
                     f"{_share(p.share, lang):>8}  {quotient:>10}  {integer:>{iw}}  "
                     f"{remainder:>9}  {p.seats:>5}{mark}")
    return lines


def _divisor_table(a: Allocation, lang: Language) -> list[str]:
    rule = DIVISOR_RULES[a.method]
    names, width = _cells(a, lang)
    w = {k: word(k, lang) for k in ("party", "votes", "share, %", "seats", "seat", "divisor",
                                    "average")}
    lines = [f"{w['party']:<{width}}  {w['votes']:>11}  {w['share, %']:>8}  {w['seats']:>5}"]
    for p in a.parties:
        mark = "" if p.admitted else f"  ({word('not admitted', lang)})"
        lines.append(f"{names[p.party]:<{width}}  {format_int(p.votes, lang):>11}  "
                     f"{_share(p.share, lang):>8}  {p.seats:>5}{mark}")
    lines.append(f"{w['seat']:>5}  {w['party']:<{width}}  {w['divisor']:>8}  "
                 f"{w['average']:>14}")
    for award in a.awards:
        divisor = MISSING if award.average is None else rule.divisor_text(award.held)
        average = "∞" if award.average is None else _average(rule.average_text(
            award.votes, award.held), lang)
        lines.append(f"{award.seat:>5}  {names[award.party]:<{width}}  {divisor:>8}  "
                     f"{average:>14}")
    return lines


def _average(text: str, lang: Language) -> str:
    """An average as the rule writes it (``1234.5``) in the language's decimal style."""
    try:
        return format_number(float(text), lang, len(text.partition(".")[2]))
    except ValueError:
        return text


def allocation_text(a: Allocation, lang: Language | str = Language.EN) -> str:
    """The head, the table (the share is of all votes for lists) and the numbered steps."""
    language = Language(lang)
    table = _divisor_table(a, language) if a.method in DIVISOR_RULES and a.awards else (
        _quota_table(a, language))
    return "\n".join([*_head(a, language), *table,
                      f"({word('the share is of all votes for lists', language)})",
                      f"{word('Steps', language)}:", *_numbered(a.steps, language)])


def lot_text(lot: LotRequired, lang: Language | str = Language.EN) -> str:
    language = Language(lang)
    names = [result_name(option, language.value) for option in lot.options]
    lines = [
        word("Lot required ({method}, {n} seats): draw {k} of {options}.", language).format(
            method=method_name(lot.method, language), n=format_int(lot.seats_total, language),
            k=format_int(lot.seats_to_draw, language), options=", ".join(names)),
        f"{word('Why', language)}: {render_step(lot.reason, language)}",
    ]
    if lot.article and language is Language.EN:
        lines.append(f"Article applied: {lot.article}")
    lines.append(f"{word('Settled seats', language)}: " + ", ".join(
        f"{result_name(p, language.value)} {n}" for p, n in lot.settled.items()))
    lines.extend(_numbered(lot.steps, language))
    return "\n".join(lines)


def allocate_result_text(result: Allocation | LotRequired,
                         lang: Language | str = Language.EN) -> str:
    return allocation_text(result, lang) if isinstance(result, Allocation) else lot_text(
        result, lang)


def list_outcome_text(outcome: ListOutcome, lang: Language | str = Language.EN) -> str:
    language = Language(lang)
    lines = []
    if isinstance(outcome, ListCompleted):
        lines.append(allocation_text(outcome.allocation, language))
        if outcome.second_party is not None:
            step = outcome.second_party
            lines.append(word(
                "Second-party guarantee: only {leader} passed; {runner} admitted; quota {quota};"
                " corrected quotient {quotient} → {seats} seats (reading: {reading}; legal gap)",
                language).format(
                    leader=result_name(step.leader, language.value),
                    runner=result_name(step.runner_up, language.value),
                    quota=format_number(step.quota, language, 1),
                    quotient=format_number(step.corrected_quotient, language, 3),
                    seats=format_int(step.runner_up_seats, language),
                    reading=word(f"reading: {step.reading}", language)))
    else:
        lines.append(lot_text(outcome.lot, language))
    lines.extend(render_step(note, language) for note in outcome.notes)
    return "\n".join(lines)


def _note_text(note: ReproductionNote) -> str:
    match note.kind:
        case NoteKind.HARE_THRESHOLD:
            return f"Hare quota, threshold {note.percent}%"
        case NoteKind.BEFORE_RULEBOOK:
            return f"{note.on} precedes the rulebook; judged by the 1995 majority rule"
        case NoteKind.CANDIDATE_VOTES_UNPUBLISHED:
            return "a candidate's votes are unpublished: base is a lower bound"
        case NoteKind.REFERENDUM_FIGURES_UNPUBLISHED:
            return "registered, participants or yes not published"
        case NoteKind.SEATS_CONTESTED_UNPUBLISHED:
            return "seats contested not published"
        case NoteKind.CONTESTED_OF_ELECTED:
            contested, elected = note.counts
            return f"contested {contested} of {elected} elected seats (a full or a half renewal)"
        case NoteKind.ELECTOR_QUORUM:
            voted, electors = note.counts
            return (f"{voted:,}/{electors:,} electors voted: "
                    f"meeting {'valid' if note.met else 'NOT valid'}")
        case NoteKind.BEFORE_CONSTITUTION:
            return "before the 1995 Constitution"
        case NoteKind.NO_VOTES_PUBLISHED:
            return "no votes published (single-member districts)"


def reproduction_checked(r: Reproduction) -> str:
    """What the reproduction compares, in English ("98 list seats", "winner", ...)."""
    if r.checked is Checked.LIST_SEATS:
        return f"{r.seats} list seats"
    return r.checked.value


def reproduction_notes(r: Reproduction) -> str:
    """The reproduction's notes in English, joined by "; " (empty when there are none)."""
    return "; ".join(_note_text(note) for note in r.notes)


def reproduction_detail(r: Reproduction, lang: Language | str = Language.EN,
                        step_text: Callable[[Step], str] | None = None) -> str:
    """The working behind a reproduction, joined by "; ": its notes (English only) and the
    steps that complete it, each rendered by ``step_text`` (``render_step`` in ``lang``)."""
    language = Language(lang)
    render = step_text if step_text is not None else (lambda one: render_step(one, language))
    notes = reproduction_notes(r) if language is Language.EN else ""
    return "; ".join(filter(None, [notes, *(render(one) for one in r.detail_steps)]))
