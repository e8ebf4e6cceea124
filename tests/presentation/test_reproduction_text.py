"""A reproduction's record is typed (what it checked, why); its English is one renderer.

The expected sentences are the ones ``kazpolity elections reproduce --json`` printed before the
record lost its English strings (recorded at d434098), so the renderer keeps the output.
"""

from __future__ import annotations

import pytest

from kazpolity.elections.official import official_election
from kazpolity.elections.reproduce import Checked, NoteKind, ReproductionNote, reproduce
from kazpolity.presentation.election_json import reproduction_json


@pytest.mark.parametrize(("election_id", "what", "detail"), [
    ("president-1991", "winner",
     "1991-12-01 precedes the rulebook; judged by the 1995 majority rule"),
    ("supreme-council-1994", "seats", "before the 1995 Constitution"),
    ("majilis-1995", "seats", "no votes published (single-member districts)"),
    ("majilis-1999", "10 list seats", "Hare quota, threshold 7%"),
    ("senate-2002", "seats contested", "seats contested not published"),
    ("president-2015", "winner", "a candidate's votes are unpublished: base is a lower bound"),
    ("senate-2023", "seats contested", "contested 20 of 40 elected seats (a full or a half "
     "renewal); 2,904/3,167 electors voted: meeting valid"),
    ("referendum-1995-04", "outcome",
     "Yes 7,932,834/8,309,637 = 95.47% of participants (more than 50%)"),
])
def test_the_english_is_rendered_from_the_typed_record(election_id: str, what: str,
                                                        detail: str) -> None:
    data = reproduction_json(reproduce(official_election(election_id)))
    assert (data["what"], data["detail"]) == (what, detail)


def test_the_record_carries_the_numbers_not_the_sentence() -> None:
    senate = reproduce(official_election("senate-2023"))
    assert senate.checked is Checked.SEATS_CONTESTED
    assert senate.notes == (
        ReproductionNote(NoteKind.CONTESTED_OF_ELECTED, (20, 40)),
        ReproductionNote(NoteKind.ELECTOR_QUORUM, (2904, 3167), met=True))
    majilis = reproduce(official_election("majilis-1999"))
    assert (majilis.checked, majilis.seats) == (Checked.LIST_SEATS, 10)
    assert majilis.notes[0].kind is NoteKind.HARE_THRESHOLD and majilis.notes[0].percent == 7
