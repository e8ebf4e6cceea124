"""``signing.verify`` accepts RFC 8032's vectors and refuses what a strict verifier must.

A lax Ed25519 verifier (OpenSSL's, which ``cryptography`` wraps) accepts the all-zero
signature under the identity point as a valid signature of *any* message: a key of small
order registered for a commission would let anyone write in its name. libsodium refuses
small-order keys and a non-canonical S (S + L, the malleable twin of a good signature).
"""

from __future__ import annotations

import base64

import pytest

from kazpolity.administration.signing import verify

# RFC 8032 §7.1, TEST 2 and TEST 3 (public key, message, signature), hex.
RFC8032 = [
    ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
]
L = 2 ** 252 + 27742317777372353535851937790883648493
"""The order of the base point (RFC 8032 §5.1)."""


def b64(hex_text: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_text)).decode()


@pytest.mark.parametrize(("key", "message", "signature"), RFC8032)
def test_the_rfc_vectors_verify_and_a_changed_message_does_not(
        key: str, message: str, signature: str) -> None:
    assert verify(b64(key), bytes.fromhex(message), b64(signature))
    assert not verify(b64(key), bytes.fromhex(message) + b"\x00", b64(signature))


def test_the_identity_key_cannot_sign_everything() -> None:
    identity = "01" + "00" * 31
    forged = identity + "00" * 32
    assert not verify(b64(identity), b"any request at all", b64(forged))


def test_a_non_canonical_s_is_refused() -> None:
    key, message, signature = RFC8032[0]
    r, s = signature[:64], int.from_bytes(bytes.fromhex(signature[64:]), "little")
    twin = r + (s + L).to_bytes(32, "little").hex()
    assert verify(b64(key), bytes.fromhex(message), b64(signature))
    assert not verify(b64(key), bytes.fromhex(message), b64(twin))
