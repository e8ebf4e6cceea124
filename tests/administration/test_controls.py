"""Control relations: each passes and fails once; consistent protocols pass; ±1 is caught."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kazpolity.administration.controls import require_acceptable, validate, validate_matrix
from kazpolity.administration.forms import AGAINST_ALL, ProtocolForm, form_for
from kazpolity.administration.protocol import Protocol, parse_protocol
from kazpolity.errors import InputError

FORM = form_for("majilis", date(2023, 3, 19), ["a", "b", "c"], against_all=True)
FORM_NO_AA = form_for("majilis", date(2016, 3, 20), ["a", "b"], against_all=False)

# A hand-made consistent protocol: 1000 on the list, 1005 received, 600 + 20 issued,
# 385 cancelled, 618 found = 600 valid + 18 invalid, valid = 300 + 200 + 80 + 20 against all.
GOOD = {
    "voters_on_list": 1000, "ballots_received": 1005, "ballots_issued_in_room": 600,
    "ballots_issued_outside": 20, "ballots_cancelled": 385, "ballots_found": 618,
    "ballots_invalid": 18, "ballots_valid": 600, AGAINST_ALL: 20,
}
GOOD_VOTES = {"a": 300, "b": 200, "c": 80}


def protocol(lines: dict[str, int] | None = None, votes: dict[str, int] | None = None) -> (
    Protocol
):
    return parse_protocol(FORM, {"lines": {**GOOD, **(lines or {})},
                                 "votes": {**GOOD_VOTES, **(votes or {})}})


def test_the_form_lists_the_lines_and_marks_them_unverified() -> None:
    assert FORM.line_keys[-1] == AGAINST_ALL
    assert AGAINST_ALL not in FORM_NO_AA.line_keys
    assert all(line.unverified for line in FORM.lines)
    assert {r.name for r in FORM.relations} == {
        "ballots_received_balance", "ballots_found_split", "valid_ballots_split",
        "issued_within_list", "found_within_issued", "turnout_ceiling",
    }


def test_the_hand_made_protocol_passes_every_relation() -> None:
    result = validate(FORM, protocol())
    assert result.rejections == () and result.flags == ()


# One failing example per relation, with the numbers a reader can check by hand.
# Issuing more ballots than voters on the list is also a turnout above 99%: both flag.
FAILURES: dict[str, tuple[dict[str, int], dict[str, int], str, set[str]]] = {
    "ballots_received_balance": ({"ballots_received": 1006}, {}, "1006 ≠ 1005",
                                 {"ballots_received_balance"}),
    "ballots_found_split": ({"ballots_found": 617}, {}, "617 ≠ 618",
                            {"ballots_found_split"}),
    "valid_ballots_split": ({}, {"a": 301}, "600 ≠ 601", {"valid_ballots_split"}),
    "issued_within_list": (
        {"voters_on_list": 610, "ballots_received": 620, "ballots_cancelled": 0},
        {}, "620 > 610", {"issued_within_list", "turnout_ceiling"},
    ),
    "found_within_issued": (
        {"ballots_found": 621, "ballots_invalid": 21}, {}, "621 > 620",
        {"found_within_issued"},
    ),
    "turnout_ceiling": (
        {"voters_on_list": 625, "ballots_received": 625, "ballots_cancelled": 5}, {},
        "100×620 > 99×625", {"turnout_ceiling"},
    ),
}


@pytest.mark.parametrize("relation", sorted(FAILURES))
def test_each_relation_fails_once_and_names_the_numbers(relation: str) -> None:
    lines, votes, shown, expected = FAILURES[relation]
    result = validate(FORM, protocol(lines, votes))
    failed = {c.relation.name: c for c in (*result.rejections, *result.flags)}
    assert set(failed) == expected
    check = failed[relation]
    assert (check in result.rejections) == (check.relation.kind == "hard")
    message = check.message()
    assert relation in message
    assert shown in message


def test_a_hard_failure_raises_input_error_naming_the_relation() -> None:
    with pytest.raises(InputError) as err:
        require_acceptable(FORM, protocol({"ballots_found": 617}), {})
    assert err.value.field == "protocol.ballots_found_split"
    assert "ballots_found=617" in err.value.message


def test_a_soft_flag_needs_a_written_reason() -> None:
    flagged = protocol({"voters_on_list": 625, "ballots_received": 625,
                        "ballots_cancelled": 5})
    with pytest.raises(InputError) as err:
        require_acceptable(FORM, flagged, {})
    assert err.value.field == "flag_reasons.turnout_ceiling"
    with pytest.raises(InputError):
        require_acceptable(FORM, flagged, {"turnout_ceiling": "   "})
    result = require_acceptable(FORM, flagged, {"turnout_ceiling": "closed military unit"})
    assert result.flag_names() == ("turnout_ceiling",)


@pytest.mark.parametrize("bad", [-1, 1.5, "7", True, None])
def test_counts_must_be_whole_non_negative_numbers(bad: object) -> None:
    with pytest.raises(InputError) as err:
        parse_protocol(FORM, {"lines": {**GOOD, "ballots_found": bad}, "votes": GOOD_VOTES})
    assert err.value.field == "lines.ballots_found"


def test_unknown_and_missing_fields_are_refused() -> None:
    with pytest.raises(InputError, match="unknown options"):
        parse_protocol(FORM, {"lines": GOOD, "votes": {**GOOD_VOTES, "zz": 1}})
    with pytest.raises(InputError) as err:
        parse_protocol(FORM, {"lines": {k: v for k, v in GOOD.items() if k != "ballots_valid"},
                              "votes": GOOD_VOTES})
    assert err.value.field == "lines.ballots_valid"


@st.composite
def consistent_protocols(draw: st.DrawFn, form: ProtocolForm = FORM) -> Protocol:
    """A protocol satisfying every relation with slack in the soft ones."""
    votes = [draw(st.integers(0, 3000)) for _ in form.options]
    against = draw(st.integers(0, 300)) if form.against_all else 0
    invalid = draw(st.integers(0, 300))
    valid = sum(votes) + against
    found = valid + invalid
    outside = draw(st.integers(0, found))
    issued = found  # found ≤ issued holds with equality
    voters = draw(st.integers(issued * 100 // 99 + 2, issued * 3 + 50))
    cancelled = draw(st.integers(0, 500))
    lines = {
        "voters_on_list": voters, "ballots_received": issued + cancelled,
        "ballots_issued_in_room": issued - outside, "ballots_issued_outside": outside,
        "ballots_cancelled": cancelled, "ballots_found": found, "ballots_invalid": invalid,
        "ballots_valid": valid, AGAINST_ALL: against,
    }
    values = [lines[k] for k in form.line_keys] + votes
    return Protocol(tuple(values))


@settings(max_examples=60, deadline=None)
@given(consistent_protocols())
def test_consistent_protocols_are_accepted(p: Protocol) -> None:
    result = validate(FORM, p)
    assert result.accepted and result.flags == ()


# What a ±1 change to each field does (docs/audit-chain.md, "Control relations"): every
# field but the register sits in a hard equality, so it is rejected; the register appears
# only in soft checks, so a ±1 change is caught only where it crosses a bound.
HARD_ONLY = {f for f in FORM.fields if f != "voters_on_list"}


@settings(max_examples=60, deadline=None)
@given(consistent_protocols(), st.sampled_from(FORM.fields), st.sampled_from([-1, 1]))
def test_any_single_field_change_is_rejected_or_flagged_as_documented(
    p: Protocol, field: str, delta: int
) -> None:
    values = list(p.values)
    i = FORM.index[field]
    if values[i] + delta < 0:
        data = p.to_json(FORM)
        if field in FORM.line_keys:
            data["lines"][field] = -1
        else:
            data["votes"][field.removeprefix("votes.")] = -1
        with pytest.raises(InputError, match="negative"):
            parse_protocol(FORM, data)
        return
    values[i] += delta
    result = validate(FORM, Protocol(tuple(values)))
    if field in HARD_ONLY:
        assert not result.accepted
    else:
        # Slack was left in every soft bound, so a register change of 1 stays inside it.
        assert result.accepted and result.flags == ()


@settings(max_examples=25, deadline=None)
@given(st.lists(consistent_protocols(), min_size=1, max_size=12),
       st.lists(st.tuples(st.integers(0, 11), st.integers(0, len(FORM.fields) - 1),
                          st.sampled_from([-1, 1])), max_size=6))
def test_the_batch_validator_agrees_with_the_exact_one(
    protocols: list[Protocol], changes: list[tuple[int, int, int]]
) -> None:
    rows = [list(p.values) for p in protocols]
    for row, col, delta in changes:
        if row < len(rows):
            rows[row][col] = max(0, rows[row][col] + delta)
    matrix = np.array(rows, dtype=np.int64)
    batch = validate_matrix(FORM, matrix)
    for i, row_values in enumerate(rows):
        exact = validate(FORM, Protocol(tuple(row_values)))
        assert bool(batch.rejected_rows()[i]) == (not exact.accepted)
        assert bool(batch.flagged_rows()[i]) == bool(exact.flags)
