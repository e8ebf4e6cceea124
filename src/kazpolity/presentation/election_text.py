"""Election outcomes as plain text for a terminal: a table and the numbered steps.

Quota methods show each list's quotient, integer part and remainder; divisor methods show, per
seat, which list won it with which divisor and average — never a quota or a remainder, which
those methods do not have.
"""

from __future__ import annotations

from kazpolity.elections.explanation import Allocation, decimal_text, fraction_text
from kazpolity.elections.kazakh_lists import ListCompleted, ListOutcome
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.method_rules import DIVISOR_RULES
from kazpolity.elections.reproduce import Checked, NoteKind, Reproduction, ReproductionNote
from kazpolity.elections.steps import Step
from kazpolity.presentation.steps import render_step


def _numbered(steps: tuple[Step, ...], lang: str) -> list[str]:
    return [f"  {i}. {render_step(one, lang, str)}" for i, one in enumerate(steps, 1)]


def _head(a: Allocation) -> list[str]:
    head = f"{a.method}: {a.seats_total} seats" + (f" ({a.article})" if a.article else "")
    lines = [head]
    if a.quota is not None:
        lines.append(f"Quota ({a.quota_name}): {fraction_text(a.quota)} ≈ {decimal_text(a.quota)}")
    if a.divisors is not None:
        shown = ", ".join(a.divisors[:8]) + (", …" if len(a.divisors) > 8 else "")
        lines.append(f"Divisors: {shown}")
    if a.threshold is not None:
        lines.append(
            f"Threshold: {fraction_text(a.threshold.percent)}% of {a.threshold.base} "
            f"({a.threshold_base_votes} ballots), at the threshold: {a.threshold.at_threshold}")
    return lines


def _quota_table(a: Allocation, width: int) -> list[str]:
    lines = [f"{'party':<{width}}  {'votes':>10}  {'share%':>8}  {'quotient':>10}  "
             f"{'int':>4}  {'remainder':>9}  {'seats':>5}"]
    for p in a.parties:
        quotient = decimal_text(p.quotient) if p.quotient is not None else "—"
        integer = str(p.integer_part) if p.integer_part is not None else "—"
        remainder = decimal_text(p.remainder) if p.remainder is not None else "—"
        mark = "" if p.admitted else "  (not admitted)"
        lines.append(f"{p.party:<{width}}  {p.votes:>10}  {decimal_text(p.share * 100, 2):>8}  "
                     f"{quotient:>10}  {integer:>4}  {remainder:>9}  {p.seats:>5}{mark}")
    return lines


def _divisor_table(a: Allocation, width: int) -> list[str]:
    rule = DIVISOR_RULES[a.method]
    lines = [f"{'party':<{width}}  {'votes':>10}  {'share%':>8}  {'seats':>5}"]
    for p in a.parties:
        mark = "" if p.admitted else "  (not admitted)"
        lines.append(f"{p.party:<{width}}  {p.votes:>10}  {decimal_text(p.share * 100, 2):>8}  "
                     f"{p.seats:>5}{mark}")
    lines.append(f"{'seat':>4}  {'party':<{width}}  {'divisor':>8}  {'average':>14}")
    for w in a.awards:
        divisor = "—" if w.average is None else rule.divisor_text(w.held)
        average = "∞" if w.average is None else rule.average_text(w.votes, w.held)
        lines.append(f"{w.seat:>4}  {w.party:<{width}}  {divisor:>8}  {average:>14}")
    return lines


def allocation_text(a: Allocation, lang: str = "en") -> str:
    """The head, the table (share% is of all votes for lists) and the numbered steps."""
    width = max([len("party")] + [len(p.party) for p in a.parties])
    table = _divisor_table(a, width) if a.method in DIVISOR_RULES and a.awards else (
        _quota_table(a, width))
    return "\n".join([*_head(a), *table, "(share% is of all votes for lists)", "Steps:",
                      *_numbered(a.steps, lang)])


def lot_text(lot: LotRequired, lang: str = "en") -> str:
    lines = [
        f"Lot required ({lot.method}, {lot.seats_total} seats): draw {lot.seats_to_draw} "
        f"of {', '.join(lot.options)}.",
        f"Why: {render_step(lot.reason, lang, str)}",
    ]
    if lot.article:
        lines.append(f"Article applied: {lot.article}")
    lines.append("Settled seats: " + ", ".join(f"{p} {n}" for p, n in lot.settled.items()))
    lines.extend(_numbered(lot.steps, lang))
    return "\n".join(lines)


def allocate_result_text(result: Allocation | LotRequired, lang: str = "en") -> str:
    return allocation_text(result, lang) if isinstance(result, Allocation) else lot_text(
        result, lang)


def list_outcome_text(outcome: ListOutcome, lang: str = "en") -> str:
    lines = []
    if isinstance(outcome, ListCompleted):
        lines.append(allocation_text(outcome.allocation, lang))
        if outcome.second_party is not None:
            step = outcome.second_party
            lines.append(
                f"Second-party guarantee: only {step.leader} passed; {step.runner_up} admitted; "
                f"quota {float(step.quota):.1f}; corrected quotient "
                f"{float(step.corrected_quotient):.3f} → {step.runner_up_seats} seats "
                f"(reading: {step.reading}; legal gap)")
    else:
        lines.append(lot_text(outcome.lot, lang))
    lines.extend(render_step(note, lang, str) for note in outcome.notes)
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
