"""Every official election page (president-*, referendum-*, majilis-*, senate-*, the 1994
Supreme Council) in Kazakh and Russian: results, reproduction and re-run labels carry no
English line, names come from the catalogue (those it marks ``english_only`` stay English)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kazpolity.elections.official import official_elections
from kazpolity.names import catalogue
from tests.text_language import latin_lines, page_text, without

IDS = [election.election_id for election in official_elections()]


def english_only_names() -> list[str]:
    book = catalogue()
    return [entry.names["en"] for kind in ("parties", "candidates")
            for entry in book.sections[kind].values() if entry.english_only]


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("election_id", IDS)
def test_the_official_page_has_no_english_line(client: TestClient, election_id: str,
                                               lang: str) -> None:
    response = client.get(f"/elections/{election_id}", params={"lang": lang})
    assert response.status_code == 200
    text = without(page_text(response.text), english_only_names())
    assert latin_lines(text) == []


@pytest.mark.parametrize(("lang", "label"), [("kk", "Белгіленбеген үлгідегі бюллетеньдер"),
                                             ("ru", "Бюллетени неустановленного образца")])
def test_ballots_of_a_non_standard_form_are_named_in_the_language(
        client: TestClient, lang: str, label: str) -> None:
    page = client.get("/elections/referendum-2026", params={"lang": lang}).text
    assert label in page and "Ballots of a non-standard form</td>" not in page


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_senate_seats_note_and_a_presidential_rerun_are_in_the_language(
        client: TestClient, lang: str) -> None:
    senate = page_text(client.get("/elections/senate-2023", params={"lang": lang}).text)
    assert "senate.seats_elected" in senate and "party composition" not in senate
    rerun = client.get("/elections/president-2019",
                       params={"lang": lang, "under": "2005-01-01"}).text
    expected = {"kk": "2005-01-01 күнгі заң бойынша нәтиже", "ru": "Итог по закону на 2005-01-01"}
    assert expected[lang] in rerun and "Outcome under" not in rerun
