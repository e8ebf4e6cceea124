"""Signed static publication: results any web server or CDN can serve, checkable offline.

Election night has thousands of writers and millions of readers; readers must never reach
the database. ``publish`` writes, for one election at one signed checkpoint:

- ``results/<level>.json`` and ``results/<level>.csv`` — every commission's results;
- ``seats.json``; ``checkpoint.json`` — the signed checkpoint of the Merkle log;
- ``proofs.json`` — for every precinct's current protocol, its log entry and an RFC 9162
  inclusion proof to the checkpoint's root;
- ``manifest.json`` — the SHA-256 of every file, with the checkpoint, signed with the
  election's log key.

``verify_publication`` checks the manifest's and the checkpoint's signatures, every file's
hash, every precinct row's numbers against its payload hash, that hash against its log
entry and the entry against the checkpoint's root, and every higher row as the sum of the
accepted precincts beneath it — and names the file and the row that disagree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from kazpolity.administration.audit import AuditEntry, entry_hash
from kazpolity.administration.canonical import canonical_hash, canonical_json
from kazpolity.administration.checkpoint import Checkpoint
from kazpolity.administration.merkle import MerkleLog, leaf_hash, verify_inclusion
from kazpolity.administration.results import results_csv, results_document, seats_document
from kazpolity.administration.signing import SigningKey, verify
from kazpolity.errors import InputError

MANIFEST_TYPE: Final = "kazpolity.publication/1"


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode()


def manifest_message(manifest: Mapping[str, Any]) -> bytes:
    return canonical_json({k: v for k, v in manifest.items() if k != "signature"},
                          checked=False)


def publication_files(state: Any, entries: list[AuditEntry], tree: MerkleLog,
                      checkpoint: Checkpoint) -> dict[str, bytes]:
    """Every file of the publication except the manifest (path → bytes)."""
    definition = state.election
    h = definition.hierarchy
    files: dict[str, bytes] = {}
    for level in h.levels:
        document = results_document(state, level)
        files[f"results/{level}.json"] = _dump(document)
        files[f"results/{level}.csv"] = results_csv(document).encode("utf-8")
    try:
        seats: dict[str, Any] = seats_document(state)
    except InputError as err:  # nothing to allocate yet (no votes): say so, publish the rest
        seats = {"election_id": definition.id, "allocation": None,
                 "status": f"{err.field}: {err.message}"}
    files["seats.json"] = _dump(seats)
    files["checkpoint.json"] = _dump(checkpoint.to_json())
    latest: dict[str, AuditEntry] = {}
    for entry in entries[:checkpoint.tree_size]:
        if entry.action == "protocol.submit":
            latest[entry.commission_id] = entry
    proofs = {
        cid: {"index": entry.seq - 1, "entry": entry.to_json(),
              "inclusion": [p.hex() for p in tree.inclusion_proof(entry.seq - 1,
                                                                  checkpoint.tree_size)]}
        for cid, entry in sorted(latest.items())
    }
    files["proofs.json"] = _dump({"election_id": definition.id,
                                  "tree_size": checkpoint.tree_size, "proofs": proofs})
    return files


def write_publication(out: Path, files: Mapping[str, bytes], checkpoint: Checkpoint,
                      key: SigningKey) -> dict[str, Any]:
    """Write ``files`` and a signed manifest into ``out``, replacing it atomically."""
    manifest: dict[str, Any] = {
        "type": MANIFEST_TYPE, "election_id": checkpoint.election_id,
        "checkpoint": checkpoint.to_json(),
        "files": {path: hashlib.sha256(data).hexdigest() for path, data in sorted(files.items())},
    }
    manifest["signature"] = key.sign(manifest_message(manifest))
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    for path, data in {**files, "manifest.json": _dump(manifest)}.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    old = out.with_name(f".{out.name}-old")
    if out.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
    return manifest


def _read_json(directory: Path, path: str, problems: list[str]) -> Any:
    try:
        return json.loads((directory / path).read_text("utf-8"))
    except (OSError, ValueError) as err:
        problems.append(f"{path}: cannot be read as JSON ({type(err).__name__})")
        return None


def verify_publication(directory: Path) -> list[str]:
    """Every reason the publication in ``directory`` does not match its signed checkpoint
    (empty when it does)."""
    problems: list[str] = []
    manifest = _read_json(directory, "manifest.json", problems)
    if not isinstance(manifest, dict):
        return problems or ["manifest.json: not a publication manifest"]
    try:
        checkpoint = Checkpoint.from_json(manifest.get("checkpoint"), "manifest.checkpoint")
    except Exception as err:  # an InputError naming the field
        return [f"manifest.json: {err}"]
    if not checkpoint.signature_valid():
        problems.append("manifest.json: the checkpoint's signature is not valid")
    if not verify(checkpoint.log_key, manifest_message(manifest), manifest.get("signature")):
        problems.append("manifest.json: the manifest's signature is not valid under the "
                        "checkpoint's log key")
    for path, digest in sorted(dict(manifest.get("files") or {}).items()):
        try:
            actual = hashlib.sha256((directory / path).read_bytes()).hexdigest()
        except OSError:
            problems.append(f"{path}: missing")
            continue
        if actual != digest:
            problems.append(f"{path}: its SHA-256 differs from the signed manifest (edited)")
    if problems:
        return problems
    return _numbers_problems(directory, manifest, checkpoint)


def _numbers_problems(directory: Path, manifest: Mapping[str, Any],
                      checkpoint: Checkpoint) -> list[str]:
    problems: list[str] = []
    proofs = (_read_json(directory, "proofs.json", problems) or {}).get("proofs", {})
    root = bytes.fromhex(checkpoint.root_hash)
    documents = {p: _read_json(directory, p, problems) for p in manifest["files"]
                 if p.startswith("results/") and p.endswith(".json")}
    precincts: dict[str, dict[str, Any]] = {}
    for path, document in documents.items():
        for row in (document or {}).get("rows", []):
            if row["protocol"]["kind"] == "count":
                precincts[row["commission_id"]] = row
                problems.extend(_precinct_problems(path, row, proofs.get(row["commission_id"]),
                                                   checkpoint.tree_size, root))
    totals = _sums(precincts, documents)
    for path, document in documents.items():
        for row in (document or {}).get("rows", []):
            if row["protocol"]["kind"] == "aggregate":
                shown = {**row["lines"], **row["votes"]}
                total = totals.get(row["commission_id"], {})
                wrong = sorted(k for k, v in shown.items() if int(v) != total.get(k, 0))
                if wrong:
                    problems.append(f"{path}: {row['commission_id']}: {', '.join(wrong[:5])} "
                                    "differ from the sum of its accepted precincts")
    return problems


def _sums(precincts: Mapping[str, Any], documents: Mapping[str, Any]) -> dict[
    str, dict[str, int]
]:
    """Every higher commission's sum of the accepted precinct rows beneath it."""
    parents: dict[str, str | None] = {}
    for document in documents.values():
        for row in (document or {}).get("rows", []):
            parents[row["commission_id"]] = row.get("parent_id")
    totals: dict[str, dict[str, int]] = {}
    for pid, precinct in precincts.items():
        if precinct["protocol"]["status"] != "accepted":
            continue
        numbers = {**precinct["lines"], **precinct["votes"]}
        ancestor = parents.get(pid)
        while ancestor is not None:
            total = totals.setdefault(ancestor, {})
            for key, value in numbers.items():
                total[key] = total.get(key, 0) + int(value)
            ancestor = parents.get(ancestor)
    return totals


def _precinct_problems(path: str, row: Mapping[str, Any], proof: Mapping[str, Any] | None,
                       size: int, root: bytes) -> list[str]:
    cid = row["commission_id"]
    protocol = row["protocol"]
    if protocol["status"] != "accepted":
        return []
    numbers_hash = canonical_hash({"lines": row["lines"], "votes": row["votes"]})
    if numbers_hash != protocol["payload_hash"]:
        return [f"{path}: {cid}: its numbers do not hash to its payload hash (edited)"]
    if proof is None:
        return [f"{path}: {cid}: no inclusion proof in proofs.json"]
    entry = proof["entry"]
    body = {k: v for k, v in entry.items() if k != "entry_hash"}
    digest = entry_hash(body)
    if digest != entry.get("entry_hash") or entry.get("subject_hash") != protocol["payload_hash"]:
        return [f"proofs.json: {cid}: the entry does not match the published protocol"]
    leaf = leaf_hash(bytes.fromhex(digest))
    path_hashes = [bytes.fromhex(p) for p in proof["inclusion"]]
    if not verify_inclusion(leaf, int(proof["index"]), size, path_hashes, root):
        return [f"proofs.json: {cid}: the entry is not in the log at the signed checkpoint"]
    return []
