"""Every page through the TestClient: status, content checked against the engine, errors as
HTML pages (never tracebacks), languages and number formatting."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from kazpolity.elections.official import official_election, official_elections
from kazpolity.elections.reproduce import rerun
from kazpolity.geo import regions_at
from kazpolity.institutions import chamber_composition, holder_on
from kazpolity.law import changes_between, rules_at
from kazpolity.law.eras import eras
from kazpolity.web.i18n import number
from kazpolity.web.seed import SEED_ELECTION_ID


def test_today(client: TestClient) -> None:
    page = client.get("/", params={"on": "2024-01-01"})
    assert page.status_code == 200
    book = rules_at(date(2024, 1, 1))
    for body, rules in book.bodies.items():
        if rules is not None:
            assert book.titles[body] in page.text
    majilis = chamber_composition("majilis", date(2024, 1, 1))
    assert f'id="chamber-majilis" data-seats="{majilis.size}"' in page.text
    assert page.text.count('class="seat"') >= majilis.size
    for office in ("president", "prime_minister"):
        holder = holder_on(office, date(2024, 1, 1)).holder
        assert holder and holder in page.text
    assert page.text.count('class="tile"') == len(regions_at(date(2024, 1, 1)))


def test_today_default_is_today(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert date.today().isoformat() in page.text


def test_rules_and_eras(client: TestClient) -> None:
    page = client.get("/rules", params={"on": "1996-01-01", "compare": "2000-01-01"})
    assert page.status_code == 200
    every = changes_between(date(1996, 1, 1), date(2000, 1, 1))
    changes = [c for c in every if c.before is None or c.after is None
               or c.before.value != c.after.value]
    assert len(changes) < len(every)  # source-only changes are not shown
    assert f"{len(changes)} changes between 1 January 1996 and 1 January 2000" in page.text
    assert page.text.count("<tr data-key=") - len(changes) == sum(
        len(rules) for rules in rules_at(date(1996, 1, 1)).bodies.values() if rules)
    for era in eras():
        assert f'data-era="{era.code}"' in page.text
    assert "majilis.seats_total" in page.text


def test_elections_list(client: TestClient) -> None:
    page = client.get("/elections")
    assert page.status_code == 200
    for election in official_elections():
        assert f'href="/elections/{election.election_id}"' in page.text
    assert f'href="/administration/{SEED_ELECTION_ID}"' in page.text


@pytest.mark.parametrize("election_id", [e.election_id for e in official_elections()])
def test_every_election_page(client: TestClient, election_id: str) -> None:
    page = client.get(f"/elections/{election_id}")
    assert page.status_code == 200
    election = official_election(election_id)
    for row in election.rows:
        if row.votes is not None:
            assert f"{row.votes:,}" in page.text
    assert 'id="map-caption"' in page.text


def test_majilis_2023_details(client: TestClient) -> None:
    page = client.get("/elections/majilis-2023")
    text = page.text
    assert text.count('class="seat"') == 98
    assert "Gallagher" in text and 'id="reproduction-status">match' in text
    # Issue 13: a real election's page shows real data only; the synthetic twin is a link.
    assert 'id="synthetic-twin"' in text and "/administration/majilis-2023-synthetic" in text
    assert "Turnout by region" not in text
    assert text.count('class="tile"') == len(regions_at(date(2023, 3, 19)))


def test_rerun_numbers(client: TestClient) -> None:
    page = client.get("/elections/majilis-2012",
                      params={"under": "2023-03-19", "method": "sainte-lague", "seats": "69"})
    assert page.status_code == 200
    outcome = rerun(official_election("majilis-2012"), date(2023, 3, 19),
                    method="sainte-lague", seats=69).outcome
    seats = getattr(outcome, "seats")  # noqa: B009
    for party, count in seats.items():
        pattern = (rf'<tr data-party="{re.escape(party)}">.*?<td class="num rerun">'
                   rf"{count}</td>")
        assert re.search(pattern, page.text.replace("&#39;", "'"))


def test_presidential_rerun(client: TestClient) -> None:
    page = client.get("/elections/president-2019", params={"under": "1999-01-10"})
    assert page.status_code == 200
    assert 'id="rerun-winner"' in page.text


@pytest.mark.parametrize(("params", "field"), [
    ({"threshold": "abc"}, "threshold"), ({"seats": "0"}, "seats"),
    ({"method": "coin"}, "method"), ({"under": "1990-01-01"}, "under"),
])
def test_bad_rerun_is_422_page(client: TestClient, params: dict[str, str], field: str) -> None:
    page = client.get("/elections/majilis-2023", params=params)
    assert page.status_code == 422
    assert 'id="rerun-error"' in page.text and field in page.text
    assert "Traceback" not in page.text


@pytest.mark.parametrize(("path", "status"), [
    ("/elections/nope", 404), ("/?on=1900-01-01", 422), ("/rules?on=bad", 422),
    ("/administration/nope", 404), (f"/administration/{SEED_ELECTION_ID}/commissions/x", 404),
    (f"/administration/{SEED_ELECTION_ID}?colour=pink", 422), ("/no-such-page", 404),
])
def test_errors_are_html_pages(client: TestClient, path: str, status: int) -> None:
    page = client.get(path)
    assert page.status_code == status
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="error-message"' in page.text and "Traceback" not in page.text


def test_administration(client: TestClient) -> None:
    index = client.get("/administration")
    assert index.status_code == 200 and SEED_ELECTION_ID in index.text
    page = client.get(f"/administration/{SEED_ELECTION_ID}")
    assert page.status_code == 200
    match = re.search(r'id="central-reported" data-reported="(\d+)" data-expected="(\d+)"',
                      page.text)
    assert match is not None
    api = client.get(f"/api/v1/elections/{SEED_ELECTION_ID}/results",
                     headers={"accept": "application/json"}).json()
    assert (int(match[1]), int(match[2])) == (api["reported"], api["expected"])
    assert "Verified" in page.text
    for colour in ("turnout", "leader"):
        assert client.get(f"/administration/{SEED_ELECTION_ID}",
                          params={"colour": colour}).status_code == 200


def test_commission_drill_down_matches_the_api(client: TestClient) -> None:
    page = client.get(f"/administration/{SEED_ELECTION_ID}/commissions/TEC-ALA")
    assert page.status_code == 200
    api = client.get(f"/api/v1/elections/{SEED_ELECTION_ID}/results",
                     params={"level": "precinct", "commission_id": "TEC-ALA"},
                     headers={"accept": "application/json"}).json()
    assert f'data-reported="{api["reported"]}" data-expected="{api["expected"]}"' in page.text
    for row in api["rows"]:
        assert f'data-commission="{row["commission_id"]}"' in page.text
    precinct = client.get(f"/administration/{SEED_ELECTION_ID}/commissions/PEC-ABA-0001")
    assert "Recount ordered" in precinct.text and "Version 2" in precinct.text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_languages(client: TestClient, lang: str) -> None:
    page = client.get("/", params={"on": "2024-01-01", "lang": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    capital = next(r for r in regions_at(date(2024, 1, 1)) if r.kind == "capital")
    assert capital.name(lang) in page.text
    assert page.cookies.get("lang") == lang or "lang=" in page.headers.get("set-cookie", "")
    client.cookies.clear()


def test_numbers_have_thousands_separators() -> None:
    assert number(11331149) == "11,331,149"
    assert number(11331149, "ru") == "11\u202f331\u202f149"
    assert number(53.5, "en", 2) == "53.50" and number(None) == "—"


def test_static_assets_are_served_here(client: TestClient) -> None:
    page = client.get("/")
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', page.text):
        assert client.get(asset).status_code == 200
    assert "http://" not in re.sub(r'href="https?://[^"]+"', "", page.text.split("<body>")[0])
