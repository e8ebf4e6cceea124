"""Where a procedure's votes come from: the scenario's explicit counts, or a voting model.

The model: every deputy votes with their faction's position with probability
``discipline`` (else the other way); factions are the composition on the scenario's date
(or ``model.composition``); senators, who sit on no party list, vote yes with probability
``senate_yes``. Runs are seeded, so a Monte Carlo answer is reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kazpolity.errors import InputError
from kazpolity.institutions.bodies import chamber_composition
from kazpolity.institutions.procedure import Vote
from kazpolity.institutions.scenario import Fields


class VoteSource(Protocol):
    def get(self, stage: str, body: str, size: int) -> Vote | None: ...


def _lookup(fields: Fields, stage: str) -> tuple[Fields, str] | None:
    """``override.senate`` → (the ``override`` section, ``senate``)."""
    if "." in stage:
        head, _, tail = stage.partition(".")
        section = fields.section(head)
        if section is None or not section.has(tail):
            return None
        return section, tail
    votes = fields.section("votes")
    if votes is None or not votes.has(stage):
        return None
    return votes, stage


@dataclass
class ExplicitVotes:
    """Votes written in the scenario (``votes.majilis``, ``override.senate``, ...)."""

    fields: Fields

    def get(self, stage: str, body: str, size: int) -> Vote | None:
        found = _lookup(self.fields, stage)
        if found is None:
            return None
        section, key = found
        return section.vote(key, size, body)


@dataclass
class VotingModel:
    """Faction-discipline voting, sampled with a seeded generator."""

    on: date
    discipline: float
    positions: dict[str, bool]
    default_yes: bool
    senate_yes: float
    composition: dict[str, int] | None
    rng: random.Random = field(default_factory=random.Random)

    @classmethod
    def from_fields(cls, model: Fields, on: date, seed: int) -> VotingModel:
        discipline = model.data.get("discipline", 0.95)
        senate_yes = model.data.get("senate_yes", discipline)
        for name, value in (("discipline", discipline), ("senate_yes", senate_yes)):
            if not isinstance(value, int | float) or isinstance(value, bool) \
                    or not 0 <= value <= 1:
                raise InputError(model.name(name), f"expected a probability 0..1, got {value!r}")
        positions: dict[str, bool] = {}
        raw = model.data.get("positions", {})
        if not isinstance(raw, dict):
            raise InputError(model.name("positions"), "expected {faction: yes|no}")
        for party, position in raw.items():
            if position not in ("yes", "no", True, False):
                raise InputError(model.name(f"positions.{party}"), "expected yes or no")
            positions[str(party)] = position in ("yes", True)
        default = model.text("default", ("yes", "no"), "no")
        composition = None
        raw_comp = model.data.get("composition")
        if raw_comp is not None:
            if not isinstance(raw_comp, dict) or not all(
                    isinstance(v, int) and not isinstance(v, bool) and v >= 0
                    for v in raw_comp.values()):
                raise InputError(model.name("composition"), "expected {faction: seats}")
            composition = {str(k): int(v) for k, v in raw_comp.items()}
        return cls(on, float(discipline), positions, default == "yes", float(senate_yes),
                   composition, random.Random(seed))

    def factions(self, body: str, size: int) -> dict[str, int]:
        if body == "senate":
            return {}
        if self.composition is not None:
            seats = sum(self.composition.values())
            if seats != size:
                raise InputError("model.composition", f"{seats} seats, but the {body} has "
                                 f"{size} on {self.on.isoformat()}")
            return self.composition
        composition = chamber_composition(body, self.on)
        if not composition.by_party:
            raise InputError("model", f"the party composition of the {body} on "
                             f"{self.on.isoformat()} is unknown ({composition.status}); give "
                             "model.composition or explicit votes")
        return composition.by_party

    def get(self, stage: str, body: str, size: int) -> Vote:
        yes = 0
        if body == "senate":
            yes = sum(self.rng.random() < self.senate_yes for _ in range(size))
            return Vote(yes, size - yes)
        for faction, seats in self.factions(body, size).items():
            position = self.positions.get(faction, self.default_yes)
            loyal = sum(self.rng.random() < self.discipline for _ in range(seats))
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
