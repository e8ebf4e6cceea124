"""Bulk import and export of precinct protocols as CSV or Parquet.

A file has one row per commission: ``commission_id`` and one column per form field
(``voters_on_list`` … ``votes.<option>``). Import checks, naming row and column: known
commissions, no duplicate rows, whole non-negative numbers only, every hard control
relation, and, where rows for higher commissions are present, that their numbers equal
the sum of their children's rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kazpolity.administration.controls import validate_matrix
from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.hierarchy import PRECINCT
from kazpolity.administration.protocol import MAX_COUNT, Protocol
from kazpolity.errors import InputError

ID_COLUMN = "commission_id"


def _read(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
    except (OSError, ValueError) as err:
        raise InputError("file", f"cannot read {path}: {err}") from err
    raise InputError("file", f"{path}: use a .csv or .parquet file")


def _integer_column(frame: pd.DataFrame, column: str) -> np.ndarray[Any, np.dtype[np.int64]]:
    series = frame[column]
    ids = frame[ID_COLUMN].astype(str).tolist()
    if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
        out = np.empty(len(series), dtype=np.int64)
        for i, raw in enumerate(series.tolist()):
            text = str(raw).strip()
            if not text.isdigit():
                kind = "negative" if text.startswith("-") and text[1:].isdigit() else (
                    "not a whole number")
                raise InputError(f"{column}", f"row {i + 2} ({ids[i]}): {text!r} is {kind}")
            value = int(text)
            if value > MAX_COUNT:
                raise InputError(column, f"row {i + 2} ({ids[i]}): {value} is too large")
            out[i] = value
        return out
    if not pd.api.types.is_integer_dtype(series.dtype):
        raise InputError(column, f"must hold whole numbers, found {series.dtype}")
    values = series.to_numpy(dtype=np.int64)
    negative = np.flatnonzero(values < 0)
    if negative.size:
        i = int(negative[0])
        raise InputError(column, f"row {i + 2} ({ids[i]}): {values[i]} is negative")
    return values


def read_protocols(definition: ElectionDefinition, path: Path) -> dict[str, Protocol]:
    """Read and check a protocol file; return the precinct protocols it holds."""
    frame = _read(path)
    form = definition.form
    hierarchy = definition.hierarchy
    missing = [c for c in (ID_COLUMN, *form.fields) if c not in frame.columns]
    if missing:
        raise InputError("columns", f"missing {missing}")
    extra = [c for c in frame.columns if c not in (ID_COLUMN, *form.fields)]
    if extra:
        raise InputError("columns", f"unknown {extra}")
    ids = frame[ID_COLUMN].astype(str).tolist()
    duplicated = frame[ID_COLUMN].astype(str).duplicated()
    if duplicated.any():
        i = int(np.flatnonzero(duplicated.to_numpy())[0])
        raise InputError(ID_COLUMN, f"row {i + 2}: {ids[i]} appears more than once")
    for i, cid in enumerate(ids):
        if cid not in hierarchy.commissions:
            raise InputError(ID_COLUMN, f"row {i + 2}: no commission {cid!r} in "
                             f"election {definition.id}")
    matrix = np.column_stack([_integer_column(frame, f) for f in form.fields]) if len(
        frame) else np.zeros((0, len(form.fields)), dtype=np.int64)
    precinct_rows = [i for i, cid in enumerate(ids)
                     if hierarchy.commissions[cid].level == PRECINCT]
    check = validate_matrix(form, matrix[precinct_rows])
    rejected = np.flatnonzero(check.rejected_rows())
    if rejected.size:
        from kazpolity.administration.controls import validate

        i = precinct_rows[int(rejected[0])]
        first = validate(form, Protocol(tuple(int(v) for v in matrix[i]))).rejections[0]
        raise InputError(f"row {i + 2} ({ids[i]})", first.message())
    _check_parent_sums(definition, ids, matrix)
    return {
        ids[i]: Protocol(tuple(int(v) for v in matrix[i])) for i in precinct_rows
    }


def _check_parent_sums(definition: ElectionDefinition, ids: list[str],
                       matrix: np.ndarray[Any, np.dtype[np.int64]]) -> None:
    hierarchy = definition.hierarchy
    rows = {cid: i for i, cid in enumerate(ids)}
    for cid, i in rows.items():
        if hierarchy.commissions[cid].level == PRECINCT:
            continue
        children = hierarchy.children[cid]
        absent = [c for c in children if c not in rows]
        if absent:
            raise InputError(f"row {i + 2} ({cid})",
                             f"a sum row needs all its children; missing {absent[:3]}")
        total = matrix[[rows[c] for c in children]].sum(axis=0)
        diff = np.flatnonzero(total != matrix[i])
        if diff.size:
            j = int(diff[0])
            field = definition.form.fields[j]
            raise InputError(
                f"row {i + 2} ({cid}).{field}",
                f"{int(matrix[i, j])} ≠ {int(total[j])}, the sum of its children",
            )


def write_protocols(
    definition: ElectionDefinition, protocols: Mapping[str, tuple[int, ...]], path: Path
) -> int:
    """Write ``protocols`` (commission → numbers in form order) as CSV or Parquet."""
    fields = list(definition.form.fields)
    ids = [cid for cid in definition.hierarchy.order if cid in protocols]
    frame = pd.DataFrame(
        np.array([protocols[c] for c in ids], dtype=np.int64).reshape(len(ids), len(fields)),
        columns=fields,
    )
    frame.insert(0, ID_COLUMN, ids)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    elif suffix in (".parquet", ".pq"):
        frame.to_parquet(path, index=False)
    else:
        raise InputError("file", f"{path}: use a .csv or .parquet file")
    return len(ids)
