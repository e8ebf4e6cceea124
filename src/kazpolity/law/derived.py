"""Rules computed from other data instead of typed in.

- ``regions.count``: the units of the first level (oblasts, cities of republican
  significance, the capital) on each day, counted from ``kazpolity.geo``.
- ``senate.seats_elected``: two senators per unit (Const. 1995 Art. 50(2)), so the Senate's
  elected seats follow the map, but only from the day the chamber is next composed on the new
  map (``senate.composed_on``, Election Law Art. 69(1)), never on the merger day: 40 (1995),
  32 (election of 1999-09-17, after the 1997 mergers and the capital's move), 34 (Shymkent's
  senators, 2018-10-05), 40 (Abai, Jetisu, Ulytau, election of 2023-01-14).
- ``senate.seats_total``: elected plus appointed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kazpolity.geo import region_changes, region_count_at, regions_at
from kazpolity.law.model import Body, Parameter, Rule, Source

_GEO_SOURCE_URL = "https://adilet.zan.kz/eng/docs/U930001000_"


def _breakpoints(start: date, end: date, days: Iterable[date]) -> list[date]:
    inside = sorted({d for d in days if start < d <= end})
    return [start, *inside]


def _regions_source(on: date) -> Source:
    units = regions_at(on)
    newest = max(units, key=lambda unit: unit.valid_from)
    return Source(
        act="Administrative-territorial structure (kazpolity.geo regions.yaml)",
        article=f"{len(units)} units in force; latest change {newest.valid_from.isoformat()} "
        f"({newest.name_en}): {newest.source}",
        act_date=newest.valid_from,
        url=_first_url(newest.source),
    )


def _first_url(text: str) -> str:
    """The first URL of a geo source string (URLs joined by " ; "), or the decree index."""
    for part in text.split(";"):
        if part.strip().startswith("http"):
            return part.strip()
    return _GEO_SOURCE_URL


def _spans(starts: list[date]) -> list[tuple[date, date | None]]:
    """Consecutive half-open spans starting at each of ``starts``; the last is open."""
    return [(start, starts[i + 1] if i + 1 < len(starts) else None)
            for i, start in enumerate(starts)]


def regions_body(start: date, end: date) -> Body:
    """``regions.count`` for every day of the model."""
    spans = _spans(_breakpoints(start, end, region_changes()))
    timeline = _merge([
        Rule(
            key="regions.count",
            value=region_count_at(since),
            valid_from=since,
            valid_until=until,
            source=_regions_source(since),
            unverified=any(unit.unverified for unit in regions_at(since)),
            note="derived from kazpolity.geo; see each unit's source there",
        )
        for since, until in spans
    ])
    existence = Rule("regions.exists", True, start, None, timeline[0].source)
    body = Body("regions", "First-level administrative units", (existence,))
    body.parameters["count"] = Parameter(
        key="regions.count",
        description="Oblasts, cities of republican significance and the capital",
        unit="units",
        kind="int",
        timeline=timeline,
        derived=True,
    )
    return body


def _map_day(composed: Parameter | None, on: date) -> date:
    """The day the Senate sitting on ``on`` was composed: its map of units and its number of
    appointees are those in force that day (a new count waits for the next composition)."""
    rule = composed.at(on) if composed is not None else None
    return rule.value if rule is not None and isinstance(rule.value, date) else on


def _map_unverified(composed: Parameter | None, on: date, count: Rule) -> bool:
    """A composition whose own source states the seated count vouches for it; otherwise the
    count is as certain as the map (``regions.count``) it is taken from."""
    rule = composed.at(on) if composed is not None else None
    return rule.unverified if rule is not None else count.unverified


def _senate_parameters(senate: Body, regions: Parameter) -> dict[str, Parameter]:
    per_unit = senate.parameters["seats_elected_per_unit"]
    appointed = senate.parameters["seats_appointed"]
    composed = senate.parameters.get("composed_on")
    last_day = senate.existence[-1].valid_until
    start = senate.existence[0].valid_from
    days: set[date] = set()
    for parameter in (per_unit, *((composed,) if composed else (appointed, regions))):
        for rule in parameter.timeline:
            days.add(rule.valid_from)
    end = (last_day - timedelta(days=1)) if last_day else max(days)
    starts = _breakpoints(start, end, days)
    elected: list[Rule] = []
    total: list[Rule] = []
    for index, since in enumerate(starts):
        until = starts[index + 1] if index + 1 < len(starts) else last_day
        per = per_unit.at(since)
        count = regions.at(_map_day(composed, since))
        named = appointed.at(_map_day(composed, since))
        if per is None or count is None or named is None:
            continue
        assert isinstance(per.value, int) and isinstance(count.value, int)
        assert isinstance(named.value, int)
        seats = per.value * count.value
        source = Source(
            act=per.source.act,
            article=f"{per.source.article}: {per.value} per unit × {count.value} units",
            act_date=per.source.act_date,
            url=per.source.url,
        )
        map_unverified = _map_unverified(composed, since, count)
        elected.append(Rule("senate.seats_elected", seats, since, until, source,
                            per.unverified or map_unverified,
                            "derived: seats per unit × regions.count of the map the chamber "
                            "was last composed on (senate.composed_on)"))
        total.append(Rule("senate.seats_total", seats + named.value, since, until, source,
                          per.unverified or map_unverified or named.unverified,
                          f"derived: {seats} elected + {named.value} appointed "
                          f"({named.source.article})"))
    return {
        "seats_elected": Parameter("senate.seats_elected", "Senators elected by maslikhat "
                                   "deputies, two per unit", "seats", "int",
                                   _merge(elected), derived=True),
        "seats_total": Parameter("senate.seats_total", "All senators, elected and appointed",
                                 "seats", "int", _merge(total), derived=True),
    }


def _merge(rules: list[Rule]) -> tuple[Rule, ...]:
    """Join consecutive rules with the same value into one interval."""
    merged: list[Rule] = []
    for rule in rules:
        if merged and merged[-1].value == rule.value and merged[-1].valid_until == rule.valid_from:
            last = merged[-1]
            merged[-1] = Rule(last.key, last.value, last.valid_from, rule.valid_until,
                              last.source, last.unverified or rule.unverified, last.note)
        else:
            merged.append(rule)
    return tuple(merged)


def derived_bodies(bodies: dict[str, Body], start: date, end: date) -> list[Body]:
    """Bodies (or extra parameters of existing bodies) computed from other data."""
    regions = regions_body(start, end)
    result = [regions]
    senate = bodies.get("senate")
    if senate is not None:
        extra = Body(senate.name, senate.title, senate.existence)
        extra.parameters.update(_senate_parameters(senate, regions.parameters["count"]))
        result.append(extra)
    return result
