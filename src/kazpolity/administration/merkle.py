"""The audit log as a Merkle tree (RFC 9162 §2.1, the tree of Certificate Transparency).

Leaves are the audit entries in log order; a leaf's data is the 32 bytes of the entry's
hash (``entry_hash``). Hashes are domain-separated as the RFC requires: a leaf is
``SHA-256(0x00 || data)``, an inner node ``SHA-256(0x01 || left || right)``, and the tree
over ``n`` leaves splits at the largest power of two smaller than ``n``. Inclusion and
consistency proofs follow RFC 9162 §2.1.3 and §2.1.4 and are checked against the RFC 6962
test vectors (tests/administration/test_merkle.py).

A checkpoint (tree size, root, time) signed with the election's log key lets an observer
prove later that the log only grew: a truncated, rewritten or forked log has no
consistency proof to a saved checkpoint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Final

EMPTY_ROOT: Final = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """RFC 9162 §2.1.1: the hash of a leaf, prefixed 0x00."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """RFC 9162 §2.1.1: the hash of an inner node, prefixed 0x01."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n ≥ 2)."""
    return 1 << ((n - 1).bit_length() - 1)


class MerkleLog:
    """Every complete subtree's hash, level by level, so that any root and any proof of a
    prefix of the log costs O(log² n) lookups; appending a leaf costs O(1) amortised."""

    def __init__(self) -> None:
        self.levels: list[list[bytes]] = [[]]

    @staticmethod
    def from_leaves(leaves: list[bytes]) -> MerkleLog:
        """The log over ``leaves`` (leaf hashes), built level by level: the same levels
        as appending them one by one."""
        tree = MerkleLog()
        tree.levels = [leaves]
        level = leaves
        while len(level) >= 2:
            level = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
                     for i in range(0, len(level) - 1, 2)]
            tree.levels.append(level)
        return tree

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def append(self, leaf: bytes) -> None:
        """Append a leaf hash (``leaf_hash(data)``)."""
        self.levels[0].append(leaf)
        level = 0
        while len(self.levels[level]) % 2 == 0:
            nodes = self.levels[level]
            if len(self.levels) == level + 1:
                self.levels.append([])
            self.levels[level + 1].append(node_hash(nodes[-2], nodes[-1]))
            level += 1

    def _check(self, size: int) -> None:
        if not 0 <= size <= self.size:
            raise ValueError(f"tree size {size} is outside 0..{self.size}")

    def subtree(self, start: int, end: int) -> bytes:
        """MTH(D[start:end]) for a range of the leaves already appended."""
        n = end - start
        if n == 0:
            return EMPTY_ROOT
        if n & (n - 1) == 0 and start % n == 0:
            return self.levels[n.bit_length() - 1][start // n]
        k = _split(n)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        self._check(size)
        return self.subtree(0, size)

    def inclusion_proof(self, index: int, size: int) -> list[bytes]:
        """PATH(index, D[0:size]) (RFC 9162 §2.1.3.1)."""
        self._check(size)
        if not 0 <= index < size:
            raise ValueError(f"leaf index {index} is outside 0..{size - 1}")
        return self._path(index, 0, size)

    def _path(self, m: int, start: int, end: int) -> list[bytes]:
        n = end - start
        if n == 1:
            return []
        k = _split(n)
        if m < k:
            return [*self._path(m, start, start + k), self.subtree(start + k, end)]
        return [*self._path(m - k, start + k, end), self.subtree(start, start + k)]

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """PROOF(first, D[0:second]) (RFC 9162 §2.1.4.1)."""
        self._check(second)
        if not 0 <= first <= second:
            raise ValueError(f"first size {first} is outside 0..{second}")
        if first in (0, second):
            return []
        return self._subproof(first, 0, second, True)

    def _subproof(self, m: int, start: int, end: int, whole: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if whole else [self.subtree(start, end)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, start, start + k, whole), self.subtree(start + k, end)]
        return [*self._subproof(m - k, start + k, end, False), self.subtree(start, start + k)]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[bytes],
                     root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: whether ``leaf`` sits at ``index`` of the tree with ``root``."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not (fn & 1 or fn == 0):
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: whether the tree of size ``second`` extends that of ``first``."""
    if not 0 <= first <= second:
        return False
    if first == second:
        return not proof and first_root == second_root
    if first == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not (fn & 1 or fn == 0):
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0
