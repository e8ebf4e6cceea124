"""The election commission hierarchy as the law had it on the election date.

Until 2018-06-29 the Constitutional Law "On Elections" (Art. 10) had four levels
(central → territorial → district → precinct); Constitutional Act No. 162-VI abolished the
district commissions, leaving three. The levels, the number of members at each level (a
range: 9-15 below the CEC in 1995, 7 from 1999, 5-11 at a precinct from 2018; the CEC's 7
from 2007) and their term (5 years) come from the rulebook (``election_administration.*``);
this module never hard-codes them. A commission's members are at most one nominee per
party (EL Art. 10).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from kazpolity.errors import InputError, NotFound
from kazpolity.law.calendar import add_years

PRECINCT: Final = "precinct"
CENTRAL: Final = "central"


@dataclass(frozen=True, slots=True)
class Member:
    """One seat on a commission: who holds it, who nominated and who elected them."""

    name: str
    nominated_by: str | None
    """A party id, or None for a nomination by a public association or by the appointing body."""
    elected_by: str
    """The appointing or electing body (e.g. "President", "Senate", "maslikhat of ...")."""
    term_from: date
    term_until: date

    def to_json(self) -> dict[str, object]:
        """The member as stored and hashed into the definition hash (a wire format)."""
        return {
            "name": self.name,
            "nominated_by": self.nominated_by,
            "elected_by": self.elected_by,
            "term_from": self.term_from.isoformat(),
            "term_until": self.term_until.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Commission:
    """An election commission: its level, its parent and, for a precinct, its voter register."""

    id: str
    level: str
    parent_id: str | None
    name: str
    region_code: str | None = None
    voters_on_list: int | None = None
    """The voter register of a precinct (a count); None above the precinct level."""
    members: tuple[Member, ...] = ()

    def to_json(self) -> dict[str, object]:
        """The commission as hashed into the definition hash (a wire format: the data format
        itself, not a face's JSON; docs/architecture.md)."""
        return {
            "id": self.id,
            "level": self.level,
            "parent_id": self.parent_id,
            "name": self.name,
            "region_code": self.region_code,
            "voters_on_list": self.voters_on_list,
            "members": [member.to_json() for member in self.members],
        }


@dataclass(frozen=True, slots=True)
class MemberRange:
    """How many members a commission of one level may have (EL Arts. 11, 13, 15, 17)."""

    fewest: int
    most: int | None
    """None where the law fixes no number (the CEC before 2007)."""

    def admits(self, count: int) -> bool:
        return count >= self.fewest and (self.most is None or count <= self.most)

    def usual(self) -> int:
        """Seven where the range allows it (the size the law gave most levels from 1999),
        otherwise the nearest bound: what a synthetic commission is staffed with."""
        size = max(self.fewest, 7)
        return size if self.most is None else min(size, self.most)

    def __str__(self) -> str:
        if self.most is None:
            return f"at least {self.fewest}"
        return str(self.most) if self.most == self.fewest else f"{self.fewest} to {self.most}"


@dataclass(frozen=True, slots=True)
class CompositionRules:
    """The dated rules a commission's membership must satisfy."""

    members_by_level: Mapping[str, MemberRange]
    term_years: int

    def members(self, level: str) -> MemberRange:
        """The size range of a commission of ``level``."""
        return self.members_by_level[level]


def levels_on(on: date) -> tuple[str, ...]:
    """The commission levels in force on ``on``, top first (from the rulebook)."""
    from kazpolity.law import rules_at

    return tuple(rules_at(on).str_list("election_administration.levels"))


def composition_on(on: date) -> CompositionRules:
    """How many members a commission has on ``on`` and their term (from the rulebook)."""
    from kazpolity.law import rules_at

    rb = rules_at(on)
    cec = rb.optional_int("election_administration.cec_members")
    territorial = MemberRange(rb.int_("election_administration.territorial_members_min"),
                              rb.int_("election_administration.territorial_members_max"))
    return CompositionRules(
        members_by_level={
            CENTRAL: MemberRange(cec, cec) if cec is not None else MemberRange(1, None),
            "territorial": territorial,
            "district": territorial,
            PRECINCT: MemberRange(rb.int_("election_administration.precinct_members_min"),
                                  rb.int_("election_administration.precinct_members_max")),
        },
        term_years=rb.int_("election_administration.term_years"),
    )


def check_composition(commission: Commission, rules: CompositionRules, on: date) -> None:
    """Raise ``InputError`` if the members break the size, term or one-per-party rule."""
    where = f"commissions.{commission.id}.members"
    size = rules.members(commission.level)
    if not size.admits(len(commission.members)):
        raise InputError(
            where, f"has {len(commission.members)} members; the law sets {size}"
        )
    seen: set[str] = set()
    for member in commission.members:
        if member.nominated_by is not None:
            if member.nominated_by in seen:
                raise InputError(
                    where,
                    f"party {member.nominated_by!r} nominated more than one member "
                    "(at most one nominee per party)",
                )
            seen.add(member.nominated_by)
        if not member.term_from <= on < member.term_until:
            raise InputError(where, f"{member.name}'s term does not cover {on.isoformat()}")
        if add_years(member.term_from, rules.term_years) != member.term_until:
            raise InputError(
                where, f"{member.name}'s term is not {rules.term_years} years"
            )




def term_until(term_from: date, years: int) -> date:
    """The end (exclusive) of a term of ``years`` starting ``term_from``."""
    return add_years(term_from, years)


@dataclass(frozen=True)
class Hierarchy:
    """The commissions of one election, checked: one root, each parent one level up."""

    levels: tuple[str, ...]
    commissions: Mapping[str, Commission]
    root_id: str
    children: Mapping[str, tuple[str, ...]] = field(repr=False)
    order: tuple[str, ...] = field(repr=False)
    """Every commission id, parents before children, children in insertion order."""
    precinct_counts: Mapping[str, int] = field(repr=False)
    """How many precincts lie under each commission (1 for a precinct)."""

    @staticmethod
    def build(levels: Sequence[str], commissions: Iterable[Commission]) -> Hierarchy:
        """Check and index ``commissions``; raise ``InputError`` naming the first fault."""
        levels = tuple(levels)
        if len(levels) < 2 or levels[0] != CENTRAL or levels[-1] != PRECINCT:
            raise InputError("levels", f"must run from central to precinct, got {list(levels)}")
        depth = {level: i for i, level in enumerate(levels)}
        by_id, roots = _index(levels, depth, commissions)
        children = _link_parents(by_id, depth)
        order = _depth_first(roots[0], children)
        counts: dict[str, int] = {}
        for cid in reversed(order):
            kids = children[cid]
            counts[cid] = 1 if by_id[cid].level == PRECINCT else sum(counts[k] for k in kids)
        for cid, commission in by_id.items():
            if commission.level != PRECINCT and not children[cid]:
                raise InputError(f"commissions.{cid}", "a commission above precinct level "
                                 "needs at least one child")
        return Hierarchy(
            levels=levels,
            commissions=by_id,
            root_id=roots[0],
            children={k: tuple(v) for k, v in children.items()},
            order=tuple(order),
            precinct_counts=counts,
        )

    def get(self, commission_id: str) -> Commission:
        """The commission, or ``NotFound``."""
        try:
            return self.commissions[commission_id]
        except KeyError:
            raise NotFound("commission_id", f"no commission {commission_id!r}") from None

    def parent_of(self, commission_id: str) -> str | None:
        return self.get(commission_id).parent_id

    def is_ancestor(self, ancestor_id: str, commission_id: str) -> bool:
        """True when ``ancestor_id`` is strictly above ``commission_id``."""
        current = self.commissions.get(commission_id)
        while current is not None and current.parent_id is not None:
            if current.parent_id == ancestor_id:
                return True
            current = self.commissions.get(current.parent_id)
        return False

    def at_level(self, level: str) -> tuple[str, ...]:
        """Commission ids at ``level`` in hierarchy order."""
        if level not in self.levels:
            raise InputError("level", f"{level!r} is not one of {list(self.levels)}")
        return tuple(cid for cid in self.order if self.commissions[cid].level == level)

    def precincts_under(self, commission_id: str) -> tuple[str, ...]:
        """Precinct ids at or below ``commission_id``."""
        out: list[str] = []
        stack = [commission_id]
        while stack:
            cid = stack.pop()
            if self.commissions[cid].level == PRECINCT:
                out.append(cid)
            else:
                stack.extend(reversed(self.children[cid]))
        return tuple(out)

    def registered_voters(self, commission_id: str) -> int:
        """The sum of the voter registers of the precincts under ``commission_id``."""
        return sum(
            self.commissions[p].voters_on_list or 0 for p in self.precincts_under(commission_id)
        )


def _check_register(commission: Commission) -> None:
    """A precinct keeps a register of zero or more voters; no other commission keeps one."""
    is_precinct = commission.level == PRECINCT
    if is_precinct and (commission.voters_on_list is None or commission.voters_on_list < 0):
        raise InputError(
            f"commissions.{commission.id}.voters_on_list",
            "a precinct needs a register of zero or more voters",
        )
    if not is_precinct and commission.voters_on_list is not None:
        raise InputError(
            f"commissions.{commission.id}.voters_on_list",
            "only a precinct keeps a voter register",
        )


def _index(
    levels: tuple[str, ...], depth: Mapping[str, int], commissions: Iterable[Commission]
) -> tuple[dict[str, Commission], list[str]]:
    """Commissions by id, each checked alone, and the one central commission."""
    by_id: dict[str, Commission] = {}
    roots: list[str] = []
    for commission in commissions:
        if commission.id in by_id:
            raise InputError("commissions", f"duplicate commission id {commission.id!r}")
        if commission.level not in depth:
            raise InputError(
                f"commissions.{commission.id}.level",
                f"{commission.level!r} is not a level on this date ({list(levels)})",
            )
        _check_register(commission)
        by_id[commission.id] = commission
        if commission.parent_id is None:
            roots.append(commission.id)
    if len(roots) != 1:
        raise InputError("commissions", f"need exactly one central commission, got {roots}")
    return by_id, roots


def _link_parents(
    by_id: Mapping[str, Commission], depth: Mapping[str, int]
) -> dict[str, list[str]]:
    """Each commission's children, checking every parent exists one level up."""
    children: dict[str, list[str]] = {cid: [] for cid in by_id}
    for commission in by_id.values():
        if commission.parent_id is None:
            if commission.level != CENTRAL:
                raise InputError(
                    f"commissions.{commission.id}.parent_id", "only the central has none"
                )
            continue
        parent = by_id.get(commission.parent_id)
        if parent is None:
            raise InputError(
                f"commissions.{commission.id}.parent_id",
                f"unknown parent {commission.parent_id!r}",
            )
        if depth[parent.level] + 1 != depth[commission.level]:
            raise InputError(
                f"commissions.{commission.id}.parent_id",
                f"a {commission.level} commission cannot sit under a {parent.level} one",
            )
        children[parent.id].append(commission.id)
    return children


def _depth_first(root: str, children: Mapping[str, list[str]]) -> list[str]:
    """Commission ids in depth-first order, each child in the order it was given."""
    order: list[str] = []
    stack = [root]
    while stack:
        current = stack.pop()
        order.append(current)
        stack.extend(reversed(children[current]))
    return order
