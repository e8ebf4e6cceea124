"""Bundled records (official results, office-holders) and the extra records a user adds.

Records published after the bundled data — the first Kurultai election of 23 August 2026,
its chair, the Vice President, the Prime Minister after it — go in a directory named by the
environment variable ``KAZPOLITY_EXTRA_RECORDS``: ``elections.json`` (the schema of
``official/kz-elections.json``) and/or ``office_holders.yaml`` (the schema of
``office_holders.yaml``). They are validated like the bundled files and read with them; see
``docs/adding-records.md``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kazpolity.datafile import read_data
from kazpolity.errors import DataFileError

EXTRA_RECORDS_ENV = "KAZPOLITY_EXTRA_RECORDS"
EXTRA_ELECTIONS = "elections.json"
EXTRA_HOLDERS = "office_holders.yaml"


def extra_record_file(name: str) -> Path | None:
    """The extra file ``name`` in the directory ``KAZPOLITY_EXTRA_RECORDS`` names, if any."""
    root = os.environ.get(EXTRA_RECORDS_ENV)
    if not root:
        return None
    directory = Path(root)
    if not directory.is_dir():
        raise DataFileError(root, None, EXTRA_RECORDS_ENV, "must name an existing directory")
    path = directory / name
    return path if path.is_file() else None


def record_list(path: Path, key: str) -> list[Any]:
    """The list under ``key`` of a YAML records file (events, commission counts).

    A file that cannot be read, or has no such list, is refused with one ``DataFileError``
    naming the file and the key.
    """
    try:
        raw = read_data(path)
    except OSError as err:
        raise DataFileError(str(path), None, "(file)", f"cannot read: {err}") from err
    items = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise DataFileError(str(path), None, key, "required: a list")
    return items
