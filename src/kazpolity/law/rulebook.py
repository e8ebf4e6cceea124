"""``rules_at(date)`` and ``changes_between(d1, d2)``: the dated law as one frozen value.

The parameter files are loaded and validated once per process. A ``Rulebook`` is the
law on one day: for each body that exists that day, each parameter's ``Rule`` (value,
interval, source, unverified flag). Derived values — the number of regions, and the
Senate's elected seats (two per region, Const. Art. 50(2)) — are computed from ``geo``
rather than typed in.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kazpolity.errors import InputError, NotFound, OutOfModelRange
from kazpolity.law.derived import derived_bodies
from kazpolity.law.loader import ModelSpan, load_acts, load_body
from kazpolity.law.model import Body, LeafValue, Parameter, Rule

MODEL_START = date(1995, 8, 30)
"""The Constitution of the Republic of Kazakhstan was adopted by referendum on this day."""

MODEL_END = date(2026, 12, 31)
"""The last day modelled: the facts behind the parameter files were reviewed to late 2026."""

PARAMETERS_DIR = Path(__file__).with_name("parameters")

BODY_ORDER = ("legislature", "majilis", "senate", "kurultai", "president", "vice_president",
              "government", "legislation", "dissolution", "succession", "referendum",
              "election_administration", "regions")
"""Bodies listed first, in this order, when a rulebook is shown; the rest follow by name."""


@dataclass(frozen=True)
class Laws:
    """Every body of law with its full timeline, as loaded from the parameter files."""

    bodies: MappingProxyType[str, Body]

    def parameter(self, key: str) -> Parameter:
        body_name, _, name = key.partition(".")
        body = self.bodies.get(body_name)
        if body is None or name not in body.parameters:
            raise NotFound("key", f"unknown rule {key!r} (see `kazpolity rules show`)")
        return body.parameters[name]

    def keys(self) -> Iterator[str]:
        for body in self.bodies.values():
            for parameter in body.parameters.values():
                yield parameter.key


def load_laws(directory: Path = PARAMETERS_DIR) -> Laws:
    """Load and validate every parameter file in ``directory`` (``acts.yaml`` first)."""
    span = ModelSpan(MODEL_START, MODEL_END)
    acts = load_acts(directory / "acts.yaml")
    bodies: dict[str, Body] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "acts.yaml":
            continue
        body = load_body(path, acts, span)
        bodies[body.name] = body
    for body in derived_bodies(bodies, MODEL_START, MODEL_END):
        if body.name in bodies:
            for name, parameter in body.parameters.items():
                bodies[body.name].parameters[name] = parameter
        else:
            bodies[body.name] = body
    rank = {name: index for index, name in enumerate(BODY_ORDER)}
    ordered = dict(sorted(bodies.items(), key=lambda item: (rank.get(item[0], len(rank)),
                                                            item[0])))
    return Laws(MappingProxyType(ordered))


@cache
def laws() -> Laws:
    """The bundled law, loaded once."""
    return load_laws()


def check_in_model(on: date, field: str = "on") -> date:
    """Refuse dates the rulebook does not model instead of guessing (design note 2)."""
    if on < MODEL_START:
        raise OutOfModelRange(field, f"{on.isoformat()} is before {MODEL_START.isoformat()}, "
                              "when the 1995 Constitution was adopted; the rulebook starts there")
    if on > MODEL_END:
        raise OutOfModelRange(field, f"{on.isoformat()} is after {MODEL_END.isoformat()}, "
                              "the last day the rulebook models")
    return on


def parse_day(text: str, field: str = "on") -> date:
    """Parse an ISO date given by a user, naming the field on failure."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, f"{text!r} is not a date in the form YYYY-MM-DD") from None


@dataclass(frozen=True)
class Rulebook:
    """The law on one day: bodies that exist, each with its rules in force."""

    on: date
    bodies: MappingProxyType[str, MappingProxyType[str, Rule] | None]
    titles: MappingProxyType[str, str]

    def exists(self, body: str) -> bool:
        if body not in self.bodies:
            raise NotFound("body", f"unknown body {body!r}")
        return self.bodies[body] is not None

    def leaf(self, key: str) -> Rule:
        body_name, _, name = key.partition(".")
        if body_name not in self.bodies:
            raise NotFound("key", f"unknown rule {key!r}")
        rules = self.bodies[body_name]
        if rules is None:
            raise InputError("key", f"{body_name} does not exist on {self.on.isoformat()}, "
                             f"so {key!r} has no value")
        if name not in rules:
            laws().parameter(key)  # unknown key → NotFound; known but not in force → below
            raise InputError("key", f"{key!r} is not in force on {self.on.isoformat()}")
        return rules[name]

    def value(self, key: str) -> LeafValue:
        return self.leaf(key).value

    def _typed(self, key: str, kind: type[Any] | tuple[type[Any], ...],
               optional: bool = False) -> Any:
        value = self.value(key)
        if value is None and optional:
            return None
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"{key} is a bool, not {kind}")
        if not isinstance(value, kind):
            raise TypeError(f"{key} is {type(value).__name__}, not {kind}")
        return value

    def int_(self, key: str) -> int:
        result: int = self._typed(key, int)
        return result

    def optional_int(self, key: str) -> int | None:
        result: int | None = self._typed(key, int, optional=True)
        return result

    def fraction(self, key: str) -> Fraction:
        result: Fraction = self._typed(key, Fraction)
        return result

    def optional_fraction(self, key: str) -> Fraction | None:
        result: Fraction | None = self._typed(key, Fraction, optional=True)
        return result

    def str_(self, key: str) -> str:
        result: str = self._typed(key, str)
        return result

    def optional_str(self, key: str) -> str | None:
        result: str | None = self._typed(key, str, optional=True)
        return result

    def bool_(self, key: str) -> bool:
        result: bool = self._typed(key, bool)
        return result

    def str_list(self, key: str) -> tuple[str, ...]:
        result: tuple[str, ...] = self._typed(key, tuple)
        return result

    def rules(self) -> Iterator[Rule]:
        for rules in self.bodies.values():
            if rules is not None:
                yield from rules.values()

    def to_json(self) -> dict[str, Any]:
        """``{"on": ..., "body": {"key": leaf} | null, ...}`` — one object per day."""
        result: dict[str, Any] = {"on": self.on.isoformat()}
        for body, rules in self.bodies.items():
            result[body] = None if rules is None else {
                name: rule.to_json() for name, rule in rules.items()
            }
        return result


@cache
def rules_at(on: date) -> Rulebook:
    """The rulebook in force on ``on``; dates outside the model raise ``OutOfModelRange``."""
    check_in_model(on)
    bodies: dict[str, MappingProxyType[str, Rule] | None] = {}
    titles: dict[str, str] = {}
    for name, body in laws().bodies.items():
        titles[name] = body.title
        if not body.exists_on(on):
            bodies[name] = None
            continue
        in_force: dict[str, Rule] = {}
        for param_name, parameter in body.parameters.items():
            rule = parameter.at(on)
            if rule is not None:
                in_force[param_name] = rule
        bodies[name] = MappingProxyType(in_force)
    return Rulebook(on, MappingProxyType(bodies), MappingProxyType(titles))


@dataclass(frozen=True)
class Change:
    """One rule that changed on ``on``: what it was, what it became, and the source."""

    key: str
    on: date
    before: Rule | None
    after: Rule | None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "on": self.on.isoformat(),
            "before": self.before.to_json() if self.before else None,
            "after": self.after.to_json() if self.after else None,
        }


def _boundaries(parameter: Parameter, body: Body) -> set[date]:
    days: set[date] = set()
    for rule in (*parameter.timeline, *body.existence):
        days.add(rule.valid_from)
        if rule.valid_until is not None:
            days.add(rule.valid_until)
    return days


def changes_between(start: date, end: date) -> tuple[Change, ...]:
    """Every change of value in ``(start, end]``, in date order, each with its new source.

    A body created or abolished in the span shows as its rules appearing (``before`` is
    None) or disappearing (``after`` is None).
    """
    check_in_model(start, "from")
    check_in_model(end, "to")
    if end < start:
        start, end = end, start
    changes: list[Change] = []
    for body in laws().bodies.values():
        for parameter in body.parameters.values():
            for day in sorted(d for d in _boundaries(parameter, body) if start < d <= end):
                before = _rule_if_body(parameter, body, date.fromordinal(day.toordinal() - 1))
                after = _rule_if_body(parameter, body, day)
                if _same(before, after):
                    continue
                changes.append(Change(parameter.key, day, before, after))
    changes.sort(key=lambda change: (change.on, change.key))
    return tuple(changes)


def _rule_if_body(parameter: Parameter, body: Body, on: date) -> Rule | None:
    return parameter.at(on) if body.exists_on(on) else None


def _same(before: Rule | None, after: Rule | None) -> bool:
    if before is None or after is None:
        return before is after
    return before.value == after.value and before.unverified == after.unverified
