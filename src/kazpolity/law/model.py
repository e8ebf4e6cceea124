"""Typed values of the rulebook: a cited source, a dated rule, a parameter's timeline.

Every interval is half-open, ``[valid_from, valid_until)``; ``valid_until`` is ``None``
while a rule is still in force (design note 2: one interval convention only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

LeafValue = int | bool | str | Fraction | date | tuple[str, ...] | None


@dataclass(frozen=True)
class Act:
    """A legal act (or official publication) that rules cite."""

    act_id: str
    title: str
    act_date: date
    url: str


@dataclass(frozen=True)
class Source:
    """Where a value comes from: the act, the article, and a URL to check it."""

    act: str
    article: str
    act_date: date
    url: str
    see_also: tuple[str, ...] = ()
    act_id: str = ""

    def __str__(self) -> str:
        return f"{self.act} ({self.act_date.isoformat()}), {self.article} <{self.url}>"


@dataclass(frozen=True)
class Rule:
    """One value of one parameter, with the interval it was in force and its source."""

    key: str
    value: LeafValue
    valid_from: date
    valid_until: date | None
    source: Source
    unverified: bool = False
    note: str | None = None

    def in_force_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on < self.valid_until)

    def to_json(self) -> dict[str, Any]:
        """The leaf as the CLI and the API print it."""
        leaf: dict[str, Any] = {
            "value": json_value(self.value),
            "from": self.valid_from.isoformat(),
            "until": self.valid_until.isoformat() if self.valid_until else None,
            "source": str(self.source),
            "unverified": self.unverified,
        }
        if self.note:
            leaf["note"] = self.note
        return leaf


@dataclass(frozen=True)
class Parameter:
    """A parameter's declaration and its whole timeline of rules."""

    key: str
    description: str
    unit: str
    kind: str
    timeline: tuple[Rule, ...]
    derived: bool = False

    def at(self, on: date) -> Rule | None:
        for rule in self.timeline:
            if rule.in_force_on(on):
                return rule
        return None


@dataclass(frozen=True)
class Body:
    """A body of law (a chamber, an office, a procedure) and when it existed."""

    name: str
    title: str
    existence: tuple[Rule, ...]
    parameters: dict[str, Parameter] = field(default_factory=dict)

    def exists_on(self, on: date) -> bool:
        return any(span.in_force_on(on) for span in self.existence)


def json_value(value: LeafValue) -> Any:
    """Render a leaf value as JSON: exact fractions stay exact where a float would not be."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return int(value)
        denominator = value.denominator
        for prime in (2, 5):
            while denominator % prime == 0:
                denominator //= prime
        return float(value) if denominator == 1 else f"{value.numerator}/{value.denominator}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def display_value(value: LeafValue) -> str:
    """Render a leaf value for people."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    rendered = json_value(value)
    if isinstance(rendered, list):
        return ", ".join(str(item) for item in rendered) or "(none)"
    return str(rendered)
