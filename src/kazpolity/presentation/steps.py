"""Explanation steps in English, Kazakh and Russian: one template per step kind and language.

The engines record :class:`~kazpolity.elections.steps.Step` values; this module is the only place
that turns them into sentences. English is one renderer among three (its sentences are the ones
the JSON output carries), so no face ever parses engine text. A template names the step's fields
with a format code: numbers (``n`` plain, ``g`` grouped, ``frac`` exact fraction, ``d4`` up to
four decimals, ``f2``/``f4`` fixed decimals, ``pg`` short, ``pct`` exact or four decimals),
terms (``base``, ``words``, ``at``, ``quota``, ``method``, ``basename``, ``reading``), a test's
outcome (``cmp``, ``outcome``, ``rel``) and groups of names (through the names catalogue, or
``raw``). English numbers keep the engine's historical form (``3431510``); Kazakh and Russian
numbers follow the locale (``3 431 510``, ``0,4``) through :mod:`kazpolity.presentation.numbers`.

Terminology follows the CEC's own texts in each language (Russian "избирательный барьер",
"мандат", "жеребьёвка", "повторное голосование"; Kazakh "шекті меже", "депутаттық мандат",
"жеребе", "қайта дауыс беру"), "квота", "остаток"/"қалдық", "частное"/"бөлінді" being the textbook
terms.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from fractions import Fraction
from string import Formatter

from kazpolity.elections.method_rules import DIVISOR_RULES, QUOTA_RULES, decimal_text
from kazpolity.elections.steps import Step, StepKind
from kazpolity.names import result_name
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_date, format_int, format_number
from kazpolity.presentation.step_templates import TEMPLATES, TERMS

NameOf = Callable[[str], str]

_JOINERS: Mapping[StepKind, str] = {StepKind.THRESHOLD: "; ", StepKind.REMAINDERS_RANKED: ", "}


def render_step(step: Step, lang: Language | str = Language.EN,
                name: NameOf | None = None) -> str:
    """``step`` as one sentence in ``lang``; ``name`` maps a list's or candidate's name (the
    names catalogue by default; English keeps the name as given)."""
    language = Language(lang)
    naming = name if name is not None else (lambda text: result_name(text, language.value))
    template = TEMPLATES[step.kind][language]
    fields = _fields(step, language, naming)
    return _StepFormatter(language, naming).vformat(template, (), fields)


def english(step: Step) -> str:
    """The English sentence with names as given: what the JSON output carries."""
    return render_step(step, Language.EN, str)


def _item(item: Step, lang: Language, name: NameOf) -> str:
    text = render_step(item, lang, name)
    if item.kind in (StepKind.VERDICT, StepKind.VERDICT_AT_THRESHOLD):
        return f"{name(item.party())}: {text}"
    return text


def _fields(step: Step, lang: Language, name: NameOf) -> dict[str, object]:
    fields: dict[str, object] = {**step.numbers, **step.parties}
    fields.update(term=step.term or "", passed=step.passed, on=step.on,
                  citation=step.citation or "")
    if step.items:
        joiner = _JOINERS.get(step.kind, "; ")
        fields["items"] = joiner.join(_item(item, lang, name) for item in step.items)
    if "votes" in step.numbers and "base" in step.numbers and "percent" in step.numbers:
        base = step.numbers["base"]
        fields["share"] = step.numbers["votes"] * 100 / base if base else Fraction(0)
    if step.term in QUOTA_RULES and "total" in step.numbers:
        fields["formula"] = QUOTA_RULES[step.term].formula(
            _number(step.numbers["total"], "n", lang), _number(step.numbers["seats"], "n", lang))
    if step.term in DIVISOR_RULES and "held" in step.numbers:
        rule = DIVISOR_RULES[step.term]
        held, votes = int(step.numbers["held"]), int(step.numbers["votes"])
        fields["divisor"] = _localised(rule.divisor_text(held), lang)
        fields["average"] = _localised(rule.average_text(votes, held), lang)
    return fields


def _localised(text: str, lang: Language) -> str:
    """A number already written by the engine (``"1.4"``, ``"√6"``, ``"32857.1429"``) in
    ``lang``'s style."""
    if lang is Language.EN:
        return text
    prefix = "√" if text.startswith("√") else ""
    digits = text.removeprefix("√")
    whole, _, decimals = digits.partition(".")
    if not whole.isdigit():
        return text
    value = Fraction(digits)
    shown = format_number(value, lang, len(decimals)) if decimals else format_int(int(whole), lang)
    return prefix + shown


def _percent_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


_ENGLISH_NUMBER: Mapping[str, Callable[[Fraction], str]] = {
    "n": lambda v: str(int(v)),
    "g": lambda v: f"{int(v):,}",
    "frac": lambda v: str(v),
    "d4": lambda v: decimal_text(v, 4),
    "f2": lambda v: f"{float(v):.2f}",
    "f4": lambda v: f"{float(v):.4f}",
    "pg": lambda v: f"{float(v):g}",
    "pct": _percent_text,
}


def _number(value: Fraction, spec: str, lang: Language) -> str:
    text = _ENGLISH_NUMBER[spec or "d4"](value)
    if lang is Language.EN:
        return text
    if spec == "g":
        return format_int(int(value), lang)
    if spec == "frac" and value.denominator != 1:
        return f"{format_int(value.numerator, lang)}/{format_int(value.denominator, lang)}"
    return _localised(text, lang)


class _StepFormatter(Formatter):
    """Fills a template's fields by their format code, in one language."""

    def __init__(self, lang: Language, name: NameOf) -> None:
        self.lang = lang
        self.name = name

    def format_field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Fraction):
            return _number(value, format_spec, self.lang)
        if isinstance(value, tuple):
            names = value if format_spec == "raw" else tuple(self.name(v) for v in value)
            return ", ".join(names)
        if isinstance(value, bool) or value is None:
            return TERMS[format_spec][str(value).lower()][self.lang]
        if isinstance(value, date):
            return value.isoformat() if self.lang is Language.EN else format_date(value,
                                                                                  self.lang)
        if format_spec:
            return TERMS[format_spec].get(str(value), {}).get(self.lang, str(value))
        return str(value)
