"""What defines each apportionment method: its quota or its divisors, its names and its source.

Both families are described the same way, as data: a :class:`QuotaRule` says what the seat count
is offset by in the quota's denominator (Hare V/S, Hagenbach-Bischoff V/(S+1), Imperiali
V/(S+2)) or that it is the integer Droop quota ⌊V/(S+1)⌋ + 1; a :class:`DivisorRule` gives the
divisor of a list's (k+1)-th seat as an exact ratio. The exact engine
(:mod:`kazpolity.elections.apportionment`), the vectorised one (:mod:`.batch`) and the renderers of
explanations (:mod:`kazpolity.presentation.steps`) all read these tables, so a method is added in
one place. Sources are the textbook or the statute that defines the method.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kazpolity.errors import InputError

TEXTBOOK = "Gallagher & Mitchell (eds.), The Politics of Electoral Systems (OUP 2005)"
BALINSKI_YOUNG = "Balinski & Young, Fair Representation (2nd ed., Brookings 2001)"


def decimal_text(value: Fraction, places: int = 4) -> str:
    """A rational for people: rounded to ``places`` decimals, trailing zeros dropped."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.{places}f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class QuotaRule:
    """A largest-remainder quota: ``V / (S + offset)``, or Droop's integer ⌊V/(S+1)⌋ + 1.

    ``names`` is the quota's name per language in the form a sentence needs ("the quota of …":
    Russian genitive, Kazakh before "квотасы"). ``formula`` is the quota with V and S filled in.
    """

    id: str
    name: str
    offset: int
    integer: bool
    names: Mapping[str, str]
    source: str

    def quota(self, admitted_votes: int, seats: int) -> Fraction:
        """The quota, exactly."""
        if self.integer:
            return Fraction(admitted_votes // (seats + self.offset) + 1)
        return Fraction(admitted_votes, seats + self.offset)

    def formula(self, total: str, seats: str) -> str:
        """The quota's formula with the totals as given (already formatted)."""
        denominator = seats if self.offset == 0 else f"({seats} + {self.offset})"
        if self.integer:
            return f"⌊{total} / {denominator}⌋ + 1"
        return f"{total} / {denominator}"

    @property
    def may_overflow(self) -> bool:
        """True when the quota can hand out more whole quotas than seats (then Droop applies)."""
        return self.offset > 0 and not self.integer


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
    source: str = BALINSKI_YOUNG

    @property
    def zero_first(self) -> bool:
        """True when the first divisor is 0, so every list with votes gets a first seat."""
        return bool(self.num(0) == 0)

    def divisor(self, k: int) -> Fraction:
        """The divisor of the (k+1)-th seat (its square for Huntington-Hill)."""
        return Fraction(int(self.num(k)), int(self.den(k)))

    def divisor_text(self, k: int) -> str:
        """The divisor of the (k+1)-th seat for people: ``"1.4"``, ``"3"``, ``"√6"``."""
        if self.power == 2:
            square = int(self.num(k))
            root = math.isqrt(square)
            return str(root) if root * root == square else f"√{square}"
        return decimal_text(self.divisor(k), 4)

    def priority(self, votes: int, k: int) -> Fraction:
        """The (power of the) average for a list holding ``k`` seats; k must have num(k) > 0."""
        return Fraction(votes**self.power * int(self.den(k)), int(self.num(k)))

    def average(self, votes: int, k: int) -> Fraction | float:
        """The average votes / divisor: exact, or a float for an irrational divisor."""
        if self.power == 2:
            return votes / math.sqrt(int(self.num(k)))
        return Fraction(votes * int(self.den(k)), int(self.num(k)))

    def average_text(self, votes: int, k: int) -> str:
        """The average votes / divisor as people read it."""
        average = self.average(votes, k)
        if isinstance(average, float):
            return f"{average:.4f}".rstrip("0").rstrip(".")
        return decimal_text(average)


def _one(k: Any) -> Any:
    return k * 0 + 1


QUOTA_RULES: dict[str, QuotaRule] = {
    "hare": QuotaRule("hare", "Hare", 0, False, {"en": "Hare", "kk": "Хэйр", "ru": "Хэйра"},
                      "T. Hare, A Treatise on the Election of Representatives (1859); " + TEXTBOOK),
    "droop": QuotaRule("droop", "Droop", 1, True, {"en": "Droop", "kk": "Друп", "ru": "Друпа"},
                       "H. R. Droop, On Methods of Electing Representatives (1881); " + TEXTBOOK),
    "hagenbach-bischoff": QuotaRule(
        "hagenbach-bischoff", "Hagenbach-Bischoff", 1, False,
        {"en": "Hagenbach-Bischoff", "kk": "Хагенбах – Бишофф", "ru": "Хагенбаха – Бишоффа"},
        TEXTBOOK),
    "imperiali": QuotaRule("imperiali", "Imperiali", 2, False,
                           {"en": "Imperiali", "kk": "Империали", "ru": "Империали"}, TEXTBOOK),
}
"""The largest-remainder quotas, by method id."""

DIVISOR_RULES: dict[str, DivisorRule] = {
    "dhondt": DivisorRule("dhondt", "D'Hondt", lambda k: k + 1, _one, source=(
        "V. D'Hondt, Système pratique et raisonné de représentation proportionnelle (1882); "
        + TEXTBOOK)),
    "sainte-lague": DivisorRule("sainte-lague", "Sainte-Laguë", lambda k: 2 * k + 1, _one,
                                scale=2, source=(
        "A. Sainte-Laguë, La représentation proportionnelle et la méthode des moindres carrés "
        "(1910); " + TEXTBOOK)),
    # 1.4 for the first seat, then 3, 5, 7 …: scaled by 5 to stay integral (7, 15, 25 …).
    "modified-sainte-lague": DivisorRule(
        "modified-sainte-lague",
        "modified Sainte-Laguë",
        lambda k: 10 * k + 5 + 2 * (k == 0),
        lambda k: k * 0 + 5,
        scale=2,
        source=TEXTBOOK,
    ),
    "huntington-hill": DivisorRule(
        "huntington-hill", "Huntington-Hill", lambda k: k * (k + 1), _one, power=2
    ),
    "adams": DivisorRule("adams", "Adams", lambda k: k, _one),
    "dean": DivisorRule("dean", "Dean", lambda k: 2 * k * (k + 1), lambda k: 2 * k + 1),
    "danish": DivisorRule("danish", "Danish", lambda k: 3 * k + 1, _one, scale=3,
                          source=TEXTBOOK),
}
"""The highest-averages methods, by method id."""

QUOTA_METHODS: tuple[str, ...] = tuple(QUOTA_RULES)
DIVISOR_METHODS: tuple[str, ...] = tuple(DIVISOR_RULES)
METHODS: tuple[str, ...] = QUOTA_METHODS + DIVISOR_METHODS
"""The textbook method ids (the law-bound ones are in :mod:`kazpolity.elections.methods`)."""


def method_source(method: str) -> str:
    """The textbook source that defines a textbook method."""
    if method in QUOTA_RULES:
        return QUOTA_RULES[method].source
    if method in DIVISOR_RULES:
        return DIVISOR_RULES[method].source
    raise InputError("method", f"{method!r} is not a textbook method")


def quota_for(method: str, admitted_votes: int, seats: int) -> Fraction:
    """The quota of a largest-remainder method, exactly (Droop is the integer Droop quota)."""
    rule = QUOTA_RULES.get(method)
    if rule is None:
        raise InputError("method", f"{method!r} is not a largest-remainder method")
    return rule.quota(admitted_votes, seats)
