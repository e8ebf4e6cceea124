"""Commission credentials: a bearer token and an Ed25519 signing key per commission.

The token (256 random bits) is stored only as its SHA-256; the private key only in the
credentials file handed to the commission; the store keeps the public key, in the
``credential.issue`` entry of the log signed with the election's log key. Issuing again
replaces both: the old token and key fail (401) on their next use in every process,
because every write is checked against the credential in force at the log's head.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kazpolity.administration.signing import SigningKey
from kazpolity.errors import InputError


def hash_token(token: str) -> str:
    """Credentials are stored only as SHA-256 of the token (256 random bits, so a fast hash
    is enough: there is nothing to brute-force)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class CommissionCredential:
    """What a commission holds: its bearer token and its signing key."""

    token: str
    key: SigningKey

    @staticmethod
    def generate() -> CommissionCredential:
        return CommissionCredential(new_token(), SigningKey.generate())

    def to_json(self) -> dict[str, str]:
        """The credentials file's entry, read back by ``parse_credentials`` (a file format,
        not a face's JSON)."""
        return {"token": self.token, "signing_key": self.key.to_b64()}


def credentials_document(issued: Mapping[str, CommissionCredential]) -> dict[str, Any]:
    return {cid: c.to_json() for cid, c in sorted(issued.items())}


def write_secret_file(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` as JSON readable by the owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(dict(data), out, indent=0, sort_keys=True)


def parse_credentials(data: Any, field: str = "--credentials") -> dict[str, CommissionCredential]:
    """``{commission_id: {"token": ..., "signing_key": ...}}`` as written at issue."""
    if not isinstance(data, Mapping):
        raise InputError(field, "must be a JSON object {commission_id: {token, signing_key}}")
    out: dict[str, CommissionCredential] = {}
    for cid, item in data.items():
        if not isinstance(item, Mapping) or not isinstance(item.get("token"), str):
            raise InputError(f"{field}.{cid}", "needs token and signing_key (a credentials "
                             "file written by kazpolity admin)")
        try:
            key = SigningKey.from_b64(str(item.get("signing_key", "")))
        except ValueError as err:
            raise InputError(f"{field}.{cid}.signing_key", str(err)) from None
        out[str(cid)] = CommissionCredential(item["token"], key)
    return out
