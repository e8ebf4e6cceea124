"""Reading scenario files: every bad field is an ``InputError`` naming the field and the rule."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kazpolity.errors import InputError
from kazpolity.institutions.procedure import Vote
from kazpolity.law import check_in_model


def load_yaml(path: Path, field: str = "scenario") -> dict[str, Any]:
    """A scenario or person file as a mapping."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(field, f"cannot read {path}: {err.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(field, f"{path} is not valid YAML: {str(err).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError(field, f"{path} must be a mapping of fields")
    return {_key(key): value for key, value in data.items()}


def _key(key: object) -> str:
    """YAML 1.1 reads bare ``yes:`` / ``no:`` keys as booleans; give them their names back."""
    if key is True:
        return "yes"
    if key is False:
        return "no"
    return str(key)


class Fields:
    """Typed access to a scenario mapping, with field paths in every error."""

    def __init__(self, data: dict[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def day(self, key: str = "date", in_model: bool = True) -> date:
        """A date field; ``in_model`` refuses dates the rulebook does not model."""
        raw = self.data.get(key)
        if raw is None:
            raise InputError(self.name(key), "required: the date the procedure starts (YYYY-MM-DD)")
        if isinstance(raw, date):
            day = raw
        else:
            try:
                day = date.fromisoformat(str(raw))
            except ValueError:
                raise InputError(self.name(key), f"{raw!r} is not a date YYYY-MM-DD") from None
        return check_in_model(day, self.name(key)) if in_model else day

    def optional_day(self, key: str, in_model: bool = True) -> date | None:
        return self.day(key, in_model) if self.has(key) else None

    def text(self, key: str, choices: tuple[str, ...] | None = None,
             default: str | None = None) -> str:
        raw = self.data.get(key, default)
        if raw is None:
            raise InputError(self.name(key), "required" + (
                f" (one of: {', '.join(choices)})" if choices else ""))
        value = _key(raw)
        if choices is not None and value not in choices:
            raise InputError(self.name(key), f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        raw = self.data.get(key, default)
        if not isinstance(raw, bool):
            raise InputError(self.name(key), f"expected true or false, got {raw!r}")
        return raw

    def count(self, key: str, default: int | None = None) -> int | None:
        raw = self.data.get(key, default)
        if raw is None:
            return None
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 0:
            raise InputError(self.name(key), f"expected a non-negative whole number, got {raw!r}")
        return raw

    def texts(self, key: str) -> tuple[str, ...]:
        raw = self.data.get(key, [])
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            raise InputError(self.name(key), "expected a list of names")
        return tuple(raw)

    def section(self, key: str) -> Fields | None:
        raw = self.data.get(key)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise InputError(self.name(key), "expected a mapping")
        return Fields({_key(k): v for k, v in raw.items()}, f"{self.name(key)}.")

    def vote(self, key: str, size: int, body: str) -> Vote | None:
        """``{yes: 80, no: 20, abstain: 0}`` checked against the body's size."""
        section = self.section(key)
        if section is None:
            return None
        yes = section.count("yes", 0) or 0
        no = section.count("no", 0) or 0
        abstain = section.count("abstain", 0) or 0
        unknown = set(section.data) - {"yes", "no", "abstain"}
        if unknown:
            raise InputError(self.name(key), f"unknown field(s) {sorted(unknown)} "
                             "(allowed: yes, no, abstain)")
        if yes + no + abstain > size:
            raise InputError(self.name(key), f"{yes + no + abstain} votes are above the size of "
                             f"the {body} ({size} deputies) on that date")
        return Vote(yes, no, abstain)
