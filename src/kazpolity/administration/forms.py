"""Precinct protocol forms as configuration (``protocol-forms.yaml``).

A form is chosen by election type and date; it lists the protocol's lines, the options on
the ballot (one vote line each), whether "against all" is on the ballot (from the rulebook)
and the control relations. Every line and relation keeps its ``unverified`` mark.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from kazpolity.datafile import read_data
from kazpolity.errors import DataFileError, InputError, NotFound

AGAINST_ALL: Final = "against_all"
OPTIONS_TERM: Final = "@options"
FORMS_FILE: Final = "protocol-forms.yaml"
CHAMBER_TYPES: Final = frozenset({"majilis", "kurultai", "president"})


@dataclass(frozen=True, slots=True)
class ProtocolLine:
    key: str
    label: str
    optional: bool
    unverified: bool


@dataclass(frozen=True, slots=True)
class Relation:
    """``left_factor × Σ left  op  right_factor × Σ right`` over a protocol's fields."""

    name: str
    kind: str
    """``hard`` (reject) or ``soft`` (flag; accept only with a written reason)."""
    text: str
    left: tuple[str, ...]
    op: str
    """``eq`` or ``le``."""
    right: tuple[str, ...]
    left_factor: int
    right_factor: int
    unverified: bool


@dataclass(frozen=True)
class ProtocolForm:
    """The protocol of one election: its lines, options and relations (resolved)."""

    id: str
    election_type: str
    on: date
    legal_basis: str
    lines: tuple[ProtocolLine, ...]
    options: tuple[str, ...]
    against_all: bool
    relations: tuple[Relation, ...]
    unverified: bool

    @functools.cached_property
    def line_keys(self) -> tuple[str, ...]:
        """The count lines in form order, with ``against_all`` last when on the ballot."""
        keys = tuple(line.key for line in self.lines)
        return (*keys, AGAINST_ALL) if self.against_all else keys

    @functools.cached_property
    def fields(self) -> tuple[str, ...]:
        """Every number of the protocol: the lines, then one ``votes.<option>`` per option."""
        return (*self.line_keys, *(f"votes.{option}" for option in self.options))

    @functools.cached_property
    def index(self) -> Mapping[str, int]:
        return {name: i for i, name in enumerate(self.fields)}

    @functools.cached_property
    def resolved_relations(self) -> tuple[tuple[Relation, tuple[int, ...], tuple[int, ...]], ...]:
        """Each relation with the field positions of its left and right sides."""
        return tuple(
            (r, self.term_indices(r.left), self.term_indices(r.right)) for r in self.relations
        )

    def term_indices(self, terms: Sequence[str]) -> tuple[int, ...]:
        """Field positions of a relation side; ``@options`` expands, absent lines drop out."""
        out: list[int] = []
        for term in terms:
            if term == OPTIONS_TERM:
                out.extend(self.index[f"votes.{option}"] for option in self.options)
            elif term in self.index:
                out.append(self.index[term])
        return tuple(out)



def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    raise DataFileError(FORMS_FILE, None, where, f"not a date: {value!r}")


@functools.cache
def _raw_forms() -> tuple[dict[str, Any], ...]:
    data = read_data(Path(__file__).resolve().parent / FORMS_FILE)
    forms = data.get("forms") if isinstance(data, dict) else None
    if not isinstance(forms, list) or not forms:
        raise DataFileError(FORMS_FILE, None, "forms", "expected a non-empty list")
    for i, form in enumerate(forms):
        for key in ("id", "legal_basis", "election_types", "valid_from", "lines", "relations"):
            if key not in form:
                raise DataFileError(FORMS_FILE, None, f"forms[{i}].{key}", "missing")
        known = {line["key"] for line in form["lines"]} | {AGAINST_ALL, OPTIONS_TERM}
        for rel in form["relations"]:
            if rel.get("kind") not in {"hard", "soft"} or rel.get("op") not in {"eq", "le"}:
                raise DataFileError(FORMS_FILE, None, f"relations.{rel.get('name')}",
                                    "kind must be hard|soft and op eq|le")
            for term in [*rel["left"], *rel["right"]]:
                if term not in known:
                    raise DataFileError(FORMS_FILE, None, f"relations.{rel['name']}",
                                        f"unknown line {term!r}")
    return tuple(forms)


def _in_force(entry: Mapping[str, Any], on: date, where: str) -> bool:
    start = _date(entry.get("valid_from"), f"{where}.valid_from")
    until = _date(entry.get("valid_until"), f"{where}.valid_until")
    return (start is None or start <= on) and (until is None or on < until)


def against_all_on_ballot(election_type: str, on: date) -> bool:
    """Whether "against all" is on the ballot (rulebook ``<chamber>.against_all_on_ballot``)."""
    if election_type not in CHAMBER_TYPES:
        return False
    from kazpolity.law import rules_at

    return rules_at(on).bool_(f"{election_type}.against_all_on_ballot")


def _check_options(options: Sequence[str]) -> None:
    if not options:
        raise InputError("options", "a ballot needs at least one party or candidate")
    if len(set(options)) != len(options):
        raise InputError("options", "duplicate option ids")
    for option in options:
        if not option or not all(c.isalnum() or c in "-_" for c in option):
            raise InputError("options", f"option id {option!r} must be letters, digits, - or _")


def _form_in_force(election_type: str, on: date) -> tuple[int, dict[str, Any]]:
    """The form's index and its entry in the forms file, for this election on this day."""
    for i, raw in enumerate(_raw_forms()):
        if election_type in raw["election_types"] and _in_force(raw, on, f"forms[{i}]"):
            return i, raw
    raise NotFound(
        "election_type", f"no protocol form for {election_type!r} on {on.isoformat()}"
    )


def _relations(raw: Mapping[str, Any]) -> tuple[Relation, ...]:
    return tuple(
        Relation(
            name=rel["name"],
            kind=rel["kind"],
            text=rel["text"],
            left=tuple(rel["left"]),
            op=rel["op"],
            right=tuple(rel["right"]),
            left_factor=int(rel.get("left_factor", 1)),
            right_factor=int(rel.get("right_factor", 1)),
            unverified=bool(rel.get("unverified", False)),
        )
        for rel in raw["relations"]
    )


def form_for(
    election_type: str,
    on: date,
    options: Sequence[str],
    *,
    against_all: bool | None = None,
) -> ProtocolForm:
    """The precinct protocol form for an election of ``election_type`` held on ``on``.

    ``against_all`` defaults to the rulebook's answer for the chamber or office.
    """
    _check_options(options)
    i, raw = _form_in_force(election_type, on)
    switched_on: set[str] = set()
    for j, entry in enumerate(raw.get("optional_lines", [])):
        if election_type in entry["election_types"] and _in_force(
            entry, on, f"forms[{i}].optional_lines[{j}]"
        ):
            switched_on.update(entry["lines"])
    lines = tuple(
        ProtocolLine(
            key=line["key"],
            label=line["label"],
            optional=bool(line.get("optional", False)),
            unverified=bool(line.get("unverified", False)),
        )
        for line in raw["lines"]
        if not line.get("optional", False) or line["key"] in switched_on
    )
    on_ballot = against_all_on_ballot(election_type, on) if against_all is None else against_all
    return ProtocolForm(
        id=raw["id"],
        election_type=election_type,
        on=on,
        legal_basis=raw["legal_basis"],
        lines=lines,
        options=tuple(options),
        against_all=on_ballot,
        relations=_relations(raw),
        unverified=bool(raw.get("unverified", False)),
    )
