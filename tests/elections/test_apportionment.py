"""Hand-computed allocations for every method, edge cases, ties and explanations.

The running example is the textbook one (Wikipedia, "Largest remainder method" and "Highest
averages method"): 100,000 votes, 10 seats, A 47,000, B 16,000, C 15,800, D 12,000, E 6,100,
F 3,100. Each expected vector is worked out by hand in the comments above it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from kazpolity.elections import (
    METHODS,
    Allocation,
    BallotExtras,
    LotRequired,
    ThresholdRule,
    allocate,
)
from kazpolity.elections.steps import StepKind
from kazpolity.errors import InputError
from kazpolity.presentation.election_json import allocation_json, lot_json
from kazpolity.presentation.election_text import allocation_text

VOTES = {"A": 47_000, "B": 16_000, "C": 15_800, "D": 12_000, "E": 6_100, "F": 3_100}


def seats_of(result: Allocation | LotRequired) -> dict[str, int]:
    assert isinstance(result, Allocation), result
    return result.seats


# Hare: quota 100000/10 = 10000; quotients 4.7 1.6 1.58 1.2 0.61 0.31 → whole 4 1 1 1 0 0 (7);
# 3 seats by remainders .70 (A) .61 (E) .60 (B) > .58 (C) → A5 B2 C1 D1 E1 F0.
# Droop: ⌊100000/11⌋+1 = 9091; quotients 5.17 1.76 1.738 1.32 0.67 0.34 → 5 1 1 1 0 0 (8);
# 2 by remainders .76 (B) .738 (C) > .67 (E) → A5 B2 C2 D1.
# Hagenbach-Bischoff: 100000/11; quotients ×11/100000 as for Droop → A5 B2 C2 D1.
# Imperiali: 100000/12; quotients 5.64 1.92 1.896 1.44 0.732 0.372 → 5 1 1 1 0 0 (8);
# 2 by remainders .92 (B) .896 (C) → A5 B2 C2 D1.
# D'Hondt: averages 47000 23500 16000(B) 15800(C) 15666(A) 12000(D) 11750 9400(A) 8000(B)
# 7900(C) — the 11th, 7833 (A/6), loses → A5 B2 C2 D1.
# Sainte-Laguë (1,3,5,7): 47000 16000 15800 15666(A) 12000 9400(A) 6714(A) 6100(E) 5333(B)
# 5266(C); the 11th, 5222 (A/9), loses → A4 B2 C2 D1 E1.
# Modified Sainte-Laguë (1.4,3,5,7): 33571(A) 15666(A) 11428(B) 11285(C) 9400(A) 8571(D)
# 6714(A) 5333(B) 5266(C) 5222(A); the 11th, 4357 (E/1.4), loses → A5 B2 C2 D1.
# Danish (1,4,7,10): 47000 16000 15800 12000 11750(A) 6714(A) 6100(E) 4700(A) 4000(B) 3950(C);
# the 11th, 3615 (A/13), loses → A4 B2 C2 D1 E1.
# Adams (0,1,2): six first seats, then 47000(A/1) 23500(A/2) 16000(B/1) 15800(C/1)
# → A3 B2 C2 D1 E1 F1.
# Huntington-Hill (0,√2,√6,√12): six first seats, then 33234(A/√2) 19188(A/√6)
# 13568(A/√12) 11314(B/√2) > 11172(C/√2) → A4 B2 C1 D1 E1 F1.
# Dean (0,4/3,12/5,24/7): six first seats, then 35250(A) 19583(A) 13708(A) 12000(B/(4/3))
# > 11850(C) → A4 B2 C1 D1 E1 F1.
EXPECTED = {
    "hare": (5, 2, 1, 1, 1, 0),
    "droop": (5, 2, 2, 1, 0, 0),
    "hagenbach-bischoff": (5, 2, 2, 1, 0, 0),
    "imperiali": (5, 2, 2, 1, 0, 0),
    "dhondt": (5, 2, 2, 1, 0, 0),
    "sainte-lague": (4, 2, 2, 1, 1, 0),
    "modified-sainte-lague": (5, 2, 2, 1, 0, 0),
    "danish": (4, 2, 2, 1, 1, 0),
    "adams": (3, 2, 2, 1, 1, 1),
    "huntington-hill": (4, 2, 1, 1, 1, 1),
    "dean": (4, 2, 1, 1, 1, 1),
}


def test_every_method_has_a_hand_computed_vector() -> None:
    assert set(EXPECTED) == set(METHODS)


@pytest.mark.parametrize("method", sorted(EXPECTED))
def test_textbook_example(method: str) -> None:
    result = allocate(VOTES, 10, method)
    assert tuple(seats_of(result).values()) == EXPECTED[method]


def test_hare_explanation_carries_quota_quotients_and_remainders() -> None:
    result = allocate(VOTES, 10, "hare", article="Art. 97-1")
    assert isinstance(result, Allocation)
    assert result.quota == 10_000
    assert result.article == "Art. 97-1"
    a = result.party("A")
    assert (a.quotient, a.integer_part, a.remainder) == (Fraction(47, 10), 4, Fraction(7, 10))
    assert a.remainder_seat and a.seats == 5
    assert not result.party("C").remainder_seat
    data = allocation_json(result)
    assert data["status"] == "ok" and data["seats"] == dict(
        zip(VOTES, EXPECTED["hare"], strict=True)
    )
    assert data["quota"] == "10000" and data["article"] == "Art. 97-1"
    last = result.steps[-1]
    assert last.kind is StepKind.REMAINDER_SEATS and last.parties["winners"] == ("A", "E", "B")
    quota = result.steps[0]
    assert quota.kind is StepKind.QUOTA and quota.term == "hare"
    assert (quota.number("total"), quota.number("seats"), quota.number("quota")) == (
        100_000, 10, 10_000)
    assert "Remainder seats to: A, E, B" in data["steps"]  # type: ignore[operator]
    assert "Quota (Hare): 10000" in allocation_text(result)


def test_alabama_paradox_under_hare() -> None:
    # A 6, B 6, C 2 (14 votes). 10 seats: quotas 4.29 4.29 1.43 → 4 4 1, the last seat to C's
    # remainder .43 → C has 2. 11 seats: quotas 4.71 4.71 1.57 → 4 4 1, two seats to A and B
    # (.71 > .57) → C has 1. A larger house costs C a seat: the Alabama paradox (1880 census).
    votes = {"A": 6, "B": 6, "C": 2}
    assert seats_of(allocate(votes, 10, "hare")) == {"A": 4, "B": 4, "C": 2}
    assert seats_of(allocate(votes, 11, "hare")) == {"A": 5, "B": 5, "C": 1}


def test_imperiali_overflow_is_recomputed_with_droop() -> None:
    # Imperiali quota 100/4 = 25: quotients 2.4 and 1.6 hand out 3 whole seats for 2.
    # Droop: ⌊100/3⌋ + 1 = 34: 60/34 = 1.76, 40/34 = 1.18 → 1 + 1 = 2 seats, none left.
    result = allocate({"A": 60, "B": 40}, 2, "imperiali")
    assert isinstance(result, Allocation)
    assert result.seats == {"A": 1, "B": 1}
    assert result.quota_name == "Droop" and result.quota == 34
    assert [s.kind for s in result.steps[:3]] == [
        StepKind.QUOTA, StepKind.QUOTA_OVERFLOW, StepKind.QUOTA_RECOMPUTED]
    assert result.steps[1].number("whole") == 3 and result.steps[2].number("quota") == 34


def test_hagenbach_bischoff_overflow_when_all_quotients_are_whole() -> None:
    # HB quota 60/6 = 10: quotients exactly 3, 2, 1 → 6 seats for 5. Droop ⌊60/6⌋+1 = 11:
    # 2.727 1.818 0.909 → 2 1 0, remainders .727 .818 .909 → the 2 left go to C and B.
    assert seats_of(allocate({"A": 30, "B": 20, "C": 10}, 5, "hagenbach-bischoff")) == {
        "A": 2,
        "B": 2,
        "C": 1,
    }


@pytest.mark.parametrize("method", ["adams", "huntington-hill", "dean"])
def test_zero_first_divisor_gives_every_list_with_votes_a_seat(method: str) -> None:
    result = allocate({"A": 1_000_000, "B": 1, "C": 0}, 3, method)
    assert seats_of(result) == {"A": 2, "B": 1, "C": 0}


@pytest.mark.parametrize("method", ["adams", "huntington-hill", "dean"])
def test_zero_first_divisor_with_fewer_seats_than_lists_goes_by_votes(method: str) -> None:
    assert seats_of(allocate({"A": 50, "B": 30, "C": 20}, 2, method)) == {"A": 1, "B": 1, "C": 0}
    tie = allocate({"A": 50, "B": 30, "C": 30}, 2, method)
    assert isinstance(tie, LotRequired)
    assert tie.options == ("B", "C") and tie.seats_to_draw == 1
    assert tie.settled == {"A": 1, "B": 0, "C": 0}


@pytest.mark.parametrize("method", METHODS)
def test_zero_vote_lists_never_get_seats(method: str) -> None:
    result = allocate({"A": 10, "Z": 0, "B": 7}, 5, method)
    assert seats_of(result)["Z"] == 0


def test_droop_undefined_on_tiny_totals_is_an_input_error() -> None:
    # Droop quota ⌊3/11⌋+1 = 1: quotients 2 and 1 give 3 seats; 7 remain for 2 lists.
    with pytest.raises(InputError, match="remainder"):
        allocate({"A": 2, "B": 1}, 10, "droop")


def test_tie_for_last_seat_requires_a_lot_not_the_first_listed() -> None:
    # Hare, 1 seat: quotients 0.4 0.4 0.2 — A and B tie for the only seat.
    result = allocate({"A": 10, "B": 10, "C": 5}, 1, "hare")
    assert isinstance(result, LotRequired)
    assert (result.options, result.seats_to_draw) == (("A", "B"), 1)
    data = lot_json(result)
    assert data["status"] == "lot_required" and data["options"] == ["A", "B"]
    assert result.reason.kind is StepKind.EQUAL_REMAINDERS
    assert result.reason.parties["tied"] == ("A", "B") and result.reason.number("seats") == 1
    # Order of the input never decides: reversed input, same tie.
    reverse = allocate({"C": 5, "B": 10, "A": 10}, 1, "hare")
    assert isinstance(reverse, LotRequired) and set(reverse.options) == {"A", "B"}
    # The drawn lot completes the result.
    assert seats_of(allocate({"A": 10, "B": 10, "C": 5}, 1, "hare", lot=["B"])) == {
        "A": 0,
        "B": 1,
        "C": 0,
    }
    # An ordered preference longer than the seats drawn is fine too.
    assert seats_of(allocate({"A": 10, "B": 10, "C": 5}, 1, "hare", lot=["A", "B"]))["A"] == 1


def test_tie_order_named_by_law_decides() -> None:
    result = allocate({"A": 10, "B": 10, "C": 5}, 1, "hare", tie_order=["C", "B", "A"])
    assert isinstance(result, Allocation)
    assert result.seats == {"A": 0, "B": 1, "C": 0}
    assert result.tie_break is not None and result.tie_break.kind is StepKind.TIE_BY_ORDER
    assert result.tie_break.parties["winners"] == ("B",)
    assert "legal order" in allocation_json(result)["tie_break"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"lot": ["C"]}, "lot"),  # C is not in the tie
        ({"lot": []}, "lot"),  # draws nobody
        ({"lot": ["A", "A"]}, "lot"),
        ({"tie_order": ["A"]}, "tie_order"),  # does not rank B
        ({"lot": ["A"], "tie_order": ["A", "B"]}, "lot"),  # both
    ],
)
def test_bad_lots(kwargs: dict[str, list[str]], field: str) -> None:
    with pytest.raises(InputError) as caught:
        allocate({"A": 10, "B": 10, "C": 5}, 1, "hare", **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_dhondt_tie_at_the_last_seat() -> None:
    # Averages: A 10, B 10 (seats 1-2), then A/2 = B/2 = C/1 = 5 for the third seat.
    result = allocate({"A": 10, "B": 10, "C": 5}, 3, "dhondt")
    assert isinstance(result, LotRequired)
    assert result.options == ("A", "B", "C") and result.seats_to_draw == 1
    assert result.settled == {"A": 1, "B": 1, "C": 0}
    done = allocate({"A": 10, "B": 10, "C": 5}, 3, "dhondt", lot=["C"])
    assert seats_of(done) == {"A": 1, "B": 1, "C": 1}


def test_ties_that_decide_nothing_need_no_lot() -> None:
    # Hare, 2 seats: A and B tie at 0.4 + … for two remainder seats: both get one.
    assert seats_of(allocate({"A": 10, "B": 10, "C": 5}, 2, "hare")) == {"A": 1, "B": 1, "C": 0}


def test_threshold_excludes_and_quota_uses_admitted_votes() -> None:
    result = allocate(VOTES, 10, "hare", threshold=ThresholdRule(Fraction(7)))
    assert isinstance(result, Allocation)
    # Admitted: A B C D = 90,800 votes → quota 9,080.
    assert result.quota == 9_080
    assert result.seats == {"A": 5, "B": 2, "C": 2, "D": 1, "E": 0, "F": 0}
    e = result.party("E")
    assert not e.admitted and e.quotient is None
    assert e.threshold is not None and not e.threshold.passed


def test_admit_also_overrides_the_threshold() -> None:
    rule = ThresholdRule(Fraction(7))
    result = allocate({"A": 90, "B": 6, "C": 4}, 10, "hare", threshold=rule, admit_also=["B"])
    assert seats_of(result) == {"A": 9, "B": 1, "C": 0}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: allocate({"A": -1}, 1, "hare"), "votes[A]"),
        (lambda: allocate({"A": 1.5}, 1, "hare"), "votes[A]"),  # type: ignore[dict-item]
        (lambda: allocate({"A": True}, 1, "hare"), "votes[A]"),
        (lambda: allocate([("A", 1), ("A", 2)], 1, "hare"), "party"),
        (lambda: allocate({"": 1}, 1, "hare"), "party"),
        (lambda: allocate({}, 1, "hare"), "votes"),
        (lambda: allocate({"A": 1}, 0, "hare"), "seats"),
        (lambda: allocate({"A": 1}, 1, "plurality"), "method"),
        (lambda: allocate({"A": 0, "B": 0}, 1, "dhondt"), "votes"),
        (
            lambda: allocate({"A": 5, "B": 5}, 1, "hare", threshold=ThresholdRule(Fraction(60))),
            "threshold",
        ),
        (lambda: allocate({"A": 5}, 1, "hare", admit_also=["Q"]), "admit_also"),
        (lambda: allocate({"A": 5}, 1, "hare", extras=BallotExtras(invalid=-1)), "invalid"),
    ],
)
def test_bad_input(call: object, field: str) -> None:
    with pytest.raises(InputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field
