"""Ties that decide a seat, and how they are settled.

A tie between lists for the last seat(s) is a legal event, not an implementation detail. The
engine never flips a coin and never favours whichever list happens to be listed first: it
either applies a tie-break the law names (``tie_order``, e.g. "the list registered earlier")
or returns :class:`LotRequired`, which says exactly which lists are tied for how many seats and
which seats are already settled. The caller then holds the drawing of lots and passes the
drawn names back as ``lot`` to complete the result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kazpolity.elections.steps import Step, StepKind, step
from kazpolity.errors import InputError


@dataclass(frozen=True)
class LotRequired:
    """The allocation cannot be completed without drawing lots.

    ``options`` are the tied lists (in the order the votes were given); ``seats_to_draw`` of
    them get one more seat. ``settled`` holds every list's seats that no tie can change
    (lists not in the tie keep exactly these; tied lists get ``settled`` or ``settled + 1``).
    """

    options: tuple[str, ...]
    seats_to_draw: int
    settled: Mapping[str, int]
    method: str
    seats_total: int
    reason: Step
    steps: tuple[Step, ...] = ()
    article: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TieSettlement:
    """How a tie was settled: the winners and the step that explains it."""

    winners: tuple[str, ...]
    how: Step


def settle_tie(
    options: Sequence[str],
    seats_to_draw: int,
    *,
    tie_order: Sequence[str] | None,
    lot: Sequence[str] | None,
) -> TieSettlement | None:
    """Settle a tie by the law's order or by a drawn lot; ``None`` when neither is given.

    ``tie_order`` lists parties in the law's priority order (it may name parties outside the
    tie, but must name every tied one). ``lot`` lists the drawn parties in the order drawn; it
    must name only tied parties and at least ``seats_to_draw`` of them. Giving both is refused:
    either the law decides or chance does, and mixing them would hide which one did.
    """
    if tie_order is not None and lot is not None:
        raise InputError("lot", "give either a lot or a tie_order, not both")
    tied = tuple(options)
    if tie_order is not None:
        position = {party: i for i, party in enumerate(tie_order)}
        missing = [p for p in tied if p not in position]
        if missing:
            raise InputError("tie_order", f"does not rank the tied parties {', '.join(missing)}")
        ranked = sorted(tied, key=position.__getitem__)
        winners = tuple(ranked[:seats_to_draw])
        return TieSettlement(winners, step(StepKind.TIE_BY_ORDER, tied=tied,
                                           seats=seats_to_draw, winners=winners))
    if lot is not None:
        drawn = tuple(lot)
        if len(set(drawn)) != len(drawn):
            raise InputError("lot", "names a party more than once")
        strangers = [p for p in drawn if p not in tied]
        if strangers:
            raise InputError(
                "lot",
                f"names {', '.join(strangers)}, not in the tie (tied: {', '.join(tied)})",
            )
        if len(drawn) < seats_to_draw:
            raise InputError(
                "lot", f"names {len(drawn)} party(ies) but {seats_to_draw} seat(s) are drawn"
            )
        winners = drawn[:seats_to_draw]
        return TieSettlement(winners, step(StepKind.TIE_BY_LOT, tied=tied,
                                           seats=seats_to_draw, winners=winners))
    return None
