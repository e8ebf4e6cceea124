"""The dated law of Kazakhstan: ``rules_at(date)`` and ``changes_between(d1, d2)``."""

from kazpolity.law.model import Act, Body, Parameter, Rule, Source
from kazpolity.law.rulebook import (
    MODEL_END,
    MODEL_START,
    Change,
    Laws,
    Rulebook,
    changes_between,
    check_in_model,
    laws,
    parse_day,
    rules_at,
)

__all__ = [
    "MODEL_END",
    "MODEL_START",
    "Act",
    "Body",
    "Change",
    "Laws",
    "Parameter",
    "Rule",
    "Rulebook",
    "Source",
    "changes_between",
    "check_in_model",
    "laws",
    "parse_day",
    "rules_at",
]
