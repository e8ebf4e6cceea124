"""Reading precinct tables from files (the I/O edge of ``forensics``).

``load_precincts(source, column_map)`` accepts a path to a CSV file, a ``.zip`` holding one
CSV, or a Parquet file. Any other source implements ``PrecinctSource`` (a ``load`` method
returning a ``PrecinctTable``): the administration store plugs in that way as
``kazpolity.forensics.store_source.StoreElectionSource(election_id)``, without touching the
methods.
"""

from __future__ import annotations

import fnmatch
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
import pandas as pd

from kazpolity.errors import InputError
from kazpolity.forensics.intake import Intake, intake_of_table, read_intake
from kazpolity.forensics.table import (
    COUNT_ROLES,
    LABEL_ROLES,
    PARTY_PREFIX,
    ColumnMap,
    PrecinctTable,
)


@runtime_checkable
class PrecinctSource(Protocol):
    """Anything that can produce a validated ``PrecinctTable`` for a column map."""

    def load(self, column_map: ColumnMap) -> PrecinctTable: ...


def read_frame(path: str | Path) -> pd.DataFrame:
    """Read a CSV, a zipped CSV or a Parquet file into a data frame (columns as text)."""
    p = Path(path)
    if not p.exists():
        raise InputError("file", f"{p} does not exist")
    suffix = p.name.lower()
    try:
        if suffix.endswith(".parquet") or suffix.endswith(".pq"):
            frame = pd.read_parquet(p)
        elif suffix.endswith(".zip"):
            with zipfile.ZipFile(p) as archive:
                members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
                if len(members) != 1:
                    raise InputError("file", f"{p} must hold exactly one .csv (found {members})")
                with archive.open(members[0]) as handle:
                    frame = pd.read_csv(handle)
        else:
            frame = pd.read_csv(p)
    except InputError:
        raise
    except pd.errors.EmptyDataError as err:
        raise InputError("file", f"{p} is empty") from err
    except (zipfile.BadZipFile, UnicodeDecodeError, pd.errors.ParserError, OSError) as err:
        raise InputError("file", f"{p} cannot be read: {err}") from err
    except (ValueError, ImportError) as err:  # pyarrow raises ArrowInvalid (a ValueError)
        raise InputError("file", f"{p} cannot be read: {err}") from err
    frame.columns = [str(c) for c in frame.columns]
    if frame.shape[0] == 0:
        raise InputError("file", f"{p} has no rows")
    return frame


def intake_from_frame(
    frame: pd.DataFrame, column_map: ColumnMap, *, skip_incomplete: bool = False,
    strict: bool = False,
) -> Intake:
    """Each mapped role is the sum of its columns (empty cells stay missing); rows are then
    sorted into incomplete, inconsistent and usable by ``intake.read_intake``. A role
    ``party:*`` maps every column matching its pattern (``party:*=C0*``) as a party."""
    counts: dict[str, np.ndarray] = {}
    labels: dict[str, np.ndarray] = {}
    parties: dict[str, np.ndarray] = {}
    for role, columns in _expand_party_patterns(frame, column_map).items():
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise InputError(role, f"mapped column {missing[0]!r} is not in the file")
        if role in LABEL_ROLES:
            labels[role] = frame[columns[0]].astype(str).to_numpy(dtype=object)
            continue
        total = np.zeros(frame.shape[0], dtype=np.float64)
        for column in columns:
            values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
            nonnum = np.flatnonzero(np.isnan(values) & frame[column].notna().to_numpy())
            if nonnum.size:
                raise InputError(
                    role, f"column {column!r} has a non-numeric value at row {nonnum[0] + 1}"
                )
            total += values
        if role in COUNT_ROLES:
            counts[role] = total
        else:
            parties[role[len(PARTY_PREFIX) :]] = total
    return read_intake(counts, labels, parties, skip_incomplete=skip_incomplete, strict=strict)


PARTY_PATTERN_ROLE = f"{PARTY_PREFIX}*"


def _expand_party_patterns(
    frame: pd.DataFrame, column_map: ColumnMap
) -> dict[str, tuple[str, ...]]:
    roles = dict(column_map.roles)
    patterns = roles.pop(PARTY_PATTERN_ROLE, ())
    for pattern in patterns:
        hits = [c for c in frame.columns if fnmatch.fnmatchcase(str(c), pattern)]
        if not hits:
            raise InputError(PARTY_PATTERN_ROLE, f"pattern {pattern!r} matches no column")
        for column in hits:
            roles.setdefault(f"{PARTY_PREFIX}{column}", (str(column),))
    return roles


def load_intake(
    source: str | Path | PrecinctSource, column_map: ColumnMap | None = None, *,
    skip_incomplete: bool = False, strict: bool = False,
) -> Intake:
    """Read one election's precincts from a file path or a ``PrecinctSource``: usable rows,
    consistency findings and counts of what was left out (see ``kazpolity.forensics.intake``)."""
    cmap = column_map if column_map is not None else ColumnMap({})
    if isinstance(source, PrecinctSource):
        return intake_of_table(source.load(cmap))
    frame = read_frame(source)
    return intake_from_frame(frame, cmap.merged(guess_roles(frame.columns)),
                             skip_incomplete=skip_incomplete, strict=strict)


def load_precincts(
    source: str | Path | PrecinctSource, column_map: ColumnMap | None = None
) -> PrecinctTable:
    """Load one election's usable precincts (rows breaking a protocol bound left out; see
    ``load_intake`` for the findings and counts)."""
    return load_intake(source, column_map).table


# Column names of known publishers, used only for roles the caller did not map.
_RUSSIAN_CEC: Mapping[str, tuple[str, ...]] = {
    "registered": ("Число избирателей, включенных", "Число избирателей, внесенных"),
    "issued": ("бюллетеней, выданных",),
    "received": ("бюллетеней, полученных",),
    "ballots": ("Число недействительных", "Число действительных"),
    "valid": ("Число действительных",),
    "invalid": ("Число недействительных",),
}


def guess_roles(columns: pd.Index | list[str]) -> dict[str, tuple[str, ...]]:
    """Default roles for files whose layout is known (Russian CEC protocols; EFT files).
    Only unambiguous matches are used; an explicit ``--map`` always wins."""
    cols = [str(c) for c in columns]
    out: dict[str, tuple[str, ...]] = {}
    for role, needles in _RUSSIAN_CEC.items():
        hits = tuple(c for c in cols if any(c.startswith(n) or n in c for n in needles))
        if role == "ballots":
            hits = tuple(
                c for c in cols if c.startswith(needles[0]) or c.startswith(needles[1])
            )
        if role in ("valid", "invalid"):
            hits = tuple(c for c in cols if c.startswith(needles[0]))
        if hits:
            out[role] = hits
    lowered = {c.lower(): c for c in cols}
    for role, names in {
        "registered": ("registered", "electors"),
        "ballots": ("ballots",),
        "region": ("region", "prefectures"),
        "commission": ("tik", "commission", "communes"),
        "precinct": ("uik", "precinct", "precincts"),
        "leader": ("leader",),
        "valid": ("valid",),
        "invalid": ("invalid",),
        "issued": ("issued",),
        "channel": ("channel",),
    }.items():
        if role in out:
            continue
        for name in names:
            if name in lowered:
                out[role] = (lowered[name],)
                break
    return out
