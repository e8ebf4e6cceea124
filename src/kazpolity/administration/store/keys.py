"""Where an election's log key lives: a file outside the database.

The log key signs the administrator's entries and the checkpoints. It is kept out of the
database on purpose: whoever can rewrite the database must not also be able to sign a
new credential or a checkpoint. The directory is ``KAZPOLITY_KEYS_DIR``, else
``<file>.keys/`` beside an SQLite store, else ``keys/`` in the data directory.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from kazpolity.administration.signing import SigningKey
from kazpolity.administration.store.settings import data_dir

KEYS_DIR_ENV: Final = "KAZPOLITY_KEYS_DIR"


def keys_dir(url: str) -> Path:
    explicit = os.environ.get(KEYS_DIR_ENV)
    if explicit:
        return Path(explicit)
    match = re.match(r"^sqlite(?:\+\w+)?:///(.+)$", url)
    if match and match.group(1) != ":memory:":
        return Path(match.group(1).split("?")[0] + ".keys")
    return data_dir() / "keys"


def log_key_path(url: str, election_id: str) -> Path:
    return keys_dir(url) / f"{election_id}.log-key"


def save_log_key(url: str, election_id: str, key: SigningKey) -> Path:
    path = log_key_path(url, election_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key.to_b64() + "\n")
    return path


def load_log_key(url: str, election_id: str) -> SigningKey | None:
    path = log_key_path(url, election_id)
    try:
        return SigningKey.from_b64(path.read_text("ascii").strip())
    except (OSError, ValueError):
        return None
