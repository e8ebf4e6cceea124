"""Load and validate the dated parameter files under ``law/parameters/``.

The loader is strict because a silently wrong rule is worse than none (design note 1:
OpenFisca stores a reference per value but never checks it). Every value must cite an
act from ``acts.yaml`` and an article; dates must be real, sorted and inside the model;
keys and types are checked against the parameter's declaration. Every failure is a
``DataFileError`` naming the file, the line and the key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from kazpolity.datafile import YamlReader
from kazpolity.law.model import Act, Body, LeafValue, Parameter, Rule, Source

_Entry = tuple[date, yaml.Node, dict[Any, tuple[yaml.Node, yaml.Node]]]
"""A dated value as written: its start, the date's node, and the value's fields."""

PARAMETER_KINDS = frozenset({"int", "bool", "str", "fraction", "date", "list[str]"})

_TOP_KEYS = frozenset({"body", "title", "description", "exists", "parameters"})
_EXISTS_KEYS = frozenset({"from", "until", "source", "until_source", "note", "unverified"})
_PARAM_KEYS = frozenset({"description", "unit", "type", "choices", "nullable", "values"})
_VALUE_KEYS = frozenset({"value", "source", "unverified", "note", "repealed"})
_SOURCE_KEYS = frozenset({"act", "article", "url", "see_also"})
_ACT_KEYS = frozenset({"title", "date", "url"})


@dataclass(frozen=True)
class ModelSpan:
    """The dates the rulebook models: ``[start, end)``."""

    start: date
    end: date


def load_acts(path: Path) -> dict[str, Act]:
    """Read ``acts.yaml``: the acts that values cite, each with its date and URL."""
    reader = YamlReader(path)
    root = reader.mapping(reader.compose(), "", text_keys=False)
    acts: dict[str, Act] = {}
    for act_id, (key_node, node) in root.items():
        if not isinstance(act_id, str):
            raise reader.fail(key_node, str(act_id), "act ids are text")
        fields = reader.mapping(node, act_id, _ACT_KEYS)
        for required in ("title", "date", "url"):
            if required not in fields:
                raise reader.fail(node, f"{act_id}.{required}", "required")
        acts[act_id] = Act(
            act_id=act_id,
            title=reader.text(fields["title"][1], f"{act_id}.title"),
            act_date=reader.day(fields["date"][1], f"{act_id}.date"),
            url=reader.url(fields["url"][1], f"{act_id}.url"),
        )
    return acts


class _BodyLoader:
    def __init__(self, path: Path, acts: dict[str, Act], span: ModelSpan) -> None:
        self.reader = YamlReader(path)
        self.acts = acts
        self.span = span

    def source(self, node: yaml.Node, key: str) -> Source:
        fields = self.reader.mapping(node, key, _SOURCE_KEYS)
        for required in ("act", "article"):
            if required not in fields:
                raise self.reader.fail(node, f"{key}.{required}", "required (every value cites "
                                       "an act and an article)")
        act_id = self.reader.text(fields["act"][1], f"{key}.act")
        act = self.acts.get(act_id)
        if act is None:
            raise self.reader.fail(fields["act"][1], f"{key}.act",
                                   f"unknown act {act_id!r} (declare it in acts.yaml)")
        url = self.reader.url(fields["url"][1], f"{key}.url") if "url" in fields else act.url
        see_also: tuple[str, ...] = ()
        if "see_also" in fields:
            see_also = tuple(
                self.reader.url(item, f"{key}.see_also")
                for item in self.reader.sequence(fields["see_also"][1], f"{key}.see_also")
            )
        return Source(
            act=act.title,
            article=self.reader.text(fields["article"][1], f"{key}.article"),
            act_date=act.act_date,
            url=url,
            see_also=see_also,
            act_id=act_id,
        )

    def in_model(self, node: yaml.Node, key: str, day: date) -> date:
        if not self.span.start <= day <= self.span.end:
            raise self.reader.fail(node, key, f"date {day} is outside the modelled span "
                                   f"{self.span.start} to {self.span.end}")
        return day

    def existence(self, node: yaml.Node, body: str) -> tuple[Rule, ...]:
        spans: list[Rule] = []
        for index, item in enumerate(self.reader.sequence(node, f"{body}.exists")):
            key = f"{body}.exists[{index}]"
            fields = self.reader.mapping(item, key, _EXISTS_KEYS)
            if "from" not in fields or "source" not in fields:
                raise self.reader.fail(item, key, "needs 'from' and 'source'")
            start = self.in_model(fields["from"][1], f"{key}.from",
                                  self.reader.day(fields["from"][1], f"{key}.from"))
            until: date | None = None
            if "until" in fields:
                until = self.in_model(fields["until"][1], f"{key}.until",
                                      self.reader.day(fields["until"][1], f"{key}.until"))
                if until <= start:
                    raise self.reader.fail(fields["until"][1], f"{key}.until",
                                           "must be after 'from'")
                if "until_source" not in fields:
                    raise self.reader.fail(item, f"{key}.until_source",
                                           "an end date needs the source that ended the body")
            if spans and (spans[-1].valid_until is None or spans[-1].valid_until > start):
                raise self.reader.fail(item, key, "overlaps the previous span")
            spans.append(
                Rule(
                    key=f"{body}.exists",
                    value=True,
                    valid_from=start,
                    valid_until=until,
                    source=self.source(fields["source"][1], f"{key}.source"),
                    unverified=self.unverified(fields, key, item),
                    note=self.note(fields, key),
                )
            )
        if not spans:
            raise self.reader.fail(node, f"{body}.exists", "at least one span is required")
        return tuple(spans)

    def unverified(self, fields: dict[Any, tuple[yaml.Node, yaml.Node]], key: str,
                   node: yaml.Node) -> bool:
        flag = self.reader.flag(fields["unverified"][1], f"{key}.unverified") \
            if "unverified" in fields else False
        if flag and "note" not in fields:
            raise self.reader.fail(node, f"{key}.note", "an unverified value needs a note "
                                   "saying what is unknown")
        return flag

    def note(self, fields: dict[Any, tuple[yaml.Node, yaml.Node]], key: str) -> str | None:
        return self.reader.text(fields["note"][1], f"{key}.note") if "note" in fields else None

    def converter(self, kind: str, choices: tuple[str, ...], nullable: bool
                  ) -> Callable[[yaml.Node, str], LeafValue]:
        reader = self.reader

        def convert(node: yaml.Node, key: str) -> LeafValue:
            if kind == "list[str]":
                items = [reader.scalar(item, key) for item in reader.sequence(node, key)]
                if not all(isinstance(item, str) for item in items):
                    raise reader.fail(node, key, "expected a list of text")
                if choices and any(item not in choices for item in items):
                    raise reader.fail(node, key, f"items must be among {list(choices)}")
                return tuple(items)
            raw = reader.scalar(node, key)
            if raw is None:
                if nullable:
                    return None
                raise reader.fail(node, key, "null is not allowed (declare nullable: true)")
            if kind == "int" and isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            if kind == "bool" and isinstance(raw, bool):
                return raw
            if kind == "date" and isinstance(raw, date):
                return raw
            if kind == "str" and isinstance(raw, str):
                if choices and raw not in choices:
                    raise reader.fail(node, key, f"{raw!r} is not one of {list(choices)}")
                return raw
            if kind == "fraction" and not isinstance(raw, bool):
                if isinstance(raw, int):
                    return Fraction(raw)
                if isinstance(raw, float | str):
                    try:
                        return Fraction(str(raw))
                    except ValueError:
                        pass
            raise reader.fail(node, key, f"expected {kind}, got {type(raw).__name__} {raw!r}")

        return convert

    def parameter(self, body: Body, name: str, node: yaml.Node) -> Parameter:
        key = f"{body.name}.{name}"
        fields = self.reader.mapping(node, key, _PARAM_KEYS)
        for required in ("description", "unit", "type", "values"):
            if required not in fields:
                raise self.reader.fail(node, f"{key}.{required}", "required")
        kind = self.reader.text(fields["type"][1], f"{key}.type")
        if kind not in PARAMETER_KINDS:
            raise self.reader.fail(fields["type"][1], f"{key}.type",
                                   f"unknown type (allowed: {', '.join(sorted(PARAMETER_KINDS))})")
        choices: tuple[str, ...] = ()
        if "choices" in fields:
            choices = tuple(self.reader.text(item, f"{key}.choices")
                            for item in self.reader.sequence(fields["choices"][1],
                                                             f"{key}.choices"))
        nullable = self.reader.flag(fields["nullable"][1], f"{key}.nullable") \
            if "nullable" in fields else False
        convert = self.converter(kind, choices, nullable)
        entries = self.dated_entries(body, key, fields["values"][1])
        timeline = self.timeline(body, key, entries, convert)
        clipped = tuple(_clip_to_body(rule, body) for rule in timeline)
        return Parameter(
            key=key,
            description=self.reader.text(fields["description"][1], f"{key}.description"),
            unit=self.reader.text(fields["unit"][1], f"{key}.unit"),
            kind=kind,
            timeline=clipped,
        )

    def dated_entries(self, body: Body, key: str, values_node: yaml.Node) -> list[_Entry]:
        """The parameter's values by start date: sorted, in the model, from the body's start."""
        values = self.reader.mapping(values_node, f"{key}.values", text_keys=False)
        entries: list[_Entry] = []
        for start, (date_node, value_node) in values.items():
            if not isinstance(start, date):
                raise self.reader.fail(date_node, f"{key}.values",
                                       f"keys are start dates YYYY-MM-DD, got {start!r}")
            self.in_model(date_node, f"{key}.values.{start}", start)
            if entries and start <= entries[-1][0]:
                raise self.reader.fail(date_node, f"{key}.values.{start}", "dates must be "
                                       f"sorted and distinct (after {entries[-1][0]})")
            entries.append((start, date_node,
                            self.reader.mapping(value_node, f"{key}.values.{start}", _VALUE_KEYS)))
        if not entries:
            raise self.reader.fail(values_node, f"{key}.values", "no values")
        first_start = body.existence[0].valid_from
        if entries[0][0] != first_start:
            raise self.reader.fail(entries[0][1], f"{key}.values.{entries[0][0]}",
                                   f"the first value must start when the body does ({first_start})"
                                   " — a gap or a value before the body existed")
        return entries

    def timeline(self, body: Body, key: str, entries: list[_Entry],
                 convert: Callable[[yaml.Node, str], LeafValue]) -> list[Rule]:
        """One ``Rule`` per dated value, each until the next; a repeal closes the last."""
        timeline: list[Rule] = []
        for index, (start, date_node, entry) in enumerate(entries):
            label = f"{key}.values.{start}"
            if not body.exists_on(start):
                raise self.reader.fail(date_node, label, "starts on a day the body does not exist")
            if "source" not in entry:
                raise self.reader.fail(date_node, f"{label}.source",
                                       "required: every value cites its act and article")
            repealed = self.reader.flag(entry["repealed"][1], f"{label}.repealed") \
                if "repealed" in entry else False
            if repealed:
                if "value" in entry:
                    raise self.reader.fail(date_node, label, "a repeal carries no value")
                if index != len(entries) - 1:
                    raise self.reader.fail(date_node, label, "a repeal must be the last entry")
                if timeline:
                    last = timeline[-1]
                    timeline[-1] = Rule(last.key, last.value, last.valid_from, start,
                                        last.source, last.unverified, last.note)
                continue
            if "value" not in entry:
                raise self.reader.fail(date_node, f"{label}.value", "required")
            until = entries[index + 1][0] if index + 1 < len(entries) else None
            timeline.append(
                Rule(
                    key=key,
                    value=convert(entry["value"][1], f"{label}.value"),
                    valid_from=start,
                    valid_until=until,
                    source=self.source(entry["source"][1], f"{label}.source"),
                    unverified=self.unverified(entry, label, date_node),
                    note=self.note(entry, label),
                )
            )
        return timeline

    def body(self) -> Body:
        root = self.reader.compose()
        fields = self.reader.mapping(root, "", _TOP_KEYS)
        for required in ("body", "title", "exists", "parameters"):
            if required not in fields:
                raise self.reader.fail(root, required, "required")
        name = self.reader.text(fields["body"][1], "body")
        if name != self.reader.path.stem:
            raise self.reader.fail(fields["body"][1], "body",
                                   f"must match the file name {self.reader.path.stem!r}")
        body = Body(
            name=name,
            title=self.reader.text(fields["title"][1], "title"),
            existence=self.existence(fields["exists"][1], name),
        )
        params = self.reader.mapping(fields["parameters"][1], "parameters", text_keys=False)
        for param_name, (key_node, node) in params.items():
            if not isinstance(param_name, str) or not param_name.isidentifier():
                raise self.reader.fail(key_node, f"{name}.{param_name}",
                                       "parameter names are identifiers")
            body.parameters[param_name] = self.parameter(body, param_name, node)
        return body


def _clip_to_body(rule: Rule, body: Body) -> Rule:
    """End a rule where its body ends (the body's last existence span)."""
    end = body.existence[-1].valid_until
    if end is not None and (rule.valid_until is None or rule.valid_until > end):
        return Rule(rule.key, rule.value, rule.valid_from, end, rule.source,
                    rule.unverified, rule.note)
    return rule


def load_body(path: Path, acts: dict[str, Act], span: ModelSpan) -> Body:
    """Load one body file, validating it completely."""
    return _BodyLoader(path, acts, span).body()
