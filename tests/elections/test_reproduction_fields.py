"""The reproduction of a presidential election and a referendum carries its figures as typed
fields, so every face can word them in its own language (the CEC's published results: Tokayev
70.96% of valid votes in 2019, 70.52% of participants; the 2022 referendum's turnout 68.05% and
77.18% yes)."""

from __future__ import annotations

import pytest

from kazpolity.elections.official import official_election
from kazpolity.elections.reproduce import reproduce


def test_a_presidential_reproduction_names_its_winner_share_and_base() -> None:
    check = reproduce(official_election("president-2019"))
    assert check.winner == check.official
    assert check.winner_percent == pytest.approx(70.52, abs=0.005)
    assert check.share_base == "participants"
    assert check.computed == f"{check.winner} (70.52% of participants)"


def test_a_referendum_reproduction_carries_turnout_and_yes_share() -> None:
    check = reproduce(official_election("referendum-2022"))
    assert check.outcome == "adopted"
    assert check.turnout_percent == pytest.approx(68.05, abs=0.005)
    assert check.yes_percent == pytest.approx(77.18, abs=0.005)
    assert check.winner is None and check.winner_percent is None
