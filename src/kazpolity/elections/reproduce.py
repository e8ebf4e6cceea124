"""Recompute official results from their votes, and re-run them under another date's law.

``reproduce(election)`` applies the rules in force on the election's own date and compares
with the published outcome: list seats for the Majilis, the winner for the President,
validity and adoption for referendums, the electors' quorum and the seats contested for the
Senate. ``rerun(election, under=...)`` puts the same votes through another era's rules (or a
modified rule) — "2007's votes under the 2012 law".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from fractions import Fraction

from kazpolity.elections.kazakh_lists import (
    ListCompleted,
    ListOutcome,
    ListRules,
    allocate_list_seats,
    list_rules_at,
)
from kazpolity.elections.majority import MajorityOutcome, presidential_election
from kazpolity.elections.method_rules import METHODS
from kazpolity.elections.official import OfficialElection
from kazpolity.elections.referendum import referendum_result
from kazpolity.elections.steps import Step
from kazpolity.errors import InputError
from kazpolity.law import MODEL_START, rules_at

LIST_BODIES = frozenset({"majilis", "kurultai"})
"""Chambers whose list seats are recomputed from the votes."""

CONSTITUTIONAL_REFERENDUMS = frozenset({"referendum-1995-08", "referendum-2022", "referendum-2026"})
"""Referendums on the Constitution itself (the 1995-04 one extended the President's term)."""


class ReproductionStatus(StrEnum):
    """Whether the law of the day, applied to the published votes, gives the published result."""

    MATCH = "match"
    MISMATCH = "mismatch"
    NOT_REPRODUCIBLE = "not-reproducible"


class Checked(StrEnum):
    """What a reproduction compares with the published result."""

    LIST_SEATS = "list seats"
    WINNER = "winner"
    OUTCOME = "outcome"
    SEATS_CONTESTED = "seats contested"
    SEATS = "seats"


class NoteKind(StrEnum):
    """Why a reproduction reads as it does: the rule applied, or what was not published."""

    HARE_THRESHOLD = "hare-threshold"
    """List seats by the Hare quota among lists over the threshold (``percent``)."""
    BEFORE_RULEBOOK = "before-rulebook"
    """The election (``on``) precedes the rulebook; judged by the 1995 majority rule."""
    CANDIDATE_VOTES_UNPUBLISHED = "candidate-votes-unpublished"
    REFERENDUM_FIGURES_UNPUBLISHED = "referendum-figures-unpublished"
    SEATS_CONTESTED_UNPUBLISHED = "seats-contested-unpublished"
    CONTESTED_OF_ELECTED = "contested-of-elected"
    """``counts``: seats contested, seats elected by the maslikhats (a full or half renewal)."""
    ELECTOR_QUORUM = "elector-quorum"
    """``counts``: electors who voted, electors; ``met``: whether the meeting was valid."""
    BEFORE_CONSTITUTION = "before-constitution"
    NO_VOTES_PUBLISHED = "no-votes-published"


@dataclass(frozen=True)
class ReproductionNote:
    """One note of a reproduction, with the numbers it rests on (rendered by presentation)."""

    kind: NoteKind
    counts: tuple[int, ...] = ()
    on: date | None = None
    percent: Fraction | None = None
    met: bool | None = None


@dataclass(frozen=True)
class Reproduction:
    """One row of the reproduction table: what was checked, the official and the computed
    result, and the notes; ``detail_steps`` are explanation steps that complete the notes
    (a referendum's last test)."""

    election_id: str
    date: date
    checked: Checked
    official: str
    computed: str
    status: ReproductionStatus
    notes: tuple[ReproductionNote, ...] = ()
    unverified: tuple[str, ...] = field(default_factory=tuple)
    detail_steps: tuple[Step, ...] = ()
    seats: int | None = None
    """The list seats recomputed (``Checked.LIST_SEATS``)."""
    winner: str | None = None
    winner_percent: float | None = None
    share_base: str = ""
    outcome: str = ""
    turnout_percent: float | None = None
    yes_percent: float | None = None


def _seats_text(seats: dict[str, int]) -> str:
    return "/".join(str(n) for n in seats.values() if n) or "0"


def list_inputs(election: OfficialElection) -> tuple[dict[str, int], int, int]:
    """Votes per list, against-all and the rest of the ballots (invalid) of an election."""
    votes = election.list_votes
    against = election.against_all
    counted = sum(votes.values()) + against
    if election.ballots_cast is not None and election.ballots_cast >= counted:
        invalid = election.ballots_cast - counted
    else:
        invalid = election.invalid or 0
    return votes, against, invalid


def _reproduce_lists(election: OfficialElection) -> Reproduction:
    votes, against, invalid = list_inputs(election)
    outcome = allocate_list_seats(
        votes, list_rules_at(election.date, election.body), against_all=against, invalid=invalid
    )
    official = election.official_list_seats
    computed = outcome.seats
    status = (ReproductionStatus.MATCH if outcome.status == "ok" and computed == official
              else ReproductionStatus.MISMATCH)
    return Reproduction(
        election.election_id,
        election.date,
        Checked.LIST_SEATS,
        _seats_text(official),
        _seats_text(computed) if outcome.status == "ok" else "lot required",
        status,
        (ReproductionNote(NoteKind.HARE_THRESHOLD, percent=outcome.rules.threshold.percent),)
        if outcome.rules.threshold
        else (),
        outcome.rules.unverified,
        seats=outcome.rules.seats,
    )


def _official_winner(election: OfficialElection) -> str:
    candidates = election.rows_of("candidate")
    return max(candidates, key=lambda row: (row.votes or 0, row.percent or 0)).name


def presidential_outcome(election: OfficialElection, on: date | None = None) -> MajorityOutcome:
    """The first round of a presidential election under the rules of ``on`` (default: its date)."""
    day = max(on or election.date, MODEL_START)
    votes = {row.name: row.votes for row in election.rows_of("candidate") if row.votes is not None}
    participants = election.ballots_cast
    if participants is None and election.valid is not None:
        participants = election.valid + election.against_all
    return presidential_election(
        day, votes, participants=participants, against_all=election.against_all
    )


def _reproduce_president(election: OfficialElection) -> Reproduction:
    outcome = presidential_outcome(election)
    official = _official_winner(election)
    notes = []
    if election.date < MODEL_START:
        notes.append(ReproductionNote(NoteKind.BEFORE_RULEBOOK, on=election.date))
    if any(row.votes is None for row in election.rows_of("candidate")):
        notes.append(ReproductionNote(NoteKind.CANDIDATE_VOTES_UNPUBLISHED))
    winner = outcome.winner or "runoff"
    share = outcome.share(outcome.winner) if outcome.winner else Fraction(0)
    status = (ReproductionStatus.MATCH if outcome.winner == official
              else ReproductionStatus.MISMATCH)
    return Reproduction(
        election.election_id,
        election.date,
        Checked.WINNER,
        official,
        f"{winner} ({float(share * 100):.2f}% of {outcome.base_name})",
        status,
        tuple(notes),
        outcome.unverified,
        winner=outcome.winner, winner_percent=float(share * 100) if outcome.winner else None,
        share_base=outcome.base_name,
    )


def _reproduce_referendum(election: OfficialElection) -> Reproduction:
    yes = next((row.votes for row in election.rows_of("option") if row.name.lower() == "yes"), None)
    if election.registered is None or election.ballots_cast is None or yes is None:
        return Reproduction(
            election.election_id,
            election.date,
            Checked.OUTCOME,
            "adopted",
            "—",
            ReproductionStatus.NOT_REPRODUCIBLE,
            (ReproductionNote(NoteKind.REFERENDUM_FIGURES_UNPUBLISHED),),
        )
    outcome = referendum_result(
        election.date,
        registered=election.registered,
        participants=election.ballots_cast,
        yes=yes,
        constitutional=election.election_id in CONSTITUTIONAL_REFERENDUMS,
    )
    return Reproduction(
        election.election_id,
        election.date,
        Checked.OUTCOME,
        "adopted",
        f"{outcome.status} (turnout {float(outcome.turnout * 100):.2f}%, yes "
        f"{float(outcome.yes_share * 100):.2f}%)",
        ReproductionStatus.MATCH if outcome.status == "adopted" else ReproductionStatus.MISMATCH,
        (),
        outcome.unverified,
        outcome.steps[-1:],
        outcome=str(outcome.status), turnout_percent=float(outcome.turnout * 100),
        yes_percent=float(outcome.yes_share * 100),
    )


def _reproduce_senate(election: OfficialElection) -> Reproduction:
    book = rules_at(election.date)
    elected = book.int_("senate.seats_elected")
    allowed = {elected, elected // 2}
    checks = []
    status = ReproductionStatus.MATCH
    if election.seats_contested is None:
        return Reproduction(
            election.election_id,
            election.date,
            Checked.SEATS_CONTESTED,
            "—",
            f"{elected // 2} or {elected}",
            ReproductionStatus.NOT_REPRODUCIBLE,
            (ReproductionNote(NoteKind.SEATS_CONTESTED_UNPUBLISHED),),
        )
    if election.seats_contested not in allowed:
        status = ReproductionStatus.MISMATCH
    checks.append(ReproductionNote(NoteKind.CONTESTED_OF_ELECTED,
                                   (election.seats_contested, elected)))
    if election.electors and election.electors_voted is not None:
        quorum = book.fraction("senate.elector_quorum_percent")
        valid = Fraction(election.electors_voted * 100, election.electors) > quorum
        checks.append(ReproductionNote(NoteKind.ELECTOR_QUORUM,
                                       (election.electors_voted, election.electors), met=valid))
        status = status if valid else ReproductionStatus.MISMATCH
    computed = "/".join(str(n) for n in sorted(allowed))
    return Reproduction(
        election.election_id,
        election.date,
        Checked.SEATS_CONTESTED,
        str(election.seats_contested),
        computed,
        status,
        tuple(checks),
    )


def reproduce(election: OfficialElection) -> Reproduction:
    """Recompute one election under the law of its own date and compare with the official one."""
    if election.body in LIST_BODIES and election.list_votes:
        return _reproduce_lists(election)
    if election.body == "president":
        return _reproduce_president(election)
    if election.body == "referendum":
        return _reproduce_referendum(election)
    if election.body == "senate":
        return _reproduce_senate(election)
    reason = ReproductionNote(NoteKind.BEFORE_CONSTITUTION if election.date < MODEL_START
                              else NoteKind.NO_VOTES_PUBLISHED)
    seats = sum(row.seats_total or 0 for row in election.rows)
    return Reproduction(
        election.election_id, election.date, Checked.SEATS, str(seats), "—",
        ReproductionStatus.NOT_REPRODUCIBLE, (reason,)
    )


@dataclass(frozen=True)
class Rerun:
    """An election's votes under another date's law or a modified rule."""

    election_id: str
    under: date
    rules: ListRules | None
    official: dict[str, int]
    outcome: ListOutcome | MajorityOutcome

    @property
    def difference(self) -> dict[str, int] | None:
        """Re-run seats minus official seats per officially seated list (list elections)."""
        if not isinstance(self.outcome, ListCompleted):
            return None
        return {party: self.outcome.seats.get(party, 0) - seats
                for party, seats in self.official.items()}


def list_chamber_on(on: date) -> str:
    """The chamber elected by party list on ``on`` (the Kurultai from 2026-07-01)."""
    return "kurultai" if rules_at(on).exists("kurultai") else "majilis"


def rerun(
    election: OfficialElection,
    under: date,
    *,
    method: str | None = None,
    threshold: Fraction | None = None,
    seats: int | None = None,
) -> Rerun:
    """Re-run an election's votes under the law in force on ``under``, optionally modified."""
    if election.body in LIST_BODIES and election.list_votes:
        rules = list_rules_at(under, list_chamber_on(under))
        if method is not None and method not in METHODS:
            raise InputError(
                "--method", f"unknown method {method!r} (known: {', '.join(sorted(METHODS))})"
            )
        rules = rules.with_changes(seats=seats, threshold_percent=threshold, method=method)
        votes, against, invalid = list_inputs(election)
        outcome = allocate_list_seats(votes, rules, against_all=against, invalid=invalid)
        return Rerun(election.election_id, under, rules, election.official_list_seats, outcome)
    if election.body == "president":
        if method or threshold or seats:
            raise InputError(
                "--method", "a presidential election takes no method, threshold or seats"
            )
        result = presidential_outcome(election, under)
        return Rerun(election.election_id, under, None, {}, result)
    raise InputError(
        "election",
        f"{election.election_id} has no votes to re-run (only party-"
        "list and presidential elections can be re-run)",
    )
