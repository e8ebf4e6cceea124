"""A protocol's numbers: the count lines and the votes per option, parsed strictly."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.forms import ProtocolForm
from kazpolity.errors import InputError

MAX_COUNT = 10**12
"""No count on a protocol comes near this; larger numbers are refused as input errors."""


@dataclass(frozen=True, slots=True)
class Protocol:
    """The numbers of one protocol, in the form's field order (see ``ProtocolForm.fields``)."""

    values: tuple[int, ...]

    def line(self, form: ProtocolForm, key: str) -> int:
        return self.values[form.index[key]]

    def to_json(self, form: ProtocolForm) -> dict[str, Any]:
        """The protocol's payload: the object whose canonical JSON is hashed and signed (a wire
        format, not a face's JSON; docs/architecture.md)."""
        n = len(form.line_keys)
        return {
            "lines": dict(zip(form.line_keys, self.values[:n], strict=True)),
            "votes": dict(zip(form.options, self.values[n:], strict=True)),
        }

    def payload_hash(self, form: ProtocolForm) -> str:
        return canonical_hash(self.to_json(form))


def _count(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(where, f"must be a whole number, got {value!r}")
    if value < 0:
        raise InputError(where, f"must not be negative, got {value}")
    if value > MAX_COUNT:
        raise InputError(where, f"{value} is beyond any possible count")
    return value


def parse_protocol(form: ProtocolForm, data: Any) -> Protocol:
    """Read ``{"lines": {...}, "votes": {...}}``: every field present, no extras, counts only."""
    if not isinstance(data, Mapping):
        raise InputError("protocol", "must be an object with lines and votes")
    lines = data.get("lines")
    votes = data.get("votes")
    if not isinstance(lines, Mapping):
        raise InputError("lines", "must be an object of line → count")
    if not isinstance(votes, Mapping):
        raise InputError("votes", "must be an object of option → count")
    extra = set(lines) - set(form.line_keys)
    if extra:
        raise InputError("lines", f"unknown lines {sorted(map(str, extra))} for form {form.id}")
    extra = set(votes) - set(form.options)
    if extra:
        raise InputError("votes", f"unknown options {sorted(map(str, extra))} on this ballot")
    values: list[int] = []
    for key in form.line_keys:
        if key not in lines:
            raise InputError(f"lines.{key}", "missing")
        values.append(_count(lines[key], f"lines.{key}"))
    for option in form.options:
        if option not in votes:
            raise InputError(f"votes.{option}", "missing")
        values.append(_count(votes[option], f"votes.{option}"))
    return Protocol(tuple(values))


@lru_cache(maxsize=64)
def count_template(line_keys: tuple[str, ...],
                   options: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    """The canonical JSON of a count ``{"lines": …, "votes": …}`` as a ``%d`` template, and
    which field (form order) fills each placeholder: keys in code-point order, as
    ``canonical_json`` writes them."""
    n = len(line_keys)
    lines = sorted(range(n), key=lambda i: line_keys[i])
    votes = sorted(range(len(options)), key=lambda j: options[j])
    template = ('{"lines":{' + ",".join(json.dumps(line_keys[i], ensure_ascii=False) + ":%d"
                                        for i in lines)
                + '},"votes":{' + ",".join(json.dumps(options[j], ensure_ascii=False) + ":%d"
                                           for j in votes) + "}}")
    return template, (*lines, *(n + j for j in votes))

