"""Rules, institutions and administration pages read in the reader's language: rule titles
instead of keys, values in words, acts and articles in the language's form, commissions by
their names, dates per locale."""

from __future__ import annotations

from datetime import date
from html import escape

from fastapi.testclient import TestClient

from kazpolity.administration.hierarchy import CENTRAL, PRECINCT, Commission
from kazpolity.institutions import chamber_composition, holder_on
from kazpolity.law import rules_at
from kazpolity.names import person_name
from kazpolity.presentation.rule_text import article, rule_title, rule_value
from kazpolity.web.admin_pages import commission_title
from kazpolity.web.seed import SEED_ELECTION_ID


def test_rules_page_shows_titles_values_and_articles_in_kazakh(client: TestClient) -> None:
    page = client.get("/rules", params={"on": "2023-06-01", "lang": "kk"}).text
    assert "Мәжіліс депутаттары" in page  # majilis.seats_total's title
    assert "Тізімдік мандаттарды өткен тізімдер арасында бөлу тәсілі" in page
    assert "Хэр квотасы және ең үлкен қалдықтар" in page  # list_method's value in words
    assert "50(3)-бап" in page and "2023 жылғы 1 маусым" in page
    assert page.count("<details class=\"body\"") == len(rules_at(date(2023, 6, 1)).bodies)


def test_rule_text_in_russian() -> None:
    assert rule_title("majilis.threshold_percent", "ru").startswith("Доля голосов")
    assert rule_value(("women", "youth"), "ru") == "женщины, молодёжь"
    assert rule_value(True, "kk") == "иә" and rule_value(20000, "ru") == "20\u202f000"
    assert article("Art. 94 (in force 1 July 2026)", "ru").shown == "ст. 94"
    assert article("Art. 94 (in force 1 July 2026)", "ru").gloss == "(in force 1 July 2026)"
    assert article("ballot form", "kk").shown == ""


def test_institutions_page_shows_composition_and_holders_on_a_date(client: TestClient
                                                                    ) -> None:
    page = client.get("/institutions", params={"date": "2008-01-01", "lang": "ru"}).text
    expected = chamber_composition("majilis", date(2008, 1, 1))
    assert f'id="chamber-majilis" data-seats="{expected.size}"' in page
    president = holder_on("president", date(2008, 1, 1))
    assert president.holder is not None
    assert escape(person_name(president.holder, "ru")) in page
    assert 'href="/rules?on=2008-01-01#body-legislation"' in page
    assert 'id="scenario-form"' in page and "1 января 2008\u202fг." in page


def test_commissions_are_named_in_the_readers_language() -> None:
    names = {"KZ-ABA": "Абай облысы"}
    station = Commission("PEC-ABA-0007", PRECINCT, "TEC-ABA", "Polling station 7, Abai Region",
                         region_code="KZ-ABA")
    assert commission_title(station, names, "kk") == "№7 сайлау учаскесі, Абай облысы"
    assert commission_title(station, names, "en") == "Polling station 7, Abai Region"
    cec = Commission("CEC", CENTRAL, None, "Central Election Commission")
    assert commission_title(cec, names, "ru") == "Центральная избирательная комиссия"


def test_synthetic_election_is_labelled(client: TestClient) -> None:
    page = client.get(f"/administration/{SEED_ELECTION_ID}", params={"lang": "en"}).text
    assert 'id="synthetic-banner"' in page and "not the official results" in page
