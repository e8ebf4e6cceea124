"""The byte-exact serialization and the golden vectors published in docs/audit-chain.md:
entries, closing hashes, signed requests and checkpoints (Ed25519 checked against the
RFC 8032 §7.1 TEST 1 vector first)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from kazpolity.administration.audit import ChainHead, closing_hash, election_closing_hash
from kazpolity.administration.canonical import ZERO_HASH, canonical_hash, canonical_json
from kazpolity.administration.signing import (
    SigningKey,
    checkpoint_message,
    request_message,
    verify,
)
from kazpolity.errors import InputError

DOC = Path(__file__).resolve().parents[2] / "docs" / "audit-chain.md"

ENTRY_1 = (
    '{"action":"election.create","actor":"admin","at":"2023-03-19T00:00:00.000000Z",'
    '"commission_id":"CEC","commission_prev":"' + ZERO_HASH + '","detail":{"mode":"test"},'
    '"disposition":"created","election_id":"e1","prev":"' + ZERO_HASH + '","seq":1,'
    '"subject_hash":"' + ZERO_HASH + '","type":"kazpolity.audit.entry/1"}'
)
ENTRY_1_HASH = "42a15cf575e949ccc582323673fb1282804da578078d40039e2a1328f3791796"
ENTRY_2_HASH = "0a2449d6e6719b4084de69aa08166044caf771600212851ee78465f3f686ff41"


def chain() -> ChainHead:
    head = ChainHead("e1")
    head.append(actor="admin", commission_id="CEC", action="election.create",
                disposition="created", subject_hash=ZERO_HASH, detail={"mode": "test"},
                at="2023-03-19T00:00:00.000000Z")
    head.append(actor="PEC-1", commission_id="PEC-1", action="protocol.submit",
                disposition="submitted", subject_hash="ab" * 32, detail={"version": 1},
                at="2023-03-19T20:00:00.000000Z")
    return head


def test_golden_entry_bytes_hash_with_plain_sha256() -> None:
    # The bytes are written out by hand above; hashlib is the independent reference.
    assert hashlib.sha256(ENTRY_1.encode("utf-8")).hexdigest() == ENTRY_1_HASH


def test_the_chain_reproduces_the_golden_vectors() -> None:
    head = chain()
    assert head.seq == 2
    assert head.head_hash == ENTRY_2_HASH
    assert head.closing_hashes()["PEC-1"] == closing_hash("e1", "PEC-1", ENTRY_2_HASH, 1)
    assert head.election_closing() == election_closing_hash("e1", ENTRY_2_HASH, 2)


def test_the_docs_publish_the_same_vectors() -> None:
    text = DOC.read_text("utf-8")
    for value in (ENTRY_1, ENTRY_1_HASH, ENTRY_2_HASH, chain().election_closing(),
                  canonical_hash({"b": [1, 2, {"z": None, "a": True}], "a": 'Қазақстан "q"\n'})):
        assert value in text


def test_canonical_json_is_unambiguous_where_joined_strings_are_not() -> None:
    # "a|b" joining makes ("a|b",) and ("a", "b") collide; canonical JSON does not.
    assert canonical_json(["a|b"]) != canonical_json(["a", "b"])
    assert canonical_json({"k": "a", "l": "b"}) != canonical_json({"k": "a|l", "": "b"})


def test_canonical_json_sorts_keys_and_refuses_floats() -> None:
    assert canonical_json({"b": 1, "a": [True, None]}) == b'{"a":[true,null],"b":1}'
    assert canonical_json("Қ") == "\"Қ\"".encode()
    with pytest.raises(InputError, match="floats"):
        canonical_json({"x": 1.5})


RFC8032_TEST1_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
RFC8032_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
RFC8032_TEST1_SIGNATURE = (
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e"
    "39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
SIGNED_REQUEST = (
    '{"action":"protocol.submit","at":"2023-03-19T20:00:00.000000Z","commission_id":"PEC-1",'
    '"election_id":"e1","payload_hash":"' + "ab" * 32 + '","signer":"PEC-1",'
    '"type":"kazpolity.signed-request/1","version":1}')
SIGNED_REQUEST_SIGNATURE = ("OPVTsiSBzXzzdDZ3mndosOTCSif+IRljztkoaJWle0/eE9EGBirpVuyayDW2Z5/8"
                            "tTjWVLlJinYsWezdAJ7tCA==")
CHECKPOINT_SIGNATURE = ("jXKcDc5JpIyvhs2ClDz++/MM+5GyA7n8pplCMiw/vN8ntWxrGD3fQn0O2O270GqYcO+2"
                        "BFahuo0z0zBDC+AbBw==")


def _rfc_key() -> SigningKey:
    return SigningKey.from_b64(base64.b64encode(bytes.fromhex(RFC8032_TEST1_SECRET)).decode())


def test_the_signing_library_reproduces_rfc_8032_test_1() -> None:
    key = _rfc_key()
    assert base64.b64decode(key.public_b64).hex() == RFC8032_TEST1_PUBLIC
    assert base64.b64decode(key.sign(b"")).hex() == RFC8032_TEST1_SIGNATURE


def test_the_signed_request_and_checkpoint_golden_vectors() -> None:
    key = _rfc_key()
    message = request_message(election_id="e1", commission_id="PEC-1", signer="PEC-1",
                              action="protocol.submit", version=1, payload_hash="ab" * 32,
                              at="2023-03-19T20:00:00.000000Z")
    assert message == SIGNED_REQUEST.encode()
    assert key.sign(message) == SIGNED_REQUEST_SIGNATURE  # Ed25519 is deterministic
    assert verify(key.public_b64, message, SIGNED_REQUEST_SIGNATURE)
    assert not verify(key.public_b64, message.replace(b'"version":1', b'"version":2'),
                      SIGNED_REQUEST_SIGNATURE)
    checkpoint = checkpoint_message("e1", 2, "cd" * 32, "2023-03-19T21:00:00.000000Z")
    assert key.sign(checkpoint) == CHECKPOINT_SIGNATURE
    text = DOC.read_text("utf-8")
    for value in (SIGNED_REQUEST, SIGNED_REQUEST_SIGNATURE, CHECKPOINT_SIGNATURE,
                  key.public_b64):
        assert value in text
