"""Byte-exact canonical JSON and the hashes built on it (specified in docs/audit-chain.md).

Canonical JSON here is JSON text with: object keys sorted by code point (keys are ASCII),
no insignificant whitespace (separators ``,`` and ``:``), strings as UTF-8 with only the
escapes JSON requires (``\\"``, ``\\\\``, and ``\\b \\f \\n \\r \\t`` / ``\\u00XX`` for other
control characters), integers in plain decimal, ``null``, ``true``/``false``, arrays and
objects. Floats are refused: every number kazpolity hashes is an integer count.
This is the subset of RFC 8785 (JCS) that these types need, so JCS tools agree on it.

The bytes come from ``orjson`` (a tenth of the standard library's time: every signed write
hashes its payload and its request several times), and from ``json`` whenever orjson
refuses a value (integers past 64 bits, keys that are not strings): the two agree byte for
byte on every value without floats (``tests/administration/test_canonical_orjson.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import orjson

from kazpolity.errors import InputError

ZERO_HASH = "0" * 64
_ORJSON = (orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
           | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS)
"""Sorted keys; what the standard library would refuse is passed to it to refuse."""


def _check(value: Any, path: str) -> None:
    if value is None or isinstance(value, (bool, str)):
        return
    if isinstance(value, int):
        return
    if isinstance(value, float):
        raise InputError(path, "floats are not allowed in canonical JSON")
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check(item, f"{path}[{i}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise InputError(path, f"object key {key!r} is not an ASCII string")
            _check(item, f"{path}.{key}")
        return
    raise InputError(path, f"{type(value).__name__} is not a canonical JSON value")


def canonical_json(value: Any, *, checked: bool = True) -> bytes:
    """The canonical UTF-8 bytes of ``value``."""
    if checked:
        _check(value, "value")
    try:
        return orjson.dumps(value, option=_ORJSON)
    except (orjson.JSONEncodeError, TypeError):
        return standard_canonical_json(value)


def standard_canonical_json(value: Any) -> bytes:
    """The same bytes from the standard library (the reference ``canonical_json`` follows)."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def canonical_hash(value: Any, *, checked: bool = True) -> str:
    """SHA-256 (hex) of the canonical JSON of ``value`` (``checked=False`` for values built
    by kazpolity itself, which are canonical-safe by construction)."""
    return sha256_hex(canonical_json(value, checked=checked))
