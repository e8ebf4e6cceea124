"""Every page, in every language, at a phone's and a laptop's width: it fits a 390 px screen,
axe-core finds no serious or critical violation, Kazakh and Russian pages carry no English
sentences, and a screenshot of each lands in ``test-artifacts/``.

One browser, two tabs (390×844 and 1366×900) reused for every page; each page is visited
once per language and width, and the tests below read the collected survey.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from kazpolity.web.seed import SEED_ELECTION_ID
from tests.text_language import latin_lines
from tests.web.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
LANGS = ("en", "kk", "ru")

PAGES: dict[str, str] = {
    "today": "/",
    "today-2008": "/?on=2008-01-01",
    "rules": "/rules",
    "rules-compare": "/rules?on=2019-01-01&compare=2023-06-01",
    "elections": "/elections",
    "election-majilis-2023": "/elections/majilis-2023",
    "election-president-2019": "/elections/president-2019",
    "election-referendum-2022": "/elections/referendum-2022",
    "election-referendum-2026": "/elections/referendum-2026",
    "election-senate-2023": "/elections/senate-2023",
    "election-rerun-president": "/elections/president-2019?under=2005-01-01#rerun",
    "administration": "/administration",
    "administration-election": f"/administration/{SEED_ELECTION_ID}",
    "administration-region": f"/administration/{SEED_ELECTION_ID}/commissions/TEC-ALA",
    "administration-precinct": f"/administration/{SEED_ELECTION_ID}/commissions/PEC-ABA-0001",
    "forensics": "/forensics",
    "institutions": "/institutions",
    "institutions-scenario": "/institutions?date=2024-03-01&initiator=deputies&kind=ordinary"
                             "&president=veto&majilis_yes=75&majilis_no=20&senate_yes=45"
                             "&senate_no=3",
    "error-404": "/elections/majilis-2030",
    "error-422": "/?on=2030-01-01",
}
"""Every page of the dashboard (one of each kind), by screenshot name."""

KNOWN_LATIN_GAPS: frozenset[str] = frozenset()
"""Pages still allowed English sentences in Kazakh and Russian: none (the forensics page renders
its methods' texts through ``kazpolity.presentation.forensic_text``)."""

UNNAMED_CHARTS = ("[...document.querySelectorAll('main svg')].filter(s => !s.closest('svg svg') "
                  "&& !(s.getAttribute('role') === 'img' && (s.getAttribute('aria-label') "
                  "|| s.querySelector(':scope > title')))).length")
"""Charts (top-level SVGs in the page) that a screen reader cannot name."""
OPEN_SECTIONS = ("document.querySelectorAll('details:not(.source-notes)')"
                 ".forEach(d => d.open = true);"
                 "document.querySelectorAll('code, kbd, [translate=no]')"
                 ".forEach(e => e.style.display = 'none')")
"""Before the text is read, collapsed sections are opened and what is not language is hidden:
code (commands, keys, hashes) and text shown as entered (``translate="no"``: a commission's
reason for a recount). A rule's research notes stay in their closed "source notes (in
English)" disclosure, marked ``lang="en"``."""


@dataclass
class Visit:
    """What one page showed in one language."""

    status: int
    phone_width: int = 0
    serious: list[str] = field(default_factory=list)
    latin_lines: list[str] = field(default_factory=list)
    unnamed_charts: int = 0


def serious_violations(tab: Any) -> list[str]:
    """axe-core's serious and critical violations on the page open in ``tab``."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(tab)
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes, e.g. "
            f"{v['nodes'][0]['target']}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _visit(tab: Any, path: str, lang: str, name: str, width: int) -> Any:
    joiner = "&" if "?" in path else "?"
    response = tab.goto(f"{path}{joiner}lang={lang}")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"page-{name}-{lang}-{width}.png"), full_page=True)
    return response


@pytest.fixture(scope="module")
def survey(browser: Any, live_server: str) -> Iterator[dict[tuple[str, str], Visit]]:
    """Visit every page in every language at both widths once."""
    phone = browser.new_context(base_url=live_server, viewport=PHONE)
    laptop = browser.new_context(base_url=live_server, viewport=LAPTOP)
    try:
        small, large = phone.new_page(), laptop.new_page()
        results: dict[tuple[str, str], Visit] = {}
        for lang in LANGS:
            for name, path in PAGES.items():
                response = _visit(small, path, lang, name, PHONE["width"])
                visit = Visit(status=response.status if response else 0)
                visit.phone_width = small.evaluate("document.documentElement.scrollWidth")
                visit.serious = serious_violations(small)
                visit.unnamed_charts = small.evaluate(UNNAMED_CHARTS)
                _visit(large, path, lang, name, LAPTOP["width"])
                visit.serious += [v for v in serious_violations(large) if v not in visit.serious]
                if lang != "en":
                    large.evaluate(OPEN_SECTIONS)
                    visit.latin_lines = latin_lines(large.inner_text("body"))
                results[(name, lang)] = visit
        yield results
    finally:
        phone.close()
        laptop.close()


CASES = [(name, lang) for lang in LANGS for name in PAGES]


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_the_page_fits_a_phone(survey: dict[tuple[str, str], Visit], name: str,
                               lang: str) -> None:
    visit = survey[(name, lang)]
    expected = 404 if name == "error-404" else 422 if name == "error-422" else 200
    assert visit.status == expected
    assert visit.phone_width <= PHONE["width"], f"{name} [{lang}] is {visit.phone_width} px wide"


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_axe_finds_no_serious_violation(survey: dict[tuple[str, str], Visit], name: str,
                                        lang: str) -> None:
    assert survey[(name, lang)].serious == []


@pytest.mark.parametrize(("name", "lang"), [c for c in CASES if c[1] != "en"])
def test_kazakh_and_russian_pages_have_no_english_sentences(
        survey: dict[tuple[str, str], Visit], name: str, lang: str) -> None:
    lines = survey[(name, lang)].latin_lines
    if name in KNOWN_LATIN_GAPS:
        pytest.xfail(f"{name}: owned by another area, {len(lines)} English lines left")
    assert lines == []


def test_the_latin_line_finder_finds_english_and_spares_names() -> None:
    assert latin_lines("Seats of the Majilis by party\nАманат: 62 орын") == [
        "Seats of the Majilis by party"]
    assert latin_lines("Amanat Ak Zhol Auyl QHP OSDP Respublica") == []
    assert latin_lines("D'Hondt әдісі, Art. 97 const-1995") == []
    assert latin_lines("Мәжіліс депутаттары majilis.seats_total parties.min_members_per_region"
                       " kz-elections.json") == []
    assert latin_lines("Ережелер: the rule in force here") == ["Ережелер: the rule in force here"]
    assert latin_lines("JSON: /api/v1/elections/x/audit and/or more") == []


def test_every_page_was_screenshotted_at_both_widths(
        survey: dict[tuple[str, str], Visit]) -> None:
    for name, lang in survey:
        for width in (PHONE["width"], LAPTOP["width"]):
            assert (ARTIFACTS / f"page-{name}-{lang}-{width}.png").stat().st_size > 1000


def test_keyboard_reaches_the_content_first(page: Any) -> None:
    tab, _log = page
    tab.goto("/rules?lang=kk")
    tab.keyboard.press("Tab")
    focused = tab.evaluate("[document.activeElement.className, document.activeElement.href]")
    assert focused[0] == "skip" and focused[1].endswith("#content")
    assert tab.evaluate("getComputedStyle(document.activeElement).top") != "-48px"  # shown
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "content"
    tab.keyboard.press("Tab")
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # the focus is visible


def test_every_chart_has_a_text_alternative(survey: dict[tuple[str, str], Visit]) -> None:
    unnamed = {key: visit.unnamed_charts for key, visit in survey.items()
               if visit.unnamed_charts}
    assert unnamed == {}


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".opblock"), ("/redoc", "h1")])
def test_api_docs_render_offline(page: Any, path: str, ready: str) -> None:
    tab, _log = page
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(path)
    tab.wait_for_selector(ready, timeout=30_000)
    base = tab.url.split(path)[0]
    assert requested and all(url.startswith((base, "data:", f"blob:{base}"))
                             for url in requested), requested
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"api-docs{path.replace('/', '-')}.png"))
