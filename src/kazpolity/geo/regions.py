"""Kazakhstan's first-level administrative units (oblasts, cities, the capital) by date.

The data live in ``regions.yaml`` next to this module: one entry per unit with a stable
code, names in English, Kazakh and Russian, a cartogram tile, and half-open validity
intervals ``[from, until)`` that may override the unit's kind, names, tile or centre.
The file is validated once on first use; a broken file raises ``DataFileError`` naming the
file, the line and the key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path

import yaml

from kazpolity.datafile import NodePair, YamlReader
from kazpolity.errors import DataFileError, InputError, NotFound, OutOfModelRange

GEO_START = date(1995, 8, 30)
"""The first day modelled: the 1995 Constitution (20 units: 19 oblasts and Almaty)."""

KINDS = frozenset({"oblast", "city", "capital"})
LANGS = ("en", "kk", "ru")

_CODE = re.compile(r"^KZ-[A-Z]{3}$")
_ISO_CODE = re.compile(r"^KZ-[0-9]{2}$")
_TOP_KEYS = frozenset({"title", "code_scheme", "tiles", "excluded", "sources", "units"})
_SOURCE_KEYS = frozenset({"id", "url", "title"})
_EXCLUDED_KEYS = frozenset({"name", "reason", "source"})
_UNIT_KEYS = frozenset({"code", "kind", "iso_3166_2", "names", "tile", "centre", "intervals"})
_INTERVAL_KEYS = frozenset(
    {"from", "until", "source", "unverified", "note", "kind", "names", "tile", "centre"}
)
_TILE_KEYS = frozenset({"col", "row"})


@dataclass(frozen=True)
class Tile:
    """A cell of the schematic tile-grid map: column 0 is the west, row 0 the north."""

    col: int
    row: int


@dataclass(frozen=True)
class Region:
    """One unit over one interval ``[valid_from, valid_until)`` (``None`` = still in force)."""

    code: str
    kind: str
    name_en: str
    name_kk: str
    name_ru: str
    valid_from: date
    valid_until: date | None
    source: str
    unverified: bool
    note: str | None
    tile: Tile
    centre: str | None
    iso_3166_2: str | None

    def name(self, lang: str = "en") -> str:
        """The unit's name in ``en``, ``kk`` or ``ru``."""
        if lang == "en":
            return self.name_en
        if lang == "kk":
            return self.name_kk
        if lang == "ru":
            return self.name_ru
        raise InputError("lang", f"must be one of {', '.join(LANGS)}, got {lang!r}")

    def in_force(self, on: date) -> bool:
        """Whether ``on`` falls inside this interval."""
        return self.valid_from <= on and (self.valid_until is None or on < self.valid_until)


@dataclass(frozen=True)
class Source:
    """A document cited by the data file."""

    id: str
    url: str
    title: str | None


@dataclass(frozen=True)
class RegionTable:
    """The validated contents of a regions file."""

    sources: tuple[Source, ...]
    regions: tuple[Region, ...]
    """Every interval of every unit, sorted by code, then date."""

    def on(self, day: date) -> tuple[Region, ...]:
        """Units in force on ``day``, sorted by code."""
        return tuple(r for r in self.regions if r.in_force(day))

    def boundaries(self) -> tuple[date, ...]:
        """Every date on which some interval starts or ends, ascending."""
        days = {r.valid_from for r in self.regions}
        days.update(r.valid_until for r in self.regions if r.valid_until is not None)
        return tuple(sorted(days))


# ---------------------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------------------


class _Reader(YamlReader):
    """The shared strict reader, plus the regions file's own value types."""

    def sequence(self, node: yaml.Node, key: str, *, non_empty: bool = True
                 ) -> list[yaml.Node]:
        return super().sequence(node, key, non_empty=non_empty)

    def boolean(self, node: yaml.Node, key: str) -> bool:
        return self.flag(node, key)

    def tile(self, node: yaml.Node, key: str) -> Tile:
        fields = self.mapping(node, key, _TILE_KEYS, _TILE_KEYS)
        values: dict[str, int] = {}
        for name, (_, value_node) in fields.items():
            value = self.scalar(value_node, f"{key}.{name}")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(value_node, f"{key}.{name}", "expected a whole number >= 0")
            values[name] = value
        return Tile(col=values["col"], row=values["row"])

    def names(
        self, node: yaml.Node, key: str, *, partial: bool = False
    ) -> dict[str, tuple[yaml.Node, str]]:
        required = frozenset() if partial else frozenset(LANGS)
        fields = self.mapping(node, key, frozenset(LANGS), required)
        if not fields:
            raise self.fail(node, key, "must name at least one language")
        return {
            lang: (value_node, self.text(value_node, f"{key}.{lang}"))
            for lang, (_, value_node) in fields.items()
        }

    def kind(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        if value not in KINDS:
            raise self.fail(node, key, f"unknown kind {value!r} (allowed: {sorted(KINDS)})")
        return value


def _source_ids(reader: _Reader, node: yaml.Node, key: str, known: dict[str, Source]) -> list[str]:
    nodes = reader.sequence(node, key) if isinstance(node, yaml.SequenceNode) else [node]
    ids: list[str] = []
    for index, item in enumerate(nodes):
        item_key = f"{key}[{index}]" if isinstance(node, yaml.SequenceNode) else key
        source_id = reader.text(item, item_key)
        if source_id not in known:
            raise reader.fail(item, item_key, f"unknown source id {source_id!r}")
        ids.append(source_id)
    return ids


def _read_sources(reader: _Reader, node: yaml.Node) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for index, item in enumerate(reader.sequence(node, "sources")):
        key = f"sources[{index}]"
        fields = reader.mapping(item, key, _SOURCE_KEYS, frozenset({"id", "url"}))
        id_node = fields["id"][1]
        source_id = reader.text(id_node, f"{key}.id")
        if source_id in sources:
            raise reader.fail(id_node, f"{key}.id", f"duplicate source id {source_id!r}")
        url_node = fields["url"][1]
        url = reader.text(url_node, f"{key}.url")
        if not url.startswith(("http://", "https://")):
            raise reader.fail(url_node, f"{key}.url", "expected an http(s) address")
        title = (
            reader.optional_text(fields["title"][1], f"{key}.title") if "title" in fields else None
        )
        sources[source_id] = Source(source_id, url, title)
    return sources


@dataclass(frozen=True)
class _UnitDefaults:
    """What a unit states once and each of its intervals inherits unless it overrides it."""

    code: str
    kind: str
    names: dict[str, str]
    tile: Tile
    centre: str | None
    iso: str | None


def _read_unit_defaults(reader: _Reader, fields: dict[str, NodePair], key: str) -> _UnitDefaults:
    code_node = fields["code"][1]
    code = reader.text(code_node, f"{key}.code")
    if not _CODE.fullmatch(code):
        raise reader.fail(
            code_node, f"{key}.code", f"expected KZ- and three capitals, got {code!r}"
        )
    kind = reader.kind(fields["kind"][1], f"{key}.kind")
    iso: str | None = None
    if "iso_3166_2" in fields:
        iso_node = fields["iso_3166_2"][1]
        iso = reader.optional_text(iso_node, f"{key}.iso_3166_2")
        if iso is not None and not _ISO_CODE.fullmatch(iso):
            raise reader.fail(iso_node, f"{key}.iso_3166_2", f"expected KZ-NN, got {iso!r}")
    names = {
        lang: text for lang, (_, text) in reader.names(fields["names"][1], f"{key}.names").items()
    }
    tile = reader.tile(fields["tile"][1], f"{key}.tile")
    centre = (
        reader.optional_text(fields["centre"][1], f"{key}.centre") if "centre" in fields else None
    )
    return _UnitDefaults(code, kind, names, tile, centre, iso)


def _interval_dates(
    reader: _Reader,
    ifields: dict[str, NodePair],
    ikey: str,
    index: int,
    previous_until: date | None,
) -> tuple[date, date | None]:
    """The interval's dates, checked against the model start and the interval before it."""
    from_node = ifields["from"][1]
    valid_from = reader.day(from_node, f"{ikey}.from")
    until_node = ifields["until"][1]
    valid_until = reader.optional_day(until_node, f"{ikey}.until")
    if valid_from < GEO_START:
        raise reader.fail(from_node, f"{ikey}.from", f"before the model start {GEO_START}")
    if valid_until is not None and valid_until <= valid_from:
        raise reader.fail(until_node, f"{ikey}.until", "must be later than from")
    if index > 0:
        if previous_until is None:
            raise reader.fail(
                from_node, f"{ikey}.from", "follows an open interval (until: null)"
            )
        if valid_from < previous_until:
            raise reader.fail(
                from_node, f"{ikey}.from", "overlaps or precedes the previous interval"
            )
    return valid_from, valid_until


def _interval_region(
    reader: _Reader,
    ifields: dict[str, NodePair],
    ikey: str,
    unit: _UnitDefaults,
    dates: tuple[date, date | None],
    sources: dict[str, Source],
) -> Region:
    ids = _source_ids(reader, ifields["source"][1], f"{ikey}.source", sources)
    local_names = dict(unit.names)
    if "names" in ifields:
        overrides = reader.names(ifields["names"][1], f"{ikey}.names", partial=True)
        local_names.update({lang: text for lang, (_, text) in overrides.items()})
    return Region(
        code=unit.code,
        kind=reader.kind(ifields["kind"][1], f"{ikey}.kind") if "kind" in ifields else unit.kind,
        name_en=local_names["en"],
        name_kk=local_names["kk"],
        name_ru=local_names["ru"],
        valid_from=dates[0],
        valid_until=dates[1],
        source=" ; ".join(sources[i].url for i in ids),
        unverified=(
            reader.boolean(ifields["unverified"][1], f"{ikey}.unverified")
            if "unverified" in ifields
            else False
        ),
        note=(
            reader.optional_text(ifields["note"][1], f"{ikey}.note")
            if "note" in ifields
            else None
        ),
        tile=reader.tile(ifields["tile"][1], f"{ikey}.tile") if "tile" in ifields else unit.tile,
        centre=(
            reader.optional_text(ifields["centre"][1], f"{ikey}.centre")
            if "centre" in ifields
            else unit.centre
        ),
        iso_3166_2=unit.iso,
    )


def _read_unit(
    reader: _Reader, node: yaml.Node, key: str, sources: dict[str, Source]
) -> tuple[list[Region], list[yaml.Node]]:
    fields = reader.mapping(
        node, key, _UNIT_KEYS, frozenset({"code", "kind", "names", "tile", "intervals"})
    )
    unit = _read_unit_defaults(reader, fields, key)
    regions: list[Region] = []
    interval_nodes: list[yaml.Node] = []
    previous_until: date | None = None
    for index, item in enumerate(reader.sequence(fields["intervals"][1], f"{key}.intervals")):
        ikey = f"{key}.intervals[{index}]"
        ifields = reader.mapping(item, ikey, _INTERVAL_KEYS, frozenset({"from", "until", "source"}))
        dates = _interval_dates(reader, ifields, ikey, index, previous_until)
        previous_until = dates[1]
        regions.append(_interval_region(reader, ifields, ikey, unit, dates, sources))
        interval_nodes.append(item)
    return regions, interval_nodes


def _check_each_day(
    reader: _Reader, regions: list[Region], nodes: dict[tuple[str, date], yaml.Node]
) -> None:
    """On every boundary date: one capital, and no two units on the same tile."""
    days = RegionTable((), tuple(regions)).boundaries()
    for day in days:
        if day < GEO_START:
            continue
        in_force = [r for r in regions if r.in_force(day)]
        if not in_force:
            continue
        capitals = [r for r in in_force if r.kind == "capital"]
        if len(capitals) != 1:
            culprit = capitals[1] if capitals else in_force[0]
            node = nodes[(culprit.code, culprit.valid_from)]
            found = ", ".join(r.code for r in capitals) or "none"
            raise reader.fail(node, "kind", f"{day}: exactly one capital needed, found {found}")
        seen: dict[Tile, str] = {}
        for region in in_force:
            if region.tile in seen:
                node = nodes[(region.code, region.valid_from)]
                raise reader.fail(
                    node,
                    "tile",
                    f"{day}: {region.code} and {seen[region.tile]} share tile "
                    f"(col {region.tile.col}, row {region.tile.row})",
                )
            seen[region.tile] = region.code
    first = [r for r in regions if r.in_force(GEO_START)]
    if regions and not first:
        raise reader.fail(None, "units", f"no unit is in force on {GEO_START}")


def load_regions_file(path: Path | str) -> RegionTable:
    """Read and validate a regions file; raise ``DataFileError`` on the first problem."""
    reader = _Reader(Path(path))
    root = reader.compose()
    top = reader.mapping(root, "", _TOP_KEYS, frozenset({"sources", "units"}))
    sources = _read_sources(reader, top["sources"][1])
    if "excluded" in top:
        for index, item in enumerate(reader.sequence(top["excluded"][1], "excluded")):
            key = f"excluded[{index}]"
            fields = reader.mapping(item, key, _EXCLUDED_KEYS, _EXCLUDED_KEYS)
            reader.text(fields["name"][1], f"{key}.name")
            reader.text(fields["reason"][1], f"{key}.reason")
            _source_ids(reader, fields["source"][1], f"{key}.source", sources)

    regions: list[Region] = []
    nodes: dict[tuple[str, date], yaml.Node] = {}
    codes: set[str] = set()
    for index, item in enumerate(reader.sequence(top["units"][1], "units")):
        unit_regions, interval_nodes = _read_unit(reader, item, f"units[{index}]", sources)
        code = unit_regions[0].code
        if code in codes:
            code_node = reader.mapping(item, f"units[{index}]", _UNIT_KEYS)["code"][1]
            raise reader.fail(code_node, f"units[{index}].code", f"duplicate code {code!r}")
        codes.add(code)
        regions.extend(unit_regions)
        for region, node in zip(unit_regions, interval_nodes, strict=True):
            nodes[(region.code, region.valid_from)] = node
    _check_each_day(reader, regions, nodes)
    regions.sort(key=lambda r: (r.code, r.valid_from))
    return RegionTable(tuple(sources.values()), tuple(regions))


def _bundled_path() -> Path:
    return Path(str(resources.files("kazpolity.geo").joinpath("regions.yaml")))


@functools.cache
def _table() -> RegionTable:
    return load_regions_file(_bundled_path())


# ---------------------------------------------------------------------------------------
# Public queries
# ---------------------------------------------------------------------------------------


def _check_day(on: object) -> date:
    if isinstance(on, datetime) or not isinstance(on, date):
        raise InputError("on", f"expected a date, got {type(on).__name__}")
    if on < GEO_START:
        raise OutOfModelRange("on", f"{on} is before the first modelled day {GEO_START}")
    return on


def regions_at(on: date) -> tuple[Region, ...]:
    """Units in force on ``on``, sorted by code."""
    return _table().on(_check_day(on))


def region_count_at(on: date) -> int:
    """How many first-level units were in force on ``on``."""
    return len(regions_at(on))


def capital_at(on: date) -> Region:
    """The unit that was the capital on ``on``."""
    capitals = [r for r in regions_at(on) if r.kind == "capital"]
    if len(capitals) != 1:  # excluded by validation; kept as a guard
        raise DataFileError(str(_bundled_path()), None, "kind", f"{on}: no single capital")
    return capitals[0]


def capital_name_at(on: date, lang: str = "en") -> str:
    """The capital's name on ``on`` in ``en``, ``kk`` or ``ru``."""
    if lang not in LANGS:
        raise InputError("lang", f"must be one of {', '.join(LANGS)}, got {lang!r}")
    return capital_at(on).name(lang)


def _composition(regions: tuple[Region, ...]) -> frozenset[tuple[str, str, str, str, str]]:
    return frozenset((r.code, r.kind, r.name_en, r.name_kk, r.name_ru) for r in regions)


def region_changes() -> tuple[date, ...]:
    """``GEO_START`` and every later date on which a unit appears, disappears, or changes its
    kind or name. Moves of an administrative centre or a tile alone do not count."""
    table = _table()
    changes = [GEO_START]
    for day in table.boundaries():
        if day <= GEO_START:
            continue
        if _composition(table.on(day)) != _composition(table.on(day - timedelta(days=1))):
            changes.append(day)
    return tuple(changes)


def region_history(code: str) -> tuple[Region, ...]:
    """Every interval of the unit ``code``, oldest first."""
    history = tuple(r for r in _table().regions if r.code == code)
    if not history:
        raise NotFound("code", f"no region with code {code!r}")
    return history


def region_codes() -> tuple[str, ...]:
    """Every unit code in the data, sorted (including units no longer in force)."""
    return tuple(sorted({r.code for r in _table().regions}))


def region_sources() -> tuple[Source, ...]:
    """The documents the data file cites, in file order."""
    return _table().sources


def iter_eras() -> Iterator[tuple[date, date | None, tuple[Region, ...]]]:
    """``(from, until, units)`` for each stretch between consecutive ``region_changes()``."""
    changes = region_changes()
    for index, start in enumerate(changes):
        end = changes[index + 1] if index + 1 < len(changes) else None
        yield start, end, regions_at(start)
