"""A precinct's submission: the protocol, its test/live mode, reasons for flags, a repeat."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from kazpolity.administration.canonical import canonical_hash
from kazpolity.administration.controls import (
    MAX_REASON_LENGTH,
    MIN_REASON_WORDS,
    Validation,
    is_written_reason,
    require_acceptable,
)
from kazpolity.administration.election import MODES, ElectionDefinition
from kazpolity.administration.protocol import Protocol, parse_protocol
from kazpolity.errors import InputError

REGISTER_FLAG: Final = "voters_added_on_election_day"


@dataclass(frozen=True, slots=True)
class Repeat:
    """Why a protocol is repeated and on whose authority; ``supersedes`` is the version
    it replaces (optimistic concurrency: a stale number gets 409)."""

    reason: str
    authority: str
    supersedes: int


@dataclass(frozen=True)
class Submission:
    protocol: Protocol
    mode: str
    flag_reasons: Mapping[str, str] = field(default_factory=dict)
    repeat: Repeat | None = None
    validation: Validation | None = None
    register_flag: bool = False
    """The protocol's voters on the list exceed the precinct's register (see
    ``register.check_register``); stored as the flag ``REGISTER_FLAG``."""

    def payload(self, definition: ElectionDefinition) -> dict[str, Any]:
        return self.protocol.to_json(definition.form)

    def payload_hash(self, definition: ElectionDefinition) -> str:
        return canonical_hash(self.payload(definition), checked=False)

    def detail(self) -> dict[str, Any]:
        flags = list(self.validation.flag_names()) if self.validation else []
        if self.register_flag:
            flags.append(REGISTER_FLAG)
        return {
            "mode": self.mode,
            "flags": flags,
            "flag_reasons": {k: self.flag_reasons[k] for k in flags if k in self.flag_reasons},
            "repeat": None
            if self.repeat is None
            else {
                "reason": self.repeat.reason,
                "authority": self.repeat.authority,
                "supersedes": self.repeat.supersedes,
            },
        }


def text(value: Any, field_name: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(field_name, "a written text is required")
    if len(value) > MAX_REASON_LENGTH:
        raise InputError(field_name, f"longer than {MAX_REASON_LENGTH} characters")
    if not is_written_reason(value):
        raise InputError(field_name, f"needs at least {MIN_REASON_WORDS} words of two or "
                         "more letters")
    return value


def parse_submission(definition: ElectionDefinition, body: Any) -> Submission:
    """Parse and check a submission body; raise ``InputError`` naming the fault.

    The mode must be the election's; hard relations must hold; every soft flag needs a
    written reason in ``flag_reasons``.
    """
    if not isinstance(body, Mapping):
        raise InputError("body", "must be a JSON object")
    mode = body.get("mode")
    if mode not in MODES:
        raise InputError("mode", f"must be one of {sorted(MODES)}")
    if mode != definition.mode:
        raise InputError(
            "mode",
            f"election {definition.id} is a {definition.mode} election; "
            f"a {mode} submission is refused",
        )
    protocol = parse_protocol(definition.form, body)
    raw_reasons = body.get("flag_reasons") or {}
    if not isinstance(raw_reasons, Mapping):
        raise InputError("flag_reasons", "must be an object of relation → reason")
    reasons = {str(k): text(v, f"flag_reasons.{k}") for k, v in raw_reasons.items()}
    raw_repeat = body.get("repeat")
    repeat: Repeat | None = None
    if raw_repeat is not None:
        if not isinstance(raw_repeat, Mapping):
            raise InputError("repeat", "must be an object with reason, authority, supersedes")
        supersedes = raw_repeat.get("supersedes")
        if isinstance(supersedes, bool) or not isinstance(supersedes, int) or supersedes < 0:
            raise InputError("repeat.supersedes", "must be the version number it replaces")
        repeat = Repeat(
            reason=text(raw_repeat.get("reason"), "repeat.reason"),
            authority=text(raw_repeat.get("authority"), "repeat.authority"),
            supersedes=supersedes,
        )
    form_reasons = {k: v for k, v in reasons.items() if k != REGISTER_FLAG}
    validation = require_acceptable(definition.form, protocol, form_reasons)
    return Submission(protocol, mode, reasons, repeat, validation)
