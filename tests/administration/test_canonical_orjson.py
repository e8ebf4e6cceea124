"""``canonical_json`` (orjson, with the standard library behind it) gives the bytes the
standard library's canonical form gives, for every value the audit chain can hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kazpolity.administration.canonical import canonical_json, standard_canonical_json

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
"""Any text a UTF-8 body can carry: control characters, DEL, U+2028, astral planes."""

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2 ** 70), max_value=2 ** 70) | TEXT,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=600, deadline=None)
@given(VALUES)
def test_the_same_bytes_as_the_standard_library(value: Any) -> None:
    assert canonical_json(value, checked=False) == standard_canonical_json(value)


@pytest.mark.parametrize("value", [
    {"control": "".join(chr(c) for c in range(0x20)) + "\x7f\u2028\u2029\"\\/"},
    {"big": 2 ** 64, "small": -(2 ** 63) - 1, "edge": 2 ** 63 - 1},
    {"ключ": 1, "key": 2, "Кілт": 3, "𝒜": 4},
    [True, False, None, 0, -0, [], {}],
])
def test_hand_picked_edges(value: Any) -> None:
    assert canonical_json(value, checked=False) == json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def test_what_the_standard_library_refuses_stays_refused() -> None:
    from dataclasses import dataclass

    @dataclass
    class Row:
        n: int

    with pytest.raises(TypeError):
        canonical_json({"row": Row(1)}, checked=False)
    with pytest.raises(UnicodeEncodeError):
        canonical_json({"lone": "\ud800"}, checked=False)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_gate_reads_a_body_as_json_does(value: Any) -> None:
    from kazpolity.api.request_gate import _parsed

    body = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert _parsed(body)[0] == json.loads(body)


@pytest.mark.parametrize("body", [b'{"a":NaN}', b'{"a":"\\ud800"}', b'{"a":1e400}',
                                  b'{"a":123456789012345678901234567890}',
                                  b'{"a":18446744073709551616,"b":-9223372036854775809}',
                                  b'{"a":1,"a":2}', b'[1.5,-0.0,1E5]',
                                  b'{"a":[{"b":[18446744073709551617]}]}',
                                  b'[1e19,-1e300,9223372036854775807,-9223372036854775808]',
                                  b'{"s":"12345678901234567890"}'])
def test_the_gate_reads_edge_bodies_as_json_does(body: bytes) -> None:
    from kazpolity.api.request_gate import _parsed

    got, expected = _parsed(body)[0], json.loads(body)
    assert repr(got) == repr(expected)
