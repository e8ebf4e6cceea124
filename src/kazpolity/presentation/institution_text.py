"""The institutions on a date as text for people: one block per body.

Reads the snapshot's JSON (``kazpolity.presentation.institution_json``); a face passes
``heading`` and ``name`` to show headings, office-holders and parties in another language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any


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
