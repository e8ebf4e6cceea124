"""The institutions on a date as text for people: one block per body, in en, kk or ru.

Reads the snapshot's JSON (``kazpolity.presentation.institution_json``). English keeps the
engine's own wording (``render_institutions``; a face passes ``heading`` and ``name`` to show
headings, office-holders and parties in another script). Kazakh and Russian
(``institutions_text``) label each fact from the word catalogue (``institutions.<key>``), word
values through the label files and the catalogue, and format dates and numbers per locale; the
snapshot's English research notes are shown in English only (``--lang en``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from kazpolity.names.labels import labels
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_date, format_int
from kazpolity.presentation.rule_text import rule_value
from kazpolity.presentation.words import has_word, word


def render_institutions(
    snapshot: Mapping[str, Any],
    heading: Callable[[str, str], str] | None = None,
    name: Callable[[str], str] | None = None,
) -> str:
    """The snapshot for people: one block per body.

    ``heading(body_id, english_title)`` and ``name(person_or_party)`` let a face show the
    headings, office-holders and parties in another language (identity by default)."""
    title_of = heading if heading is not None else _english_heading
    shown = name if name is not None else _same_name
    lines = [f"Institutions of Kazakhstan on {snapshot['on']}"]

    def holder_text(section: Mapping[str, Any], name: str) -> str:
        detail = section.get(f"{name}_detail") or {}
        if detail.get("status") == "vacant":
            return f"vacant ({detail.get('note')})"
        if detail.get("status") in ("unknown", "no-office") or section.get(name) is None:
            return "UNKNOWN — " + str(detail.get("note") or "not in the sources")
        acting = " (acting)" if detail.get("acting") else ""
        certain = "" if detail.get("certain", True) else " (start date not exact)"
        return f"{shown(str(section[name]))}{acting}{certain} since {detail.get('from')}"

    for body, title in (
        ("president", "President"), ("vice_president", "Vice President"),
        ("prime_minister", "Prime Minister"), ("government", "Government"),
        ("majilis", "Majilis"), ("senate", "Senate"), ("kurultai", "Kurultai"),
        ("constitutional_council", "Constitutional Council"),
        ("constitutional_court", "Constitutional Court"), ("supreme_court", "Supreme Court"),
        ("supreme_judicial_council", "Supreme Judicial Council"),
        ("central_election_commission", "Central Election Commission"),
        ("maslikhats", "Maslikhats"), ("akims", "Akims"),
        ("assembly_of_people", "Assembly of People"), ("halyk_kenesi", "Halyk Kenesi"),
    ):
        section = snapshot.get(body)
        if section is None:
            continue
        lines.append(f"\n{title_of(body, title)}")
        for key, value in section.items():
            if key in ("sources", "unverified") or key.endswith("_detail"):
                continue
            if key in ("holder", "chair"):
                lines.append(f"  {key}: {holder_text(section, key)}")
            elif isinstance(value, dict):
                label = shown if key == "composition" else _same_name
                inner = ", ".join(f"{label(k)}: {v}" for k, v in value.items() if k != "sources")
                lines.append(f"  {key}: {inner}")
            elif value is not None:
                lines.append(f"  {key}: {', '.join(value) if isinstance(value, list) else value}")
        if section.get("unverified"):
            lines.append("  UNVERIFIED rules: " + ", ".join(section["unverified"]))
    absent = [b for b in ("vice_president", "majilis", "senate", "kurultai",
                          "constitutional_council", "constitutional_court", "assembly_of_people",
                          "halyk_kenesi") if snapshot.get(b) is None]
    if absent:
        lines.append("\nNot in existence on this date: " + ", ".join(absent))
    return "\n".join(lines)


def _english_heading(body: str, title: str) -> str:
    return title


def _same_name(name: str) -> str:
    return name


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
