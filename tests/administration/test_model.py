"""The commission hierarchy by date, membership rules, the synthetic election, tabulation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kazpolity.administration.election import ElectionDefinition
from kazpolity.administration.forms import form_for
from kazpolity.administration.hierarchy import (
    PRECINCT,
    Commission,
    Hierarchy,
    Member,
    check_composition,
    composition_on,
    levels_on,
)
from kazpolity.administration.protocol import Protocol
from kazpolity.administration.synthetic import synthetic_definition, synthetic_protocols
from kazpolity.administration.tabulation import tabulate, tabulate_matrix
from kazpolity.errors import InputError

from .conftest import ELECTION_DATE


def test_district_commissions_exist_until_2018_06_29_and_not_after() -> None:
    # kz-rules.md §10: four levels until Constitutional Act No. 162-VI of 29 Jun 2018.
    assert levels_on(date(2016, 3, 20)) == ("central", "territorial", "district", "precinct")
    assert levels_on(date(2018, 6, 28)) == ("central", "territorial", "district", "precinct")
    assert levels_on(date(2018, 6, 29)) == ("central", "territorial", "precinct")
    assert levels_on(ELECTION_DATE) == ("central", "territorial", "precinct")


def test_commissions_have_seven_members_for_five_years() -> None:
    """EL Arts. 11(2), 13(2), 17(1) in the 2020 edition: the CEC and territorial commissions
    seven; a precinct five to eleven (Law No. 162-VI of 2018); all for five years."""
    rules = composition_on(ELECTION_DATE)
    sizes = {level: (r.fewest, r.most) for level, r in rules.members_by_level.items()}
    assert (sizes["central"], sizes["territorial"], sizes["precinct"]) == ((7, 7), (7, 7), (5, 11))
    assert rules.term_years == 5
    before = composition_on(date(1999, 1, 10))
    assert (before.members("precinct").fewest, before.members("precinct").most) == (9, 15)
    assert before.members("central").most is None


def test_membership_rules_are_enforced(small_definition: ElectionDefinition) -> None:
    rules = composition_on(ELECTION_DATE)
    h = small_definition.hierarchy
    for cid in h.order:
        check_composition(h.commissions[cid], rules, ELECTION_DATE)
    precinct = h.commissions[h.at_level(PRECINCT)[0]]
    members = list(precinct.members)
    twice = replace(members[1], nominated_by=members[0].nominated_by)
    with pytest.raises(InputError, match="at most one nominee per party"):
        check_composition(replace(precinct, members=(members[0], twice, *members[2:])),
                          rules, ELECTION_DATE)
    with pytest.raises(InputError, match="has 4 members; the law sets 5 to 11"):
        check_composition(replace(precinct, members=tuple(members[:4])), rules, ELECTION_DATE)
    short: Member = replace(members[0], term_until=date(2030, 1, 1))
    with pytest.raises(InputError, match="is not 5 years"):
        check_composition(replace(precinct, members=(short, *members[1:])), rules,
                          ELECTION_DATE)


def test_the_synthetic_2023_election_matches_the_published_totals() -> None:
    definition = synthetic_definition(ELECTION_DATE)
    h = definition.hierarchy
    # kz-rules.md §10: 10,223 polling stations; kz-elections.json: 12,035,578 registered.
    assert len(h.at_level(PRECINCT)) == 10_223
    assert h.registered_voters(h.root_id) == 12_035_578
    assert len(h.at_level("territorial")) == 20
    from kazpolity.geo import regions_at

    assert {h.commissions[t].region_code for t in h.at_level("territorial")} == {
        r.code for r in regions_at(ELECTION_DATE)
    }
    protocols = synthetic_protocols(definition)
    totals = np.array([p.values for p in protocols.values()]).sum(axis=0)
    named = dict(zip(definition.form.fields, totals.tolist(), strict=True))
    # Official CEC totals (kz-elections.json, maj-2023).
    assert named["ballots_found"] == 6_521_860
    assert named["votes.amanat"] == 3_431_510
    assert named["votes.baytaq"] == 146_431
    assert named["against_all"] == 248_291
    assert named["ballots_valid"] == 6_366_441


def test_a_hierarchy_must_respect_the_levels() -> None:
    levels = ("central", "territorial", "precinct")
    central = Commission("C", "central", None, "central")
    with pytest.raises(InputError, match="cannot sit under"):
        Hierarchy.build(levels, [central, Commission("P", PRECINCT, "C", "p", voters_on_list=5)])
    with pytest.raises(InputError, match="duplicate"):
        Hierarchy.build(levels, [central, central])
    with pytest.raises(InputError, match="needs at least one child"):
        Hierarchy.build(levels, [central])
    with pytest.raises(InputError, match="register"):
        Hierarchy.build(levels, [central, Commission("T", "territorial", "C", "t"),
                                 Commission("P", PRECINCT, "T", "p")])


@st.composite
def trees(draw: st.DrawFn) -> Hierarchy:
    """A random hierarchy with three or four levels."""
    levels = draw(st.sampled_from([
        ("central", "territorial", "precinct"),
        ("central", "territorial", "district", "precinct"),
    ]))
    commissions = [Commission("C", "central", None, "central")]
    frontier = ["C"]
    for depth, level in enumerate(levels[1:], start=1):
        new: list[str] = []
        for parent in frontier:
            for k in range(draw(st.integers(1, 3))):
                cid = f"{parent}.{k}"
                is_precinct = depth == len(levels) - 1
                commissions.append(Commission(
                    cid, level, parent, cid,
                    voters_on_list=draw(st.integers(0, 2000)) if is_precinct else None,
                ))
                new.append(cid)
        frontier = new
    return Hierarchy.build(levels, commissions)


FORM = form_for("majilis", ELECTION_DATE, ["a", "b"], against_all=True)


@settings(max_examples=40, deadline=None)
@given(trees(), st.data())
def test_every_level_is_the_sum_of_its_children(h: Hierarchy, data: st.DataObject) -> None:
    precincts = h.at_level(PRECINCT)
    counted = {
        p: Protocol(tuple(data.draw(st.lists(st.integers(0, 10_000), min_size=len(FORM.fields),
                                             max_size=len(FORM.fields)))))
        for p in precincts if data.draw(st.booleans())
    }
    tallies = tabulate(h, FORM, counted)
    for cid in h.order:
        kids = h.children[cid]
        if not kids:
            assert tallies[cid].reported == int(cid in counted)
            continue
        assert tallies[cid].values == tuple(
            sum(tallies[k].values[i] for k in kids) for i in range(len(FORM.fields)))
        assert tallies[cid].reported == sum(tallies[k].reported for k in kids)
        assert tallies[cid].expected == len(h.precincts_under(cid))
    assert tallies[h.root_id].reported == len(counted)
    # The numpy path gives the same sums at every level.
    index_by_level = {level: {cid: i for i, cid in enumerate(h.at_level(level))}
                      for level in h.levels}
    leaves = np.array([counted[p].values if p in counted else (0,) * len(FORM.fields)
                       for p in precincts], dtype=np.int64).reshape(len(precincts), -1)
    mask = np.array([p in counted for p in precincts])
    parents = []
    sizes = []
    for lower, upper in zip(h.levels[::-1][:-1], h.levels[::-1][1:], strict=True):
        parents.append(np.array([index_by_level[upper][h.commissions[c].parent_id or ""]
                                 for c in h.at_level(lower)], dtype=np.intp))
        sizes.append(len(h.at_level(upper)))
    sums = tabulate_matrix(leaves, mask, parents, sizes)
    for level_sums, level in zip(sums, h.levels[::-1], strict=True):
        for cid, i in index_by_level[level].items():
            assert tuple(int(v) for v in level_sums.values[i]) == tallies[cid].values
            assert int(level_sums.reported[i]) == tallies[cid].reported
