"""Allocation results that explain themselves.

A seat allocation is only checkable if it shows its working: the quota or the divisors, each
list's quotient, integer part and remainder, the threshold verdict with its base and rule, and
the ordered steps that awarded each seat. These values are what the CLI and the API print and
what the Kazakh wrapper cites an article of law against.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kazpolity.elections.threshold import ThresholdRule, ThresholdVerdict


def fraction_text(value: Fraction) -> str:
    """An exact rational as text: ``"7"`` or ``"22/3"``."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def decimal_text(value: Fraction, places: int = 4) -> str:
    """A rational for people: rounded to ``places`` decimals, trailing zeros dropped."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.{places}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class PartyOutcome:
    """One list's path through the allocation.

    For quota (largest-remainder) methods ``quotient`` is votes / quota, and ``remainder_seat``
    says whether the list won a seat on its remainder. For divisor methods ``quotient`` is the
    list's standard quota (votes × seats / admitted votes), shown so the reader can check the
    quota property; the seats themselves come from the averages in the steps.
    Lists that failed the threshold (or had no votes) carry ``None`` in the arithmetic fields.
    """

    party: str
    votes: int
    share: Fraction
    threshold: ThresholdVerdict | None
    admitted: bool
    quotient: Fraction | None
    integer_part: int | None
    remainder: Fraction | None
    remainder_seat: bool
    seats: int

    def to_json(self) -> dict[str, object]:
        return {
            "party": self.party,
            "votes": self.votes,
            "share": fraction_text(self.share),
            "share_percent": float(self.share * 100),
            "admitted": self.admitted,
            "threshold": self.threshold.to_json() if self.threshold else None,
            "quotient": fraction_text(self.quotient) if self.quotient is not None else None,
            "integer_part": self.integer_part,
            "remainder": fraction_text(self.remainder) if self.remainder is not None else None,
            "remainder_seat": self.remainder_seat,
            "seats": self.seats,
        }


@dataclass(frozen=True)
class Allocation:
    """A completed seat allocation with its full explanation.

    ``quota`` is set for largest-remainder methods (``quota_name`` says which quota, and may
    differ from the method's own when the textbook fallback applied); ``divisors`` lists the
    divisors of the first seats for divisor methods. ``article`` is the provision of law the
    caller applied (``None`` for a plain textbook computation).
    """

    method: str
    seats_total: int
    parties: tuple[PartyOutcome, ...]
    steps: tuple[str, ...]
    quota: Fraction | None = None
    quota_name: str | None = None
    divisors: tuple[str, ...] | None = None
    threshold: ThresholdRule | None = None
    threshold_base_votes: int | None = None
    tie_break: str | None = None
    article: str | None = None

    @property
    def seats(self) -> dict[str, int]:
        """Seats per party, in the order the votes were given."""
        return {p.party: p.seats for p in self.parties}

    def party(self, name: str) -> PartyOutcome:
        for outcome in self.parties:
            if outcome.party == name:
                return outcome
        raise KeyError(name)

    def to_json(self) -> dict[str, object]:
        """The JSON form: ``status: ok``, ``seats`` by party, then the explanation."""
        return {
            "status": "ok",
            "method": self.method,
            "seats_total": self.seats_total,
            "seats": self.seats,
            "quota": fraction_text(self.quota) if self.quota is not None else None,
            "quota_name": self.quota_name,
            "divisors": list(self.divisors) if self.divisors is not None else None,
            "threshold": self.threshold.to_json() if self.threshold else None,
            "threshold_base_votes": self.threshold_base_votes,
            "tie_break": self.tie_break,
            "article": self.article,
            "parties": [p.to_json() for p in self.parties],
            "steps": list(self.steps),
        }

    def to_text(self) -> str:
        """A plain-text table and the numbered steps, for a terminal or a report."""
        head = f"{self.method}: {self.seats_total} seats"
        if self.article:
            head += f" ({self.article})"
        lines = [head]
        if self.quota is not None:
            lines.append(
                f"Quota ({self.quota_name}): {fraction_text(self.quota)}"
                f" ≈ {decimal_text(self.quota)}"
            )
        if self.divisors is not None:
            shown = ", ".join(self.divisors[:8]) + (", …" if len(self.divisors) > 8 else "")
            lines.append(f"Divisors: {shown}")
        if self.threshold is not None:
            lines.append(
                f"Threshold: {fraction_text(self.threshold.percent)}% of "
                f"{self.threshold.base} ({self.threshold_base_votes} ballots), "
                f"at the threshold: {self.threshold.at_threshold}"
            )
        width = max([len("party")] + [len(p.party) for p in self.parties])
        lines.append(
            f"{'party':<{width}}  {'votes':>10}  {'share%':>8}  {'quotient':>10}  "
            f"{'int':>4}  {'remainder':>9}  {'seats':>5}"
        )
        for p in self.parties:
            quotient = decimal_text(p.quotient) if p.quotient is not None else "—"
            integer = str(p.integer_part) if p.integer_part is not None else "—"
            remainder = decimal_text(p.remainder) if p.remainder is not None else "—"
            mark = "" if p.admitted else "  (not admitted)"
            lines.append(
                f"{p.party:<{width}}  {p.votes:>10}  {decimal_text(p.share * 100, 2):>8}  "
                f"{quotient:>10}  {integer:>4}  {remainder:>9}  {p.seats:>5}{mark}"
            )
        lines.append("Steps:")
        lines.extend(f"  {i}. {step}" for i, step in enumerate(self.steps, 1))
        return "\n".join(lines)
