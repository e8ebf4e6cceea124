"""The state bodies on a date (``kazpolity institutions show``) as text in Kazakh or Russian.

The institutions engine's snapshot keys each fact by an identifier (``consent_majority``) and
gives values as identifiers (``majority-of-total``), numbers, dates or names; this module labels
each fact from the word catalogue (``institutions.<key>``), words values through the label
files and the catalogue, dates and numbers per locale, and names through the names catalogue.
The snapshot's English research notes (a holder's note, an appointment procedure in prose)
are shown in English only (``--lang en``). English keeps the engine's own rendering.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from kazpolity.names.labels import labels
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_date, format_int
from kazpolity.presentation.rule_text import rule_value
from kazpolity.presentation.words import has_word, word

BODIES = ("president", "vice_president", "prime_minister", "government", "legislature",
          "majilis", "senate", "kurultai", "constitutional_council", "constitutional_court",
          "supreme_court", "supreme_judicial_council", "central_election_commission",
          "maslikhats", "akims", "assembly_of_people", "halyk_kenesi")
ENGLISH_ONLY = frozenset({"sources", "unverified", "note", "appointment"})
NAMED = frozenset({"composition", "composition_by_party"})


def _day(text: object, lang: Language) -> str:
    try:
        return format_date(date.fromisoformat(str(text)), lang)
    except ValueError:
        return str(text)


def _value(value: object, lang: Language) -> str:
    """A fact's value: yes/no, a number, a date, an identifier in words."""
    if isinstance(value, bool | int):
        return rule_value(value, lang.value)
    if isinstance(value, list):
        return ", ".join(_value(item, lang) for item in value) or "—"
    text = str(value)
    if has_word(f"institutions.value.{text}"):
        return word(f"institutions.value.{text}", lang)
    if text in labels("values"):
        return rule_value(text, lang.value)
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        return _day(text, lang)
    return text


def _holder(section: dict[str, Any], key: str, lang: Language, name: Callable[[str], str]
            ) -> str:
    detail = section.get(f"{key}_detail") or {}
    if detail.get("status") == "vacant":
        return word("vacant", lang)
    if detail.get("status") in ("unknown", "no-office") or section.get(key) is None:
        return word("unknown (no source found)", lang)
    flags = [word("acting", lang)] if detail.get("acting") else []
    if not detail.get("certain", True):
        flags.append(word("approximate start", lang))
    shown = name(str(section[key])) + (f" ({', '.join(flags)})" if flags else "")
    return f"{shown}, {word('since', lang)} {_day(detail.get('from'), lang)}"


def _mandate(mandate: dict[str, Any], lang: Language, name: Callable[[str], str]) -> str:
    return word("{who}, elected {elected}; the term ends {ends}", lang).format(
        who=name(str(mandate.get("president_elected"))),
        elected=_day(mandate.get("elected"), lang), ends=_day(mandate.get("ends"), lang))


def _fact(key: str, value: Any, section: dict[str, Any], lang: Language,
          name: Callable[[str], str]) -> str | None:
    if key in ("holder", "chair"):
        return _holder(section, key, lang, name)
    if key == "mandate" and isinstance(value, dict):
        return _mandate(value, lang, name)
    if isinstance(value, dict):
        shown = name if key in NAMED else (lambda k: _value(k, lang))
        return ", ".join(f"{shown(k)}: {format_int(v, lang) if isinstance(v, int) else v}"
                         for k, v in value.items() if k != "sources") or "—"
    return None if value is None else _value(value, lang)


def institutions_text(snapshot: dict[str, Any], lang: Language | str,
                      heading: Callable[[str, str], str], name: Callable[[str], str]) -> str:
    """The snapshot in ``lang``: one block per body, each fact labelled in the language."""
    language = Language(lang)
    lines = [word("Institutions on {day}", language).format(day=_day(snapshot["on"], language))]
    absent = []
    for body in BODIES:
        section = snapshot.get(body)
        if section is None:
            absent.append(heading(body, body))
            continue
        lines.append(f"\n{heading(body, body)}")
        for key, value in section.items():
            if key in ENGLISH_ONLY or key.endswith("_detail"):
                continue
            shown = _fact(key, value, section, language, name)
            if shown is not None:
                lines.append(f"  {word(f'institutions.{key}', language)}: {shown}")
        if section.get("unverified"):
            lines.append(f"  {word('Not confirmed by a source.', language)} "
                         + ", ".join(section["unverified"]))
    if absent:
        lines.append(f"\n{word('Not in existence on this date', language)}: "
                     + ", ".join(absent))
    return "\n".join(lines)
