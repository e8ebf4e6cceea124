"""The audit log as a verifiable log (RFC 9162): signed checkpoints and proofs.

- ``GET /api/v1/elections/{id}/log/checkpoint``: the current tree size and root, signed
  with the election's log key — what an observer saves (``kazpolity audit checkpoint``).
- ``.../log/consistency?first=M&second=N``: the proof that the tree of size N extends the
  tree of size M (RFC 9162 §2.1.4).
- ``.../log/inclusion?index=I&size=N``: the proof that entry I (0-based: audit entry I+1)
  is in the tree of size N (§2.1.3).
Hashes are lowercase hex.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kazpolity.administration.checkpoint import Checkpoint
from kazpolity.administration.merkle import MerkleLog
from kazpolity.api.models import CheckpointOut, ConsistencyProofOut, InclusionProofOut
from kazpolity.api.v1_elections import ElectionId, Store
from kazpolity.errors import InputError
from kazpolity.http.access import PUBLIC, policy

Size = Annotated[int, Query(ge=0, le=2**40)]


def _size(tree: MerkleLog, value: int, name: str) -> int:
    if value > tree.size:
        raise InputError(name, f"{value} is larger than the log's {tree.size:,} entries")
    return value


router = APIRouter()
"""The log's checkpoint and proofs."""


@router.get("/api/v1/elections/{election_id}/log/checkpoint", openapi_extra=policy(PUBLIC),
            tags=["transparency"], response_model=CheckpointOut)
def checkpoint(election_id: ElectionId, store: Store) -> CheckpointOut:
    """The current signed checkpoint (tree size, root hash, time, log key, signature)."""
    rt = store.fresh(election_id)
    with rt.lock:
        signed = Checkpoint.sign(election_id, rt.tree, store.log_key(election_id))
    return CheckpointOut.model_validate(signed.to_json())


@router.get("/api/v1/elections/{election_id}/log/consistency", openapi_extra=policy(PUBLIC),
            tags=["transparency"], response_model=ConsistencyProofOut)
def consistency(election_id: ElectionId, store: Store, first: Size,
                second: Size) -> ConsistencyProofOut:
    """RFC 9162 consistency proof between the trees of size ``first`` and ``second``."""
    rt = store.fresh(election_id)
    if first > second:
        raise InputError("first", f"{first} is larger than second ({second})")
    with rt.lock:  # not while a commit appends to the tree
        tree = rt.tree
        _size(tree, second, "second")
        proof = tree.consistency_proof(first, second)
        roots = tree.root(first).hex(), tree.root(second).hex()
    return ConsistencyProofOut(election_id=election_id, first=first, second=second,
                               first_root=roots[0], second_root=roots[1],
                               proof=[p.hex() for p in proof])


@router.get("/api/v1/elections/{election_id}/log/inclusion", openapi_extra=policy(PUBLIC),
            tags=["transparency"], response_model=InclusionProofOut)
def inclusion(election_id: ElectionId, store: Store, index: Size,
              size: Size) -> InclusionProofOut:
    """RFC 9162 inclusion proof of leaf ``index`` in the tree of size ``size``."""
    rt = store.fresh(election_id)
    if index >= size:
        raise InputError("index", f"{index} is not below size {size}")
    with rt.lock:  # not while a commit appends to the tree
        tree = rt.tree
        _size(tree, size, "size")
        proof = tree.inclusion_proof(index, size)
        leaf, root = tree.levels[0][index].hex(), tree.root(size).hex()
    return InclusionProofOut(election_id=election_id, index=index, size=size, leaf_hash=leaf,
                             root=root, proof=[p.hex() for p in proof])
