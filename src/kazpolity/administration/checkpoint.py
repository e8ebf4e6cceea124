"""Signed checkpoints of an election's Merkle log: what an observer saves during the count.

A checkpoint is (election, tree size, root hash, time) signed with the election's log key
(``signing.checkpoint_message``). Saved checkpoints are compared with the log later: the
log must still hold the same first ``tree_size`` entries (RFC 9162 consistency), so a
truncated tail, a rewrite from any point or a fork is named, whatever the database says.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kazpolity.administration.audit import utc_now
from kazpolity.administration.merkle import MerkleLog, verify_consistency
from kazpolity.administration.signing import SigningKey, checkpoint_message, verify
from kazpolity.errors import InputError


@dataclass(frozen=True, slots=True)
class Checkpoint:
    election_id: str
    tree_size: int
    root_hash: str
    at: str
    log_key: str
    signature: str

    @staticmethod
    def sign(election_id: str, tree: MerkleLog, key: SigningKey) -> Checkpoint:
        size = tree.size
        root = tree.root(size).hex()
        at = utc_now()
        return Checkpoint(election_id, size, root, at, key.public_b64,
                          key.sign(checkpoint_message(election_id, size, root, at)))

    def to_json(self) -> dict[str, Any]:
        """The signed checkpoint as saved and served (``kazpolity.checkpoint/1``).

        This is the data format itself (signed; read back by ``from_json``), not a face's
        JSON: it stays beside its record (docs/architecture.md, "Wire formats")."""
        return {"type": "kazpolity.checkpoint/1", "election_id": self.election_id,
                "tree_size": self.tree_size, "root_hash": self.root_hash, "at": self.at,
                "log_key": self.log_key, "signature": self.signature}

    @staticmethod
    def from_json(data: Any, where: str) -> Checkpoint:
        if not isinstance(data, Mapping):
            raise InputError(where, "is not a checkpoint (a JSON object)")
        try:
            return Checkpoint(str(data["election_id"]), int(data["tree_size"]),
                              str(data["root_hash"]), str(data["at"]), str(data["log_key"]),
                              str(data["signature"]))
        except (KeyError, TypeError, ValueError):
            raise InputError(where, "is not a checkpoint: needs election_id, tree_size, "
                             "root_hash, at, log_key and signature") from None

    @staticmethod
    def read(path: Path) -> Checkpoint:
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as err:
            raise InputError("--checkpoint", f"cannot read {path}: {err}") from None
        return Checkpoint.from_json(data, f"--checkpoint {path}")

    def signature_valid(self) -> bool:
        message = checkpoint_message(self.election_id, self.tree_size, self.root_hash,
                                     self.at)
        return verify(self.log_key, message, self.signature)


def checkpoint_problems(checkpoint: Checkpoint, name: str, tree: MerkleLog,
                        log_key: str | None) -> list[str]:
    """Why ``checkpoint`` is not a prefix of ``tree`` (empty when the log only grew)."""
    if not checkpoint.signature_valid():
        return [f"checkpoint {name}: its signature is not valid under its log key"]
    if log_key != checkpoint.log_key:
        return [f"checkpoint {name}: signed by log key {checkpoint.log_key[:12]}…, the log "
                f"now names {str(log_key)[:12]}… (the log was replaced)"]
    if checkpoint.tree_size > tree.size:
        return [f"checkpoint {name}: the log had {checkpoint.tree_size:,} entries, it now has "
                f"{tree.size:,} (entries were removed: truncation)"]
    proof = tree.consistency_proof(checkpoint.tree_size, tree.size)
    if not verify_consistency(checkpoint.tree_size, tree.size,
                              bytes.fromhex(checkpoint.root_hash), tree.root(), proof):
        return [f"checkpoint {name}: the first {checkpoint.tree_size:,} entries no longer "
                f"hash to its root {checkpoint.root_hash[:16]}… (the log was rewritten "
                "or forked)"]
    return []
