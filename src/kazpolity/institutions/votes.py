"""Where a procedure's votes come from: the scenario's explicit counts, or a voting model.

The scenario is read at the edge (``institutions.scenario``) into ``ExplicitVotes`` and a
``ModelSpec``. The model: every deputy votes with their faction's position with probability
``discipline`` (else the other way); factions are the composition on the scenario's date
(or ``model.composition``); senators, who sit on no party list, vote yes with probability
``senate_yes``. Runs are seeded, so a Monte Carlo answer is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import chamber_composition
from kazpolity.institutions.procedure import Vote


class VoteSource(Protocol):
    def get(self, stage: str, body: str, size: int) -> Vote | None: ...


@dataclass(frozen=True)
class CastVote:
    """A vote as the scenario gives it, with the field it came from (for errors)."""

    field: str
    vote: Vote


@dataclass(frozen=True)
class ExplicitVotes:
    """Votes written in the scenario, by stage: ``majilis`` (from ``votes.majilis``),
    ``override.senate``, ``delegation.majilis``, ``accusation`` ..."""

    by_stage: Mapping[str, CastVote] = field(default_factory=dict)

    def get(self, stage: str, body: str, size: int) -> Vote | None:
        """The vote of ``stage``, checked against the body's size on the date."""
        cast = self.by_stage.get(stage)
        if cast is None:
            return None
        if cast.vote.voting > size:
            raise InputError(cast.field, f"{cast.vote.voting} votes are above the size of "
                             f"the {body} ({size} deputies) on that date")
        return cast.vote


@dataclass(frozen=True)
class ModelSpec:
    """The voting model as the scenario states it (``model:``)."""

    discipline: float
    positions: Mapping[str, bool]
    default_yes: bool
    senate_yes: float
    composition: Mapping[str, int] | None


@dataclass
class VotingModel:
    """Faction-discipline voting, sampled with a seeded generator."""

    on: date
    spec: ModelSpec
    rng: random.Random

    @classmethod
    def seeded(cls, spec: ModelSpec, on: date, seed: int) -> VotingModel:
        return cls(on, spec, random.Random(seed))

    def factions(self, body: str, size: int) -> dict[str, int]:
        if body == "senate":
            return {}
        if self.spec.composition is not None:
            seats = sum(self.spec.composition.values())
            if seats != size:
                raise InputError("model.composition", f"{seats} seats, but the {body} has "
                                 f"{size} on {self.on.isoformat()}")
            return dict(self.spec.composition)
        composition = chamber_composition(body, self.on)
        if not composition.by_party:
            raise InputError("model", f"the party composition of the {body} on "
                             f"{self.on.isoformat()} is unknown ({composition.status}); give "
                             "model.composition or explicit votes")
        return composition.by_party

    def get(self, stage: str, body: str, size: int) -> Vote:
        yes = 0
        if body == "senate":
            yes = sum(self.rng.random() < self.spec.senate_yes for _ in range(size))
            return Vote(yes, size - yes)
        for faction, seats in self.factions(body, size).items():
            position = self.spec.positions.get(faction, self.spec.default_yes)
            loyal = sum(self.rng.random() < self.spec.discipline for _ in range(seats))
            yes += loyal if position else seats - loyal
        return Vote(yes, size - yes)


@dataclass
class CombinedVotes:
    """Explicit votes where given, the model elsewhere."""

    explicit: ExplicitVotes
    model: VotingModel | None

    def get(self, stage: str, body: str, size: int) -> Vote | None:
        vote = self.explicit.get(stage, body, size)
        if vote is None and self.model is not None:
            return self.model.get(stage, body, size)
        return vote
