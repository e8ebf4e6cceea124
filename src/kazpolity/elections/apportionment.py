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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from kazpolity.elections.explanation import Allocation, PartyOutcome, SeatAward, fraction_text
from kazpolity.elections.lots import LotRequired, settle_tie
from kazpolity.elections.method_rules import (
    DIVISOR_RULES,
    METHODS,
    QUOTA_METHODS,
    QUOTA_RULES,
    DivisorRule,
    QuotaRule,
)
from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.elections.threshold import (
    BallotExtras,
    ThresholdRule,
    ThresholdVerdict,
    check_vote_count,
    judge_threshold,
    threshold_base_votes,
)
from kazpolity.errors import InputError

__all__ = ["allocate", "check_method", "check_seats", "check_votes"]


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
    list_total = sum(by_party.values())

    steps: list[Step] = []
    admitted, verdicts, base_votes = _admission(
        by_party, list_total, threshold, extras, admit_also, steps
    )
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
        return _largest_remainder(context, QUOTA_RULES[method])
    return _highest_averages(context, DIVISOR_RULES[method])


def _admission(
    by_party: Mapping[str, int],
    list_total: int,
    threshold: ThresholdRule | None,
    extras: BallotExtras,
    admit_also: Collection[str],
    steps: list[Step],
) -> tuple[list[str], dict[str, ThresholdVerdict], int | None]:
    """The lists that take part: those over the threshold, and those admitted anyway."""
    for name in admit_also:
        if name not in by_party:
            raise InputError("admit_also", f"unknown party {name!r}")
    if threshold is None:
        return list(by_party), {}, None
    base_votes = threshold_base_votes(threshold.base, list_total, extras)
    verdicts = {
        party: judge_threshold(count, base_votes, threshold, party)
        for party, count in by_party.items()
    }
    admitted = [p for p in by_party if verdicts[p].passed or p in admit_also]
    steps.append(threshold.step(base_votes, tuple(v.step() for v in verdicts.values())))
    steps.extend(step(StepKind.ADMITTED_ANYWAY, party=party)
                 for party in admit_also if not verdicts[party].passed)
    return admitted, verdicts, base_votes


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
    steps: list[Step]

    def share(self, party: str) -> Fraction:
        total = sum(self.by_party.values())
        return Fraction(self.by_party[party], total) if total else Fraction(0)

    def settle(
        self, cutoff: _Cutoff, settled: dict[str, int], reason: Step, extra: dict[str, str]
    ) -> tuple[tuple[str, ...], Step | None] | LotRequired:
        """Apply the tie-break or the lot to a real tie, or say that a lot is required."""
        if not cutoff.tied:
            if self.lot is not None:
                self.steps.append(step(StepKind.LOT_UNUSED))
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
        self.steps.append(settlement.how)
        return settlement.winners, settlement.how


def _quota_step(kind: StepKind, rule: QuotaRule, ctx: _Context, quota: Fraction) -> Step:
    return step(kind, term=rule.id, total=ctx.admitted_total, seats=ctx.seats, quota=quota)


def _quotients(
    ctx: _Context, rule: QuotaRule
) -> tuple[QuotaRule, Fraction, dict[str, Fraction], dict[str, int]]:
    """The quota and each list's quotient and whole seats; a quota whose whole seats overflow
    the seats is replaced by Droop's (module docstring)."""
    quota = rule.quota(ctx.admitted_total, ctx.seats)
    quotients = {p: Fraction(ctx.by_party[p]) / quota for p in ctx.admitted}
    whole = {p: math.floor(q) for p, q in quotients.items()}
    ctx.steps.append(_quota_step(StepKind.QUOTA, rule, ctx, quota))
    if sum(whole.values()) > ctx.seats:
        ctx.steps.append(step(StepKind.QUOTA_OVERFLOW, term=rule.id,
                              whole=sum(whole.values()), seats=ctx.seats))
        rule = QUOTA_RULES["droop"]
        quota = rule.quota(ctx.admitted_total, ctx.seats)
        quotients = {p: Fraction(ctx.by_party[p]) / quota for p in ctx.admitted}
        whole = {p: math.floor(q) for p, q in quotients.items()}
        ctx.steps.append(_quota_step(StepKind.QUOTA_RECOMPUTED, rule, ctx, quota))
    return rule, quota, quotients, whole


def _remainder_candidates(
    ctx: _Context, rule: QuotaRule, remainders: Mapping[str, Fraction], left: int
) -> list[tuple[str, Fraction]]:
    """Lists with votes competing for the ``left`` remainder seats, at most one seat each."""
    candidates = [(p, remainders[p]) for p in ctx.admitted if ctx.by_party[p] > 0]
    if left > len(candidates):
        raise InputError(
            "seats",
            f"the {rule.name} quota leaves {left} seats to remainders but only "
            f"{len(candidates)} list(s) have votes; largest remainder gives a list at most "
            "one remainder seat, so the method is undefined for these numbers",
        )
    return candidates


def _largest_remainder(ctx: _Context, rule: QuotaRule) -> Allocation | LotRequired:
    rule, quota, quotients, whole = _quotients(ctx, rule)
    remainders = {p: quotients[p] - whole[p] for p in ctx.admitted}
    ctx.steps.extend(
        step(StepKind.QUOTIENT, party=p, votes=ctx.by_party[p], quota=quota,
             quotient=quotients[p], whole=whole[p], remainder=remainders[p])
        for p in ctx.admitted)
    left = ctx.seats - sum(whole.values())
    candidates = _remainder_candidates(ctx, rule, remainders, left)
    cutoff = _cutoff(candidates, left)
    ranking = sorted(candidates, key=lambda item: item[1], reverse=True)
    if left:
        ctx.steps.append(step(StepKind.REMAINDERS_RANKED, left=left, items=tuple(
            step(StepKind.RANKED_REMAINDER, party=p, remainder=r) for p, r in ranking)))
    else:
        ctx.steps.append(step(StepKind.NO_REMAINDER_SEATS))
    settled = {p: whole.get(p, 0) + (p in cutoff.winners) for p in ctx.by_party}
    settled_or_lot = ctx.settle(
        cutoff,
        settled,
        reason=step(StepKind.EQUAL_REMAINDERS, tied=cutoff.tied, seats=cutoff.need,
                    remainder=remainders[cutoff.tied[0]] if cutoff.tied else Fraction(0)),
        extra={"quota": fraction_text(quota), "quota_name": rule.name},
    )
    if isinstance(settled_or_lot, LotRequired):
        return settled_or_lot
    drawn, how = settled_or_lot
    if cutoff.winners:
        ctx.steps.append(step(StepKind.REMAINDER_SEATS, winners=cutoff.winners))
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
        quota_name=rule.name,
        threshold=ctx.threshold,
        threshold_base_votes=ctx.base_votes,
        tie_break=how,
        article=ctx.article,
    )


def _first_seats_by_votes(
    ctx: _Context, rule: DivisorRule, eligible: list[str], held: dict[str, int]
) -> tuple[tuple[str, ...], Step | None] | LotRequired:
    """Fewer seats than lists under a zero first divisor: the most-voted lists take them."""
    ctx.steps.append(step(StepKind.ZERO_FIRST_FEW_SEATS, term=rule.id, seats=ctx.seats,
                          lists=len(eligible)))
    cutoff = _cutoff([(p, Fraction(ctx.by_party[p])) for p in eligible], ctx.seats)
    settled = {p: int(p in cutoff.winners) for p in ctx.by_party}
    outcome = ctx.settle(
        cutoff, settled,
        reason=step(StepKind.EQUAL_VOTES_FIRST_SEATS, tied=cutoff.tied, seats=cutoff.need),
        extra={"divisor_method": rule.name})
    if isinstance(outcome, LotRequired):
        return outcome
    drawn, tie_break = outcome
    for p in cutoff.winners + drawn:
        held[p] = 1
    ctx.steps.append(step(StepKind.FIRST_SEATS, winners=cutoff.winners + drawn))
    return cutoff.winners + drawn, tie_break


def _highest_averages(ctx: _Context, rule: DivisorRule) -> Allocation | LotRequired:
    eligible = [p for p in ctx.admitted if ctx.by_party[p] > 0]
    held = dict.fromkeys(ctx.by_party, 0)
    awards: list[SeatAward] = []
    tie_break: Step | None = None
    if rule.zero_first:
        if ctx.seats < len(eligible):
            first = _first_seats_by_votes(ctx, rule, eligible, held)
            if isinstance(first, LotRequired):
                return first
            awards.extend(SeatAward(i, p, ctx.by_party[p], 0, None)
                          for i, p in enumerate(first[0], 1))
            return _divisor_result(ctx, rule, held, first[1], awards)
        for i, p in enumerate(eligible, 1):
            held[p] = 1
            awards.append(SeatAward(i, p, ctx.by_party[p], 0, None))
        ctx.steps.append(step(StepKind.ZERO_FIRST_ALL, term=rule.id, lists=len(eligible)))
    awarded = sum(held.values())
    averages = {p: rule.priority(ctx.by_party[p], held[p]) for p in eligible}
    while awarded < ctx.seats:
        best = max(averages.values())
        top = [p for p in eligible if averages[p] == best]
        left = ctx.seats - awarded
        if len(top) > left:
            outcome = ctx.settle(
                _Cutoff((), tuple(top), left),
                dict(held),
                reason=step(StepKind.EQUAL_AVERAGES, term=rule.id, tied=tuple(top), seats=left,
                            votes=ctx.by_party[top[0]], held=held[top[0]]),
                extra={"divisor_method": rule.name},
            )
            if isinstance(outcome, LotRequired):
                return outcome
            top, tie_break = list(outcome[0]), outcome[1]
        for p in top:
            awarded += 1
            ctx.steps.append(step(StepKind.SEAT_BY_AVERAGE, term=rule.id, seat=awarded, party=p,
                                  votes=ctx.by_party[p], held=held[p]))
            awards.append(SeatAward(awarded, p, ctx.by_party[p], held[p],
                                    rule.average(ctx.by_party[p], held[p])))
            held[p] += 1
            averages[p] = rule.priority(ctx.by_party[p], held[p])
    if ctx.lot is not None and tie_break is None:
        ctx.steps.append(step(StepKind.LOT_UNUSED))
    return _divisor_result(ctx, rule, held, tie_break, awards)


def _divisor_result(ctx: _Context, rule: DivisorRule, held: dict[str, int],
                    tie_break: Step | None, awards: list[SeatAward]) -> Allocation:
    """A divisor method's result: seats by averages; no quota, integer part or remainder."""
    shown = min(ctx.seats, max(held.values()) + 1)
    outcomes = tuple(
        PartyOutcome(
            party=p,
            votes=ctx.by_party[p],
            share=ctx.share(p),
            threshold=ctx.verdicts.get(p),
            admitted=p in ctx.admitted,
            quotient=None,
            integer_part=None,
            remainder=None,
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
        awards=tuple(awards),
        threshold=ctx.threshold,
        threshold_base_votes=ctx.base_votes,
        tie_break=tie_break,
        article=ctx.article,
    )
