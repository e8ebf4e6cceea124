"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a real
uvicorn server seeded on start. Every page opens without console errors, the main flows are
clicked through, the numbers shown are checked against the engine, screenshots are saved
under ``test-artifacts/``."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kazpolity.elections.official import official_election
from kazpolity.elections.reproduce import rerun
from kazpolity.geo import regions_at
from kazpolity.institutions import chamber_composition
from kazpolity.law import changes_between
from kazpolity.presentation.institution_json import procedure_json
from kazpolity.web.seed import SEED_ELECTION_ID
from tests.web.conftest import ConsoleLog, screenshot

pytestmark = pytest.mark.browser

Page = tuple[Any, ConsoleLog]

PAGES = [
    ("/", "today"),
    ("/rules", "rules"),
    ("/elections", "elections"),
    ("/elections/majilis-2023", "election-majilis-2023"),
    ("/administration", "administration"),
    (f"/administration/{SEED_ELECTION_ID}", "administration-election"),
    ("/forensics", "forensics"),
    ("/institutions", "institutions"),
]


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_every_page_opens_without_console_errors(page: Page, path: str, name: str) -> None:
    tab, _log = page
    response = tab.goto(path)
    assert response is not None and response.status == 200
    assert tab.locator("main h1").first.is_visible()
    assert "Traceback" not in tab.content()
    screenshot(tab, name)


def test_pick_a_date_on_today_shows_that_chamber(page: Page) -> None:
    tab, _ = page
    tab.goto("/")
    tab.fill("#on", "2008-01-01")
    tab.click("form.pick button")
    tab.wait_for_url("**on=2008-01-01**")
    assert tab.get_attribute("#today-date", "datetime") == "2008-01-01"
    assert tab.inner_text("#today-date") == "1 January 2008"
    expected = chamber_composition("majilis", date(2008, 1, 1))
    card = tab.locator("#chamber-majilis")
    assert card.get_attribute("data-seats") == str(expected.size)
    for party, seats in expected.by_party.items():
        row = card.locator(f'tr[data-party="{party}"] td.num')
        assert row.inner_text() == f"{seats:,}"
        assert card.locator(f'circle[data-party="{party}"]').count() == seats
    assert card.locator("circle.seat").count() == expected.size
    assert tab.locator("#regions g.tile").count() == len(regions_at(date(2008, 1, 1)))
    screenshot(tab, "today-2008")


def test_rules_on_a_date_and_the_changes_between_two(page: Page) -> None:
    tab, _ = page
    tab.goto("/rules")
    tab.fill("#on", "2019-01-01")
    tab.fill("#compare", "2023-06-01")
    tab.click("form.pick button")
    tab.wait_for_url("**compare=2023-06-01**")
    changes = [c for c in changes_between(date(2019, 1, 1), date(2023, 6, 1))
               if c.before is None or c.after is None or c.before.value != c.after.value]
    assert tab.locator("#changes tbody tr").count() == len(changes)
    heading = tab.inner_text("#changes h2")
    assert heading.startswith(f"{len(changes)} changes")
    tab.click('.era-bar a[data-era="A2007"]')
    tab.wait_for_url("**on=2007-05-21**")
    assert tab.get_attribute("#rules-date", "datetime") == "2007-05-21"
    tab.click("#body-majilis summary")  # the body's rules open on demand
    assert tab.locator('tr[data-key="majilis.seats_total"] td.value').inner_text() == "107"
    screenshot(tab, "rules-compare")


def test_rerun_an_election_under_another_law(page: Page) -> None:
    tab, _ = page
    tab.goto("/elections")
    tab.click('tr[data-election="majilis-2007"] a')
    tab.wait_for_url("**/elections/majilis-2007")
    election = official_election("majilis-2007")
    for row in election.rows:
        if row.votes is not None:
            shown = tab.locator(f'#results-table tr[data-name="{row.name}"] td.votes')
            assert shown.inner_text() == f"{row.votes:,}"
    tab.fill("#under", "2023-03-19")
    tab.select_option("#method", "dhondt")
    tab.click("#rerun-button")
    tab.wait_for_selector("#difference-table")
    expected = rerun(election, date(2023, 3, 19), method="dhondt").outcome
    seats = getattr(expected, "seats")  # noqa: B009 - a ListOutcome
    for party, count in seats.items():
        cell = tab.locator(f'#difference-table tr[data-party="{party}"] td.rerun')
        assert cell.inner_text() == str(count)
        official = election.official_list_seats.get(party, 0)
        diff = tab.locator(f'#difference-table tr[data-party="{party}"] td.diff').inner_text()
        assert diff == (f"{count - official:+d}" if count != official else "0")
    screenshot(tab, "election-rerun")


def test_a_bad_rerun_is_a_page_not_a_traceback(page: Page) -> None:
    tab, log = page
    log.allowed_status.add(422)
    response = tab.goto("/elections/majilis-2023?threshold=abc")
    assert response is not None and response.status == 422
    assert "threshold" in tab.inner_text("#rerun-error")
    log.allowed_status.add(404)
    response = tab.goto("/elections/no-such-election")
    assert response is not None and response.status == 404
    assert "no-such-election" in tab.inner_text("#error-message")
    screenshot(tab, "error-404")


def test_drill_down_a_region_to_a_precinct(page: Page) -> None:
    tab, _ = page
    tab.goto("/administration")
    tab.click(f'tr[data-election="{SEED_ELECTION_ID}"] a')
    central = tab.locator("#central-reported")
    reported, expected = (int(central.get_attribute(k) or -1)
                          for k in ("data-reported", "data-expected"))
    rows = tab.locator("#children-table tbody tr")
    assert sum(int(rows.nth(i).get_attribute("data-reported") or 0)
               for i in range(rows.count())) == reported
    assert sum(int(rows.nth(i).get_attribute("data-expected") or 0)
               for i in range(rows.count())) == expected
    assert reported < expected  # two regions are still counting
    assert "Verified" in tab.inner_text("#audit-status")
    tab.click('#children-table tr[data-commission="TEC-ALA"] a')
    tab.wait_for_url("**/commissions/TEC-ALA")
    region = tab.locator("#commission-reported")
    k = int(region.get_attribute("data-reported") or -1)
    n = int(region.get_attribute("data-expected") or -1)
    assert 0 < k < n
    precincts = tab.locator("#children-table tbody tr")
    assert precincts.count() == n
    screenshot(tab, "administration-region")
    precincts.first.locator("a").click()
    tab.wait_for_url("**/commissions/PEC-ALA-0001")
    assert tab.locator(".card.version").count() >= 1
    screenshot(tab, "administration-precinct")


def test_repeated_protocol_shows_its_reason(page: Page) -> None:
    tab, _ = page
    tab.goto(f"/administration/{SEED_ELECTION_ID}/commissions/PEC-ABA-0001")
    assert tab.locator(".card.version").count() == 2
    assert "Recount ordered" in tab.inner_text('.card.version[data-version="2"] .reason')
    assert "Recount ordered" in tab.inner_text('#log-table tr[data-action="protocol.return"]')


def test_language_switch(page: Page) -> None:
    tab, _ = page
    tab.goto("/?on=2024-01-01")
    tab.click('.langs a[data-lang="kk"]')
    tab.wait_for_url("**lang=kk**")
    assert tab.locator("nav a.active").inner_text() == "Бүгін"
    capital = next(r for r in regions_at(date(2024, 1, 1)) if r.kind == "capital")
    assert tab.inner_text("#capital") == capital.name_kk
    tab.goto("/elections")  # the cookie keeps the language
    assert tab.locator("nav a.active").inner_text() == "Сайлаулар"
    tab.click('.langs a[data-lang="ru"]')
    assert tab.locator("nav a.active").inner_text() == "Выборы"
    screenshot(tab, "elections-ru")
    tab.click('.langs a[data-lang="en"]')
    assert tab.locator("nav a.active").inner_text() == "Elections"


def test_forensics_on_a_simulated_and_the_stored_election(page: Page, live_server: str) -> None:
    from kazpolity.forensics.integer_percent import integer_percent_test
    from kazpolity.web.forensics_pages import REPLICATES, simulated_table

    tab, _ = page
    tab.goto("/forensics")
    tab.select_option("#source", "simulated-rounded")
    tab.click("#source-button")
    tab.wait_for_url("**source=simulated-rounded**")
    table, _leader, truth = simulated_table("simulated-rounded")
    result = integer_percent_test(table, REPLICATES, 0)
    assert tab.inner_text("#observed-any") == f"{result.observed_any:,}"
    assert tab.inner_text("#n-precincts") == f"{len(table):,}"
    assert f"{truth['tampered_precincts']:,} precincts falsified" in tab.inner_text("#truth")
    assert "above" in tab.inner_text("#integer-verdict")
    assert tab.locator("#digit-table tbody tr").count() == 3
    screenshot(tab, "forensics-rounded")
    tab.select_option("#source", f"store:{SEED_ELECTION_ID}")
    tab.click("#source-button")
    tab.wait_for_url("**source=store**")
    import httpx

    rows = httpx.get(f"{live_server}/api/v1/elections/{SEED_ELECTION_ID}/commissions",
                     timeout=30).json()["commissions"]
    with_protocol = sum(1 for r in rows if r["level"] == "precinct" and r["version"] > 0)
    assert tab.inner_text("#n-precincts") == f"{with_protocol:,}"


def test_run_a_bill_scenario(page: Page) -> None:
    from kazpolity.institutions.legislate import legislate
    from kazpolity.institutions.scenario import Fields, parse_legislate

    tab, _ = page
    tab.goto("/institutions")
    tab.fill("#date", "2024-03-01")
    tab.select_option("#initiator", "deputies")
    tab.select_option("#president", "veto")
    tab.fill("#majilis-yes", "75")
    tab.fill("#majilis-no", "20")
    tab.fill("#senate-yes", "45")
    tab.fill("#senate-no", "3")
    tab.click("#run-scenario")
    tab.wait_for_selector("#result")
    expected = procedure_json(legislate(parse_legislate(Fields({
        "date": "2024-03-01", "initiator": "deputies", "kind": "ordinary", "president": "veto",
        "urgent": False, "votes": {"majilis": {"yes": 75, "no": 20, "abstain": 0},
                                   "senate": {"yes": 45, "no": 3, "abstain": 0}}}))))
    assert tab.get_attribute("#scenario-status", "data-status") == expected["status"]
    assert tab.locator("#steps li").count() == len(expected["steps"])
    assert tab.locator("svg.timeline g.step").count() == len(expected["steps"])
    screenshot(tab, "institutions-scenario")
    tab.click("a.preset >> nth=3")
    tab.wait_for_selector("#monte-carlo")
    assert tab.get_attribute("#monte-carlo", "data-runs") == "200"
    assert "200 runs" in tab.inner_text("#monte-carlo")
