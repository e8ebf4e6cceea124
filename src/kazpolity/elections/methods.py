"""The one registry of allocation methods: textbook quota and divisor methods, and law-bound ones.

Every face reads this registry: ``kazpolity allocate --method``, the re-run form of the election
pages, the batch engine's method check and the translations of method names. A textbook method is
defined by its :class:`~kazpolity.elections.method_rules.QuotaRule` or
:class:`~kazpolity.elections.method_rules.DivisorRule`; a law-bound method (``kz-majilis``, the
Kazakh list rule in force on a date, Election Law Art. 97-1/97) by the function that applies the
law. To add a method, add its rule to :mod:`.method_rules` (textbook) or a :class:`Method` with
its function here (law-bound), and its names in the three languages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kazpolity.elections.apportionment import allocate
from kazpolity.elections.explanation import Allocation
from kazpolity.elections.kazakh_lists import ListLotRequired, allocate_list_seats, list_rules_at
from kazpolity.elections.lots import LotRequired
from kazpolity.elections.method_rules import DIVISOR_RULES, QUOTA_RULES, method_source
from kazpolity.elections.reproduce import list_chamber_on
from kazpolity.elections.threshold import BallotExtras, ThresholdRule
from kazpolity.errors import InputError


class MethodKind(StrEnum):
    """How a method decides seats."""

    QUOTA = "quota"
    DIVISOR = "divisor"
    LAW = "law"


@dataclass(frozen=True)
class AllocateRequest:
    """Everything an allocation was asked, validated; what a method's function receives."""

    votes: tuple[tuple[str, int], ...]
    seats: int
    method: str
    threshold: ThresholdRule | None
    extras: BallotExtras
    on: date | None = None
    tie_order: tuple[str, ...] | None = None
    lot: tuple[str, ...] | None = None


AllocateFunction = Callable[[AllocateRequest], Allocation | LotRequired]


@dataclass(frozen=True)
class Method:
    """A method: its id, family, names in each language, source and allocation function."""

    id: str
    kind: MethodKind
    names: Mapping[str, str]
    source: str
    function: AllocateFunction

    def name(self, lang: str) -> str:
        """The method's name in ``lang`` (English when untranslated)."""
        return self.names.get(lang, self.names["en"])


def _textbook(request: AllocateRequest) -> Allocation | LotRequired:
    if request.on is not None:
        raise InputError(
            "--on",
            f"method {request.method!r} does not depend on a date; --on applies to law-bound "
            "methods such as kz-majilis",
        )
    return allocate(
        request.votes,
        request.seats,
        request.method,
        threshold=request.threshold,
        extras=request.extras,
        tie_order=request.tie_order,
        lot=request.lot,
        article=method_source(request.method),
    )


def kazakh_list_rule(request: AllocateRequest) -> Allocation | LotRequired:
    """``kz-majilis``: the list rule in force on ``on`` (default today), with ``seats``.

    A threshold replaces the law's percentage (keeping its base); ``tie_order`` is the lists'
    registration order, which the law uses to break equal remainders.
    """
    on = request.on or date.today()
    rules = list_rules_at(on, list_chamber_on(on)).with_changes(
        seats=request.seats,
        threshold_percent=request.threshold.percent if request.threshold else None,
    )
    outcome = allocate_list_seats(
        dict(request.votes), rules, against_all=request.extras.against_all,
        invalid=request.extras.invalid, registration_order=request.tie_order, lot=request.lot)
    if isinstance(outcome, ListLotRequired):
        return dataclasses.replace(outcome.lot, extra={
            **dict(outcome.lot.extra),
            "law_tie_break": "equal remainders go to the list registered earlier "
            f"({rules.citations.get('list_tie_break', 'Art. 97')}); give the registration "
            "order with --tie-order, or the drawn lot with --lot"})
    return outcome.allocation


_NAMES: dict[str, dict[str, str]] = {
    "hare": {"en": "Hare quota, largest remainder", "kk": "Хэйр квотасы, ең үлкен қалдық",
             "ru": "Квота Хэйра, наибольший остаток"},
    "droop": {"en": "Droop quota, largest remainder", "kk": "Друп квотасы, ең үлкен қалдық",
              "ru": "Квота Друпа, наибольший остаток"},
    "hagenbach-bischoff": {"en": "Hagenbach-Bischoff quota", "kk": "Хагенбах – Бишофф квотасы",
                           "ru": "Квота Хагенбаха – Бишоффа"},
    "imperiali": {"en": "Imperiali quota", "kk": "Империали квотасы", "ru": "Квота Империали"},
    "dhondt": {"en": "D'Hondt", "kk": "Д’Ондт әдісі", "ru": "Метод д’Ондта"},
    "sainte-lague": {"en": "Sainte-Laguë", "kk": "Сент-Лагю әдісі", "ru": "Метод Сент-Лагю"},
    "modified-sainte-lague": {"en": "Modified Sainte-Laguë (1.4)",
                              "kk": "Түрлендірілген Сент-Лагю әдісі (1,4)",
                              "ru": "Модифицированный метод Сент-Лагю (1,4)"},
    "huntington-hill": {"en": "Huntington-Hill", "kk": "Хантингтон – Хилл әдісі",
                        "ru": "Метод Хантингтона – Хилла"},
    "adams": {"en": "Adams", "kk": "Адамс әдісі", "ru": "Метод Адамса"},
    "dean": {"en": "Dean", "kk": "Дин әдісі", "ru": "Метод Дина"},
    "danish": {"en": "Danish", "kk": "Дат әдісі", "ru": "Датский метод"},
    "kz-majilis": {"en": "Kazakh list rule in force on the date (kz-majilis)",
                   "kk": "Күнге қолданыстағы қазақстандық партиялық тізім ережесі (kz-majilis)",
                   "ru": "Казахстанское правило партийных списков на дату (kz-majilis)"},
}

METHODS: dict[str, Method] = {
    **{m: Method(m, MethodKind.QUOTA, _NAMES[m], method_source(m), _textbook)
       for m in QUOTA_RULES},
    **{m: Method(m, MethodKind.DIVISOR, _NAMES[m], method_source(m), _textbook)
       for m in DIVISOR_RULES},
    "kz-majilis": Method("kz-majilis", MethodKind.LAW, _NAMES["kz-majilis"],
                         "Constitutional Law On Elections, Art. 97-1 (Art. 97 from 2009)",
                         kazakh_list_rule),
}
"""Method id → method; textbook methods first (quota, then divisor), then law-bound ones."""


def method_named(method_id: str, field: str = "method") -> Method:
    """The method ``method_id``, or bad input naming ``field`` and the choices."""
    method = METHODS.get(method_id)
    if method is None:
        raise InputError(field, f"unknown method {method_id!r}; choose one of "
                                f"{', '.join(sorted(METHODS))}")
    return method


def textbook_methods() -> tuple[Method, ...]:
    """The methods a re-run may substitute for the law's own (all but the law-bound ones)."""
    return tuple(m for m in METHODS.values() if m.kind is not MethodKind.LAW)
