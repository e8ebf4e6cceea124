"""The exact apportionment engine: largest-remainder and divisor methods.

Every number a court could be asked about is computed with ``int`` and ``Fraction`` only, so a
result is reproducible to the last vote and a tie is a real tie, never a rounding artefact.

Method ids (used by the API, the CLI and :mod:`kazpolity.elections.batch`):

* largest remainder with the quota named: ``hare`` (V/S), ``droop`` (⌊V/(S+1)⌋ + 1),
  ``hagenbach-bischoff`` (V/(S+1)), ``imperiali`` (V/(S+2));
* divisor (highest averages) methods, by the divisor of a list's (k+1)-th seat:
  ``dhondt`` (k+1), ``sainte-lague`` (2k+1), ``modified-sainte-lague`` (1.4, then 2k+1),
  ``huntington-hill`` (√(k(k+1))), ``adams`` (k), ``dean`` (k(k+1)/(k+½)), ``danish`` (3k+1).

V is the vote total of the *admitted* lists (those over the threshold, if any): the quota and
the averages are computed on the votes that take part in the distribution, as the Kazakh law
and the textbooks do.

Edge cases, decided as the textbooks decide them:

* Imperiali (and Hagenbach-Bischoff when every quotient is a whole number) can hand out more
  whole quotas than there are seats. The allocation is then recomputed with the Droop quota
  ("the result needs to be recalculated with a higher quota, usually the Droop quota"), and a
  step says so.
* Huntington-Hill, Adams and Dean have a zero first divisor: every list with votes gets a first
  seat before any list gets a second. With fewer seats than such lists, the seats go to the
  lists with the most votes (the limit of a vanishing first divisor); a tie there is a lot.
* Lists with no votes never receive a seat under any method.
* Largest remainder gives a list at most one seat for its remainder. If a quota leaves more
  remainder seats than lists with votes (possible with Droop and friends on tiny vote totals),
  the method is undefined and an ``InputError`` says so.

A tie that decides a seat yields :class:`~kazpolity.elections.lots.LotRequired` unless the
caller passes the law's ``tie_order`` or the drawn ``lot``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kazpolity.elections.explanation import Allocation, PartyOutcome, decimal_text, fraction_text
from kazpolity.elections.lots import LotRequired, settle_tie
from kazpolity.elections.threshold import (
    BallotExtras,
    ThresholdRule,
    ThresholdVerdict,
    check_vote_count,
    judge_threshold,
    threshold_base_votes,
)
from kazpolity.errors import InputError

QUOTA_METHODS: tuple[str, ...] = ("hare", "droop", "hagenbach-bischoff", "imperiali")
DIVISOR_METHODS: tuple[str, ...] = (
    "dhondt",
    "sainte-lague",
    "modified-sainte-lague",
    "huntington-hill",
    "adams",
    "dean",
    "danish",
)
METHODS: tuple[str, ...] = QUOTA_METHODS + DIVISOR_METHODS

QUOTA_NAMES: dict[str, str] = {
    "hare": "Hare",
    "droop": "Droop",
    "hagenbach-bischoff": "Hagenbach-Bischoff",
    "imperiali": "Imperiali",
}


@dataclass(frozen=True)
class DivisorRule:
    """The divisor of a list's (k+1)-th seat, as the exact ratio ``num(k) / den(k)``.

    ``power`` is 2 for Huntington-Hill, whose divisor √(k(k+1)) is irrational: averages are then
    compared squared (v² / (k(k+1))), which orders them exactly as the true averages.
    ``num`` and ``den`` use only arithmetic, so they work on ``int`` and on numpy arrays alike
    (the batch engine relies on that). ``scale`` maps the divisor to the standard scale where
    the k-th divisor lies in [k, k+1]; the batch engine uses it for its first guess only.
    """

    id: str
    name: str
    num: Callable[[Any], Any]
    den: Callable[[Any], Any]
    power: int = 1
    scale: int = 1

    @property
    def zero_first(self) -> bool:
        """True when the first divisor is 0, so every list with votes gets a first seat."""
        return bool(self.num(0) == 0)

    def divisor_text(self, k: int) -> str:
        """The divisor of the (k+1)-th seat for people: ``"1.4"``, ``"3"``, ``"√6"``."""
        if self.power == 2:
            square = int(self.num(k))
            root = math.isqrt(square)
            return str(root) if root * root == square else f"√{square}"
        return decimal_text(Fraction(int(self.num(k)), int(self.den(k))), 4)

    def priority(self, votes: int, k: int) -> Fraction:
        """The (power of the) average for a list holding ``k`` seats; k must have num(k) > 0."""
        return Fraction(votes**self.power * int(self.den(k)), int(self.num(k)))

    def average_text(self, votes: int, k: int) -> str:
        """The average votes / divisor as people read it."""
        if self.power == 2:
            return f"{votes / math.sqrt(int(self.num(k))):.4f}".rstrip("0").rstrip(".")
        return decimal_text(Fraction(votes * int(self.den(k)), int(self.num(k))))


def _one(k: Any) -> Any:
    return k * 0 + 1


DIVISOR_RULES: dict[str, DivisorRule] = {
    "dhondt": DivisorRule("dhondt", "D'Hondt", lambda k: k + 1, _one),
    "sainte-lague": DivisorRule("sainte-lague", "Sainte-Laguë", lambda k: 2 * k + 1, _one, scale=2),
    # 1.4 for the first seat, then 3, 5, 7 …: scaled by 5 to stay integral (7, 15, 25 …).
    "modified-sainte-lague": DivisorRule(
        "modified-sainte-lague",
        "modified Sainte-Laguë",
        lambda k: 10 * k + 5 + 2 * (k == 0),
        lambda k: k * 0 + 5,
        scale=2,
    ),
    "huntington-hill": DivisorRule(
        "huntington-hill", "Huntington-Hill", lambda k: k * (k + 1), _one, power=2
    ),
    "adams": DivisorRule("adams", "Adams", lambda k: k, _one),
    "dean": DivisorRule("dean", "Dean", lambda k: 2 * k * (k + 1), lambda k: 2 * k + 1),
    "danish": DivisorRule("danish", "Danish", lambda k: 3 * k + 1, _one, scale=3),
}


def quota_for(method: str, admitted_votes: int, seats: int) -> Fraction:
    """The quota of a largest-remainder method, exactly (Droop is the integer Droop quota)."""
    if method == "hare":
        return Fraction(admitted_votes, seats)
    if method == "droop":
        return Fraction(admitted_votes // (seats + 1) + 1)
    if method == "hagenbach-bischoff":
        return Fraction(admitted_votes, seats + 1)
    if method == "imperiali":
        return Fraction(admitted_votes, seats + 2)
    raise InputError("method", f"{method!r} is not a largest-remainder method")


def check_method(method: str) -> str:
    if method not in METHODS:
        raise InputError("method", f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    return method


def check_seats(seats: object) -> int:
    if isinstance(seats, bool) or not isinstance(seats, int):
        raise InputError("seats", f"must be a whole number, got {seats!r}")
    if seats <= 0:
        raise InputError("seats", f"must be at least 1, got {seats}")
    return seats


def check_votes(votes: Mapping[str, int] | Iterable[tuple[str, int]]) -> dict[str, int]:
    """Validate votes by party: non-empty unique names, whole non-negative counts, ≥ 1 party."""
    pairs = list(votes.items()) if isinstance(votes, Mapping) else list(votes)
    checked: dict[str, int] = {}
    for pair in pairs:
        name, count = pair
        if not isinstance(name, str) or not name.strip():
            raise InputError("party", f"a party needs a non-empty name, got {name!r}")
        if name in checked:
            raise InputError("party", f"duplicate party {name!r}")
        checked[name] = check_vote_count(f"votes[{name}]", count)
    if not checked:
        raise InputError("votes", "no parties given")
    return checked


@dataclass(frozen=True)
class _Cutoff:
    """The outcome of giving ``places`` seats to the highest keys: sure winners and a tie."""

    winners: tuple[str, ...]
    tied: tuple[str, ...]
    need: int


def _cutoff(keys: Sequence[tuple[str, Fraction]], places: int) -> _Cutoff:
    """Who gets ``places`` seats by highest key; the tied group at the cutoff, if any.

    ``need`` seats go to the ``tied`` group; when ``len(tied) == need`` they all get one and
    there is no real tie, so ``tied`` is folded into ``winners``.
    """
    if places == 0:
        return _Cutoff((), (), 0)
    ranked = sorted((key for _, key in keys), reverse=True)
    line = ranked[places - 1]
    winners = tuple(p for p, key in keys if key > line)
    tied = tuple(p for p, key in keys if key == line)
    need = places - len(winners)
    if len(tied) == need:
        return _Cutoff(winners + tied, (), 0)
    return _Cutoff(winners, tied, need)


def allocate(
    votes: Mapping[str, int] | Iterable[tuple[str, int]],
    seats: int,
    method: str,
    *,
    threshold: ThresholdRule | None = None,
    extras: BallotExtras | None = None,
    admit_also: Collection[str] = (),
    tie_order: Sequence[str] | None = None,
    lot: Sequence[str] | None = None,
    article: str | None = None,
) -> Allocation | LotRequired:
    """Allocate ``seats`` among lists by ``method``, exactly, with a full explanation.

    ``votes``: votes per list, in the order of the ballot (the order never decides a seat).
    ``threshold``: who may take part; ``extras`` are against-all and invalid ballots that the
    threshold base may count. ``admit_also``: lists admitted whatever their share (for rules
    such as a guaranteed runner-up); they must exist. ``tie_order``: the law's priority order
    for a tie that decides a seat; ``lot``: the drawn names when the law orders a lot.
    ``article``: the provision applied, carried into the explanation.

    Returns an :class:`Allocation`, or :class:`LotRequired` when a tie decides a seat and
    neither ``tie_order`` nor ``lot`` settles it. Raises ``InputError`` on bad input, when no
    list can take part, or when largest remainder is undefined (see the module docstring).
    """
    by_party = check_votes(votes)
    seats = check_seats(seats)
    method = check_method(method)
    extras = extras or BallotExtras()
    for name in admit_also:
        if name not in by_party:
            raise InputError("admit_also", f"unknown party {name!r}")
    list_total = sum(by_party.values())

    steps: list[str] = []
    verdicts: dict[str, ThresholdVerdict] = {}
    base_votes: int | None = None
    if threshold is not None:
        base_votes = threshold_base_votes(threshold.base, list_total, extras)
        for party, count in by_party.items():
            verdicts[party] = judge_threshold(count, base_votes, threshold)
        admitted = [p for p in by_party if verdicts[p].passed or p in admit_also]
        steps.append(
            f"Threshold {fraction_text(threshold.percent)}% of {base_votes} "
            f"({threshold.base}; at the threshold: {threshold.at_threshold}): "
            + "; ".join(f"{p}: {verdicts[p].reason()}" for p in by_party)
        )
        for party in admit_also:
            if not verdicts[party].passed:
                steps.append(f"{party} is admitted although under the threshold (admit_also)")
    else:
        admitted = list(by_party)
    admitted_total = sum(by_party[p] for p in admitted)
    if admitted_total == 0:
        if threshold is not None and list_total > 0:
            raise InputError(
                "threshold", "no list reaches the threshold; no seats can be allocated"
            )
        raise InputError("votes", "no list has any votes; no seats can be allocated")

    context = _Context(
        by_party=by_party,
        admitted=tuple(admitted),
        admitted_total=admitted_total,
        seats=seats,
        method=method,
        verdicts=verdicts,
        threshold=threshold,
        base_votes=base_votes,
        tie_order=tie_order,
        lot=lot,
        article=article,
        steps=steps,
    )
    if method in QUOTA_METHODS:
        return _largest_remainder(context)
    return _highest_averages(context, DIVISOR_RULES[method])


@dataclass
class _Context:
    by_party: dict[str, int]
    admitted: tuple[str, ...]
    admitted_total: int
    seats: int
    method: str
    verdicts: dict[str, ThresholdVerdict]
    threshold: ThresholdRule | None
    base_votes: int | None
    tie_order: Sequence[str] | None
    lot: Sequence[str] | None
    article: str | None
    steps: list[str]

    def share(self, party: str) -> Fraction:
        total = sum(self.by_party.values())
        return Fraction(self.by_party[party], total) if total else Fraction(0)

    def settle(
        self, cutoff: _Cutoff, settled: dict[str, int], reason: str, extra: dict[str, object]
    ) -> tuple[tuple[str, ...], str | None] | LotRequired:
        """Apply the tie-break or the lot to a real tie, or say that a lot is required."""
        if not cutoff.tied:
            if self.lot is not None:
                self.steps.append("A lot was supplied but no tie decided a seat; it was not used")
            return (), None
        settlement = settle_tie(cutoff.tied, cutoff.need, tie_order=self.tie_order, lot=self.lot)
        if settlement is None:
            return LotRequired(
                options=cutoff.tied,
                seats_to_draw=cutoff.need,
                settled=settled,
                method=self.method,
                seats_total=self.seats,
                reason=reason,
                steps=tuple(self.steps),
                article=self.article,
                extra=extra,
            )
        self.steps.append(settlement.how[0].upper() + settlement.how[1:])
        return settlement.winners, settlement.how


def _largest_remainder(ctx: _Context) -> Allocation | LotRequired:
    quota_name = QUOTA_NAMES[ctx.method]
    quota = quota_for(ctx.method, ctx.admitted_total, ctx.seats)
    quotients = {p: Fraction(ctx.by_party[p]) / quota for p in ctx.admitted}
    whole = {p: math.floor(q) for p, q in quotients.items()}
    ctx.steps.append(
        f"{quota_name} quota = {_quota_formula(ctx.method, ctx.admitted_total, ctx.seats)}"
        f" = {fraction_text(quota)} ≈ {decimal_text(quota)}"
    )
    if sum(whole.values()) > ctx.seats:
        ctx.steps.append(
            f"The {quota_name} quota hands out {sum(whole.values())} whole quotas for "
            f"{ctx.seats} seats; as the textbook prescribes, the allocation is recomputed "
            "with the Droop quota"
        )
        quota_name = "Droop"
        quota = quota_for("droop", ctx.admitted_total, ctx.seats)
        quotients = {p: Fraction(ctx.by_party[p]) / quota for p in ctx.admitted}
        whole = {p: math.floor(q) for p, q in quotients.items()}
        ctx.steps.append(
            f"Droop quota = {_quota_formula('droop', ctx.admitted_total, ctx.seats)}"
            f" = {fraction_text(quota)}"
        )
    remainders = {p: quotients[p] - whole[p] for p in ctx.admitted}
    for p in ctx.admitted:
        ctx.steps.append(
            f"{p}: {ctx.by_party[p]} / {decimal_text(quota)} = {decimal_text(quotients[p])} → "
            f"{whole[p]} seat(s) by whole quotas, remainder {decimal_text(remainders[p])}"
        )
    left = ctx.seats - sum(whole.values())
    candidates = [(p, remainders[p]) for p in ctx.admitted if ctx.by_party[p] > 0]
    if left > len(candidates):
        raise InputError(
            "seats",
            f"the {quota_name} quota leaves {left} seats to remainders but only "
            f"{len(candidates)} list(s) have votes; largest remainder gives a list at most "
            "one remainder seat, so the method is undefined for these numbers",
        )
    cutoff = _cutoff(candidates, left)
    ranking = sorted(candidates, key=lambda item: item[1], reverse=True)
    if left:
        ctx.steps.append(
            f"{left} seat(s) left for remainders; remainders ranked: "
            + ", ".join(f"{p} {decimal_text(r)}" for p, r in ranking)
        )
    else:
        ctx.steps.append("No seat is left for remainders")
    settled = {p: whole.get(p, 0) + (p in cutoff.winners) for p in ctx.by_party}
    settled_or_lot = ctx.settle(
        cutoff,
        settled,
        reason=(
            f"{', '.join(cutoff.tied)} have equal remainders "
            f"({decimal_text(remainders[cutoff.tied[0]]) if cutoff.tied else ''}) "
            f"for {cutoff.need} remaining seat(s)"
        ),
        extra={"quota": fraction_text(quota), "quota_name": quota_name},
    )
    if isinstance(settled_or_lot, LotRequired):
        return settled_or_lot
    drawn, how = settled_or_lot
    if cutoff.winners:
        ctx.steps.append("Remainder seats to: " + ", ".join(cutoff.winners))
    remainder_seat = set(cutoff.winners) | set(drawn)
    outcomes = tuple(
        PartyOutcome(
            party=p,
            votes=ctx.by_party[p],
            share=ctx.share(p),
            threshold=ctx.verdicts.get(p),
            admitted=p in quotients,
            quotient=quotients.get(p),
            integer_part=whole.get(p),
            remainder=remainders.get(p),
            remainder_seat=p in remainder_seat,
            seats=whole.get(p, 0) + (p in remainder_seat),
        )
        for p in ctx.by_party
    )
    return Allocation(
        method=ctx.method,
        seats_total=ctx.seats,
        parties=outcomes,
        steps=tuple(ctx.steps),
        quota=quota,
        quota_name=quota_name,
        threshold=ctx.threshold,
        threshold_base_votes=ctx.base_votes,
        tie_break=how,
        article=ctx.article,
    )


def _quota_formula(method: str, total: int, seats: int) -> str:
    return {
        "hare": f"{total} / {seats}",
        "droop": f"⌊{total} / ({seats} + 1)⌋ + 1",
        "hagenbach-bischoff": f"{total} / ({seats} + 1)",
        "imperiali": f"{total} / ({seats} + 2)",
    }[method]


def _highest_averages(ctx: _Context, rule: DivisorRule) -> Allocation | LotRequired:
    eligible = [p for p in ctx.admitted if ctx.by_party[p] > 0]
    held = dict.fromkeys(ctx.by_party, 0)
    tie_break: str | None = None
    extra: dict[str, object] = {"divisor_method": rule.name}
    if rule.zero_first:
        if ctx.seats < len(eligible):
            ctx.steps.append(
                f"{rule.name}: the first divisor is 0, so every list's first seat has an "
                f"infinite average; with {ctx.seats} seat(s) for {len(eligible)} lists with "
                "votes, the seats go to the lists with the most votes"
            )
            cutoff = _cutoff([(p, Fraction(ctx.by_party[p])) for p in eligible], ctx.seats)
            settled = {p: int(p in cutoff.winners) for p in ctx.by_party}
            outcome = ctx.settle(
                cutoff,
                settled,
                reason=(
                    f"{', '.join(cutoff.tied)} have equal votes for {cutoff.need} remaining "
                    "seat(s), each a first seat with an infinite average"
                ),
                extra=extra,
            )
            if isinstance(outcome, LotRequired):
                return outcome
            drawn, tie_break = outcome
            for p in cutoff.winners + drawn:
                held[p] = 1
            ctx.steps.append("First seats to: " + ", ".join(cutoff.winners + drawn))
            return _divisor_result(ctx, rule, held, tie_break)
        for p in eligible:
            held[p] = 1
        ctx.steps.append(
            f"{rule.name}: the first divisor is 0, so each of the {len(eligible)} list(s) with "
            "votes receives a first seat"
        )
    awarded = sum(held.values())
    averages = {p: rule.priority(ctx.by_party[p], held[p]) for p in eligible}
    while awarded < ctx.seats:
        best = max(averages.values())
        top = [p for p in eligible if averages[p] == best]
        left = ctx.seats - awarded
        shown = rule.average_text(ctx.by_party[top[0]], held[top[0]])
        if len(top) > left:
            cutoff = _Cutoff((), tuple(top), left)
            outcome = ctx.settle(
                cutoff,
                dict(held),
                reason=(
                    f"{', '.join(top)} have equal averages ({shown}) for {left} remaining seat(s)"
                ),
                extra=extra,
            )
            if isinstance(outcome, LotRequired):
                return outcome
            top, tie_break = list(outcome[0]), outcome[1]
        for p in top:
            awarded += 1
            ctx.steps.append(
                f"Seat {awarded}: {p}, average {ctx.by_party[p]} / "
                f"{rule.divisor_text(held[p])} = {rule.average_text(ctx.by_party[p], held[p])}"
            )
            held[p] += 1
            averages[p] = rule.priority(ctx.by_party[p], held[p])
    if ctx.lot is not None and tie_break is None:
        ctx.steps.append("A lot was supplied but no tie decided a seat; it was not used")
    return _divisor_result(ctx, rule, held, tie_break)


def _divisor_result(
    ctx: _Context, rule: DivisorRule, held: dict[str, int], tie_break: str | None
) -> Allocation:
    standard = {p: Fraction(ctx.by_party[p] * ctx.seats, ctx.admitted_total) for p in ctx.admitted}
    shown = min(ctx.seats, max(held.values()) + 1)
    outcomes = tuple(
        PartyOutcome(
            party=p,
            votes=ctx.by_party[p],
            share=ctx.share(p),
            threshold=ctx.verdicts.get(p),
            admitted=p in standard,
            quotient=standard.get(p),
            integer_part=math.floor(standard[p]) if p in standard else None,
            remainder=standard[p] - math.floor(standard[p]) if p in standard else None,
            remainder_seat=False,
            seats=held[p],
        )
        for p in ctx.by_party
    )
    return Allocation(
        method=ctx.method,
        seats_total=ctx.seats,
        parties=outcomes,
        steps=tuple(ctx.steps),
        divisors=tuple(rule.divisor_text(k) for k in range(shown)),
        threshold=ctx.threshold,
        threshold_base_votes=ctx.base_votes,
        tie_break=tie_break,
        article=ctx.article,
    )
