"""The Merkle log against the published RFC 6962 test vectors.

Leaf inputs, node and root hashes: transparency-dev/merkle ``testonly/constants.go``;
inclusion paths and consistency proofs: google/certificate-transparency
``python/ct/crypto/in_memory_merkle_tree_test.py`` (the RFC 6962 reference tests).
Beyond the vectors, every proof of every pair of sizes up to 40 verifies, and a changed
leaf, root or proof element fails.
"""

from __future__ import annotations

import pytest

from kazpolity.administration.merkle import (
    EMPTY_ROOT,
    MerkleLog,
    leaf_hash,
    verify_consistency,
    verify_inclusion,
)

LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
          "606162636465666768696a6b6c6d6e6f"]
ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (0, 1, []),
]
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]


def _log(leaves: list[bytes]) -> MerkleLog:
    log = MerkleLog()
    for data in leaves:
        log.append(leaf_hash(data))
    return log


VECTOR_LOG = _log([bytes.fromhex(x) for x in LEAVES])


def test_roots_of_every_prefix_match_the_published_vectors() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    for size, expected in enumerate(ROOTS):
        assert VECTOR_LOG.root(size).hex() == expected


@pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
def test_inclusion_paths_match_the_published_vectors(index: int, size: int,
                                                     path: list[str]) -> None:
    proof = VECTOR_LOG.inclusion_proof(index, size)
    assert [p.hex() for p in proof] == path
    leaf = leaf_hash(bytes.fromhex(LEAVES[index]))
    assert verify_inclusion(leaf, index, size, proof, VECTOR_LOG.root(size))


@pytest.mark.parametrize(("first", "second", "path"), CONSISTENCY)
def test_consistency_proofs_match_the_published_vectors(first: int, second: int,
                                                        path: list[str]) -> None:
    proof = VECTOR_LOG.consistency_proof(first, second)
    assert [p.hex() for p in proof] == path
    assert verify_consistency(first, second, VECTOR_LOG.root(first), VECTOR_LOG.root(second),
                              proof)


def test_every_proof_up_to_forty_leaves_verifies_and_tampering_fails() -> None:
    log = _log([bytes([i]) * 3 for i in range(40)])
    for size in range(1, 41):
        root = log.root(size)
        for index in range(size):
            proof = log.inclusion_proof(index, size)
            leaf = log.levels[0][index]
            assert verify_inclusion(leaf, index, size, proof, root)
            assert not verify_inclusion(leaf_hash(b"forged"), index, size, proof, root)
        for first in range(1, size + 1):
            proof = log.consistency_proof(first, size)
            assert verify_consistency(first, size, log.root(first), root, proof)
            if first < size:
                assert not verify_consistency(first, size, leaf_hash(b"x"), root, proof)
                bad = [leaf_hash(b"y"), *proof[1:]]
                assert not verify_consistency(first, size, log.root(first), root, bad)


def test_a_rewritten_prefix_has_no_consistency_proof() -> None:
    honest = _log([bytes([i]) for i in range(20)])
    forged = _log([bytes([i]) for i in range(9)] + [b"moved seats"]
                  + [bytes([i]) for i in range(10, 25)])
    proof = forged.consistency_proof(12, 25)
    assert not verify_consistency(12, 25, honest.root(12), forged.root(25), proof)
