"""A synthetic but realistic national election: real regions, ~10,000 precincts, registers
summing to the published national total, and protocols whose national totals equal the
official ones (``synthetic-elections.yaml`` names the sources and what is unverified).

Everything is deterministic given the seed, so ``kazpolity simulate submit`` can rebuild
the same protocols from the public list of precincts and their registers.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from kazpolity.administration.election import BallotOption, ElectionDefinition
from kazpolity.administration.forms import AGAINST_ALL, ProtocolForm, against_all_on_ballot
from kazpolity.administration.hierarchy import (
    CENTRAL,
    PRECINCT,
    Commission,
    CompositionRules,
    Hierarchy,
    Member,
    composition_on,
    levels_on,
    term_until,
)
from kazpolity.administration.protocol import Protocol
from kazpolity.datafile import read_data
from kazpolity.errors import NotFound

if TYPE_CHECKING:
    from kazpolity.geo import Region

DEFAULT_SEED = 20230319
CITY_MEAN_REGISTER = 1800
OBLAST_MEAN_REGISTER = 1000
ABROAD_SHARE = 0.002


@functools.cache
def _inputs() -> dict[str, Any]:
    data: dict[str, Any] = read_data(Path(__file__).resolve().parent / "synthetic-elections.yaml")
    return data


@dataclass(frozen=True)
class ElectionFacts:
    key: str
    election_type: str
    on: date
    registered_voters: int
    ballots_cast: int
    invalid: int
    against_all: int
    precincts_domestic: int
    precincts_abroad: int
    options: tuple[BallotOption, ...]
    votes: Mapping[str, int]


def election_facts(on: date) -> ElectionFacts:
    """The official totals the generator reproduces, for an election held on ``on``."""
    for key, raw in _inputs()["elections"].items():
        if raw["date"] == on:
            options = tuple(BallotOption(o["id"], o["name"]) for o in raw["options"])
            return ElectionFacts(
                key=key,
                election_type=raw["election_type"],
                on=on,
                registered_voters=int(raw["registered_voters"]),
                ballots_cast=int(raw["ballots_cast"]),
                invalid=int(raw["invalid"]),
                against_all=int(raw["against_all"]),
                precincts_domestic=int(raw["precincts_domestic"]),
                precincts_abroad=int(raw["precincts_abroad"]),
                options=options,
                votes={o["id"]: int(o["votes"]) for o in raw["options"]},
            )
    known = sorted(str(raw["date"]) for raw in _inputs()["elections"].values())
    raise NotFound("date", f"no synthetic election inputs for {on.isoformat()} (known: {known})")


def apportion(total: int, weights: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    share = weights / weights.sum() * total
    base = np.floor(share).astype(np.int64)
    short = int(total - base.sum())
    if short > 0:
        order = np.argsort(-(share - base), kind="stable")
        base[order[:short]] += 1
    result: npt.NDArray[np.int64] = base
    return result


def _members(
    commission_id: str,
    level: str,
    region_name: str | None,
    parties: Sequence[str],
    size: int,
    term_years: int,
    on: date,
) -> tuple[Member, ...]:
    start = date(on.year - 2, on.month, 1)
    until = term_until(start, term_years)
    if level == CENTRAL:
        # 2007 onward: the President appoints the chair and 2 members; each chamber 2
        # (Election Law Art. 11; rulebook key election_administration.cec_appointment).
        bodies = ["President"] * 3 + ["Senate"] * 2 + ["Majilis"] * 2
        bodies = (bodies + ["President"] * size)[:size]
        return tuple(
            Member(f"{commission_id} member {i + 1}", None, body, start, until)
            for i, body in enumerate(bodies)
        )
    electing = f"maslikhat of {region_name}" if region_name else "maslikhat"
    return tuple(
        Member(
            f"{commission_id} member {i + 1}",
            parties[i] if i < len(parties) else None,
            electing,
            start,
            until,
        )
        for i in range(size)
    )


@dataclass(frozen=True)
class _Staffing:
    """Who sits on every commission of the election: the parties and the composition rules."""

    parties: Sequence[str]
    rules: CompositionRules
    on: date

    def members(self, commission_id: str, level: str, region: str | None) -> tuple[Member, ...]:
        return _members(commission_id, level, region, self.parties,
                        self.rules.members(level).usual(), self.rules.term_years, self.on)


@dataclass(frozen=True)
class _Registers:
    """Voters on the list per region and abroad, and the number of precincts per region."""

    by_region: npt.NDArray[np.int64]
    precincts_by_region: npt.NDArray[np.int64]
    abroad: int
    precincts_abroad: int


def _registers(
    facts: ElectionFacts, regions: Sequence[Region], precincts: int | None
) -> _Registers:
    """Registers split over regions by weight, and precincts by the mean register size."""
    weights_table: Mapping[str, int] = _inputs()["region_weights"]
    median = float(np.median(list(weights_table.values())))
    weights = np.array([float(weights_table.get(r.code, median)) for r in regions])
    domestic = facts.precincts_domestic
    abroad = facts.precincts_abroad
    if precincts is not None:
        abroad = min(abroad, max(0, precincts // 100))
        domestic = max(len(regions), precincts - abroad)
    register_abroad = round(facts.registered_voters * ABROAD_SHARE) if abroad else 0
    register_by_region = apportion(facts.registered_voters - register_abroad, weights)
    mean_size = np.array([
        CITY_MEAN_REGISTER if r.kind in ("city", "capital") else OBLAST_MEAN_REGISTER
        for r in regions
    ], dtype=np.float64)
    precinct_weights = register_by_region / mean_size
    count_by_region = np.maximum(apportion(domestic - len(regions), precinct_weights) + 1, 1)
    return _Registers(register_by_region, count_by_region, register_abroad, abroad)


def _district_parents(
    region: Region, tec: str, n: int, staff: _Staffing, commissions: list[Commission]
) -> list[str]:
    """District commissions under the territorial one, each over a run of its precincts."""
    districts = max(1, n // 40)
    for d in range(districts):
        dec = f"DEC-{region.code.removeprefix('KZ-')}-{d + 1:02d}"
        commissions.append(Commission(
            dec, "district", tec, f"{region.name_en} district commission {d + 1}",
            region_code=region.code,
            members=staff.members(dec, "district", region.name_en),
        ))
    return [
        f"DEC-{region.code.removeprefix('KZ-')}-{(i * districts) // n + 1:02d}"
        for i in range(n)
    ]


def _region_commissions(
    region: Region,
    register: int,
    count: int,
    territorial_level: str,
    has_district: bool,
    rng: np.random.Generator,
    staff: _Staffing,
    commissions: list[Commission],
) -> list[str]:
    """The region's territorial, district and precinct commissions; returns precinct parents."""
    tec = f"TEC-{region.code.removeprefix('KZ-')}"
    commissions.append(Commission(
        tec, territorial_level, "CEC", f"{region.name_en} territorial election commission",
        region_code=region.code,
        members=staff.members(tec, territorial_level, region.name_en),
    ))
    sizes = rng.lognormal(mean=0.0, sigma=0.6, size=count)
    registers = apportion(register, sizes)
    parents = [tec] * count
    if has_district:
        parents = _district_parents(region, tec, count, staff, commissions)
    for i in range(count):
        pec = f"PEC-{region.code.removeprefix('KZ-')}-{i + 1:04d}"
        commissions.append(Commission(
            pec, PRECINCT, parents[i], f"Polling station {i + 1}, {region.name_en}",
            region_code=region.code, voters_on_list=int(registers[i]),
            members=staff.members(pec, PRECINCT, region.name_en),
        ))
    return parents


def _abroad_commissions(
    parent: str, register: int, count: int, rng: np.random.Generator, staff: _Staffing
) -> list[Commission]:
    """Polling stations abroad, under a commission of the capital."""
    abroad_registers = apportion(register, rng.lognormal(0.0, 0.8, count))
    return [
        Commission(
            f"PEC-ABR-{j + 1:04d}", PRECINCT, parent, f"Polling station abroad {j + 1}",
            region_code=None, voters_on_list=int(abroad_registers[j]),
            members=staff.members(f"PEC-ABR-{j + 1:04d}", PRECINCT, None),
        )
        for j in range(count)
    ]


def synthetic_definition(
    on: date,
    *,
    election_id: str | None = None,
    mode: str = "test",
    seed: int = DEFAULT_SEED,
    precincts: int | None = None,
) -> ElectionDefinition:
    """Commissions for the election on ``on`` with synthetic registers and members.

    ``precincts`` overrides the official number of polling stations (for small tests).
    """
    from kazpolity.geo import regions_at

    facts = election_facts(on)
    levels = levels_on(on)
    rules = composition_on(on)
    rng = np.random.default_rng(seed)
    regions = sorted(regions_at(on), key=lambda r: r.code)
    registers = _registers(facts, regions, precincts)
    staff = _Staffing([o.id for o in facts.options], rules, on)
    commissions: list[Commission] = [
        Commission("CEC", CENTRAL, None, "Central Election Commission",
                   members=staff.members("CEC", CENTRAL, None))
    ]
    capital = _inputs().get("capital_code")
    has_district = "district" in levels
    for region, register, count in zip(regions, registers.by_region,
                                       registers.precincts_by_region, strict=True):
        tec = f"TEC-{region.code.removeprefix('KZ-')}"
        parents = _region_commissions(region, int(register), int(count), levels[1],
                                      has_district, rng, staff, commissions)
        if region.code == capital and registers.precincts_abroad:
            commissions.extend(_abroad_commissions(
                parents[0] if has_district else tec, registers.abroad,
                registers.precincts_abroad, rng, staff,
            ))
    return ElectionDefinition(
        id=election_id or f"{facts.key}-synthetic",
        election_type=facts.election_type,
        on=on,
        mode=mode,
        options=facts.options,
        against_all=against_all_on_ballot(facts.election_type, on),
        hierarchy=Hierarchy.build(levels, commissions),
    )


def _exact_turnout(
    registers: npt.NDArray[np.int64], total: int, rng: np.random.Generator, ceiling: float
) -> npt.NDArray[np.int64]:
    """Ballots per precinct summing to ``total``, each below ``ceiling`` × register."""
    caps = np.floor(registers * ceiling).astype(np.int64)
    if total > int(caps.sum()):
        raise ValueError("national ballots exceed every precinct's ceiling")
    propensity = np.clip(rng.normal(1.0, 0.18, registers.shape[0]), 0.35, 1.6)
    ballots: npt.NDArray[np.int64] = np.minimum(apportion(total, registers * propensity), caps)
    short = total - int(ballots.sum())
    while short > 0:
        slack = caps - ballots
        open_idx = np.flatnonzero(slack > 0)
        add = apportion(short, slack[open_idx].astype(np.float64))
        ballots[open_idx] += np.minimum(add, slack[open_idx])
        short = total - int(ballots.sum())
    return ballots


def synthetic_protocols(
    definition: ElectionDefinition, *, seed: int = DEFAULT_SEED
) -> dict[str, Protocol]:
    """One consistent protocol per precinct; national totals equal the official ones."""
    facts = election_facts(definition.on)
    form = definition.form
    rng = np.random.default_rng(seed + 1)
    precinct_ids = definition.hierarchy.at_level(PRECINCT)
    registers = np.array(
        [definition.hierarchy.commissions[p].voters_on_list or 0 for p in precinct_ids],
        dtype=np.int64,
    )
    # Scale the official ballots to this register (equal when the register is official).
    ballots_total = round(facts.ballots_cast * int(registers.sum()) / facts.registered_voters)
    ballots = _exact_turnout(registers, ballots_total, rng, ceiling=0.95)
    pool_names = [*definition.registration_order, AGAINST_ALL, "invalid"]
    official = np.array(
        [facts.votes[o] for o in definition.registration_order]
        + [facts.against_all if form.against_all else 0, facts.invalid],
        dtype=np.int64,
    )
    if not form.against_all:
        official[-2] = 0
    pool = apportion(ballots_total, official.astype(np.float64))
    draws = np.zeros((len(precinct_ids), len(pool_names)), dtype=np.int64)
    remaining = pool.copy()
    for i, n in enumerate(ballots):
        if n:
            draw = rng.multivariate_hypergeometric(remaining, int(n), method="marginals")
            draws[i] = draw
            remaining -= draw
    return {
        pid: _protocol_from_draw(form, int(registers[i]), draws[i], rng)
        for i, pid in enumerate(precinct_ids)
    }


def _protocol_from_draw(
    form: ProtocolForm, register: int, draw: npt.NDArray[np.int64], rng: np.random.Generator
) -> Protocol:
    n_options = len(form.options)
    votes = [int(v) for v in draw[:n_options]]
    against = int(draw[n_options])
    invalid = int(draw[n_options + 1])
    found = sum(votes) + against + invalid
    issued = found
    outside = int(rng.binomial(issued, 0.03)) if issued else 0
    received = register + (register // 200)
    lines = {
        "voters_on_list": register,
        "ballots_received": received,
        "ballots_issued_in_room": issued - outside,
        "ballots_issued_outside": outside,
        "ballots_issued_early": 0,
        "ballots_cancelled": received - issued,
        "ballots_lost": 0,
        "ballots_found": found,
        "ballots_invalid": invalid,
        "ballots_valid": sum(votes) + against,
        AGAINST_ALL: against,
    }
    values = [lines[key] for key in form.line_keys] + votes
    return Protocol(tuple(values))


def synthetic_matrix(
    form: ProtocolForm, precincts: int, *, seed: int = DEFAULT_SEED
) -> npt.NDArray[np.int64]:
    """Consistent protocols for ``precincts`` precincts as one matrix (form field order),
    drawn multinomially (no exact national totals): for benchmarks at any scale."""
    rng = np.random.default_rng(seed)
    n_options = len(form.options)
    registers = np.maximum(rng.lognormal(np.log(1100.0), 0.6, precincts).astype(np.int64), 20)
    turnout = np.clip(rng.normal(0.54, 0.1, precincts), 0.05, 0.95)
    found = np.floor(registers * turnout).astype(np.int64)
    shares = np.linspace(2.0, 0.5, n_options + 2)
    shares = shares / shares.sum()
    parts = rng.multinomial(found, shares)
    votes = parts[:, :n_options]
    against = parts[:, n_options] if form.against_all else np.zeros(precincts, dtype=np.int64)
    invalid = parts[:, n_options + 1] + (0 if form.against_all else parts[:, n_options])
    outside = rng.binomial(found, 0.03)
    received = registers + registers // 200
    columns = {
        "voters_on_list": registers,
        "ballots_received": received,
        "ballots_issued_in_room": found - outside,
        "ballots_issued_outside": outside,
        "ballots_issued_early": np.zeros(precincts, dtype=np.int64),
        "ballots_cancelled": received - found,
        "ballots_lost": np.zeros(precincts, dtype=np.int64),
        "ballots_found": found,
        "ballots_invalid": invalid,
        "ballots_valid": votes.sum(axis=1) + against,
        AGAINST_ALL: against,
    }
    matrix = np.empty((precincts, len(form.fields)), dtype=np.int64)
    for j, key in enumerate(form.line_keys):
        matrix[:, j] = columns[key]
    matrix[:, len(form.line_keys):] = votes
    result: npt.NDArray[np.int64] = matrix
    return result
