"""Pages in Kazakh and Russian show the names catalogue's names of bodies, offices, parties
and candidates, and the translated page texts; English pages are unchanged; the CLI too."""

from __future__ import annotations

from datetime import date
from html import escape

import pytest
from fastapi.testclient import TestClient

from kazpolity.cli.app import main
from kazpolity.elections.official import official_election
from kazpolity.law import rules_at
from kazpolity.names import name_of, result_name
from kazpolity.web.i18n import translate


@pytest.mark.parametrize(("lang", "majilis", "amanat"), [
    ("kk", "Мәжіліс", "Аманат"), ("ru", "Мажилис", "Аманат")])
def test_today_names_bodies_offices_and_parties(client: TestClient, lang: str, majilis: str,
                                                 amanat: str) -> None:
    page = client.get("/", params={"on": "2024-01-01", "lang": lang})
    assert page.status_code == 200
    text = page.text
    assert majilis in text and "Сенат" in text  # literals confirmed in the sources
    book = rules_at(date(2024, 1, 1))
    for body, rules in book.bodies.items():
        if rules is not None:
            assert escape(name_of("bodies", body, lang)) in text, body
    assert name_of("offices", "prime_minister", lang) in text
    assert amanat in text and result_name("Amanat", lang) == amanat
    assert translate("Office-holders", lang) in text and translate("office", lang) in text
    assert 'data-party="Amanat"' in text  # identifiers stay English
    assert "Majilis of the Parliament" not in text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_election_page_names_parties_and_headers(client: TestClient, lang: str) -> None:
    page = client.get("/elections/majilis-2023", params={"lang": lang})
    assert page.status_code == 200
    election = official_election("majilis-2023")
    for row in election.rows:
        assert escape(result_name(row.name, lang)) in page.text, row.name
    assert translate("How the result follows from the law", lang) in page.text
    assert name_of("election_kinds", "majilis", lang) in page.text
    if lang == "ru":
        assert "Аманат" in page.text and "Народная партия Казахстана" in page.text
    else:
        assert "Қазақстан халық партиясы" in page.text and "Ақ жол" in page.text


def test_presidential_candidates_in_russian(client: TestClient) -> None:
    page = client.get("/elections/president-2022", params={"lang": "ru"})
    assert "Касым-Жомарт Токаев" in page.text and "Салтанат Турсынбекова" in page.text


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_rules_and_lists_use_catalogue_names(client: TestClient, lang: str) -> None:
    rules = client.get("/rules", params={"on": "2024-01-01", "lang": lang}).text
    assert escape(name_of("bodies", "constitutional_court", lang)) in rules
    assert escape(name_of("eras", "A2022b", lang)) in rules
    assert translate("Rules in force on", lang) in rules
    listing = client.get("/elections", params={"lang": lang}).text
    assert name_of("election_kinds", "president", lang) in listing
    assert translate("Official national results", lang) in listing


def test_english_pages_keep_english_names(client: TestClient) -> None:
    page = client.get("/", params={"on": "2024-01-01", "lang": "en"}).text
    assert "Majilis of the Parliament" in page and "Мәжіліс" not in page
    election = client.get("/elections/majilis-2023", params={"lang": "en"}).text
    assert "Amanat" in election and "Аманат" not in election


def test_cli_names_in_kazakh_and_russian(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "kk", "institutions", "show", "--on", "2024-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Парламент Мәжілісі" in out and "Премьер-Министр" in out
    assert main(["--lang", "ru", "elections", "show", "majilis-2023"]) == 0
    out = capsys.readouterr().out
    assert "Аманат" in out and "Народная партия Казахстана" in out
    assert main(["--lang", "ru", "elections", "list"]) == 0
    assert "Выборы Президента" in capsys.readouterr().out
    assert main(["--lang", "kk", "rules", "show", "--on", "2024-01-01"]) == 0
    assert "Парламент Сенаты (senate)" in capsys.readouterr().out
    assert main(["elections", "show", "majilis-2023", "--json"]) == 0
    assert '"name": "Amanat"' in capsys.readouterr().out  # JSON keeps English identifiers


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_page_renders_in_kazakh_and_russian(client: TestClient, lang: str) -> None:
    from kazpolity.web.seed import SEED_ELECTION_ID

    paths = ["/", "/rules?compare=2007-05-21", "/elections",
             "/elections/majilis-2021?under=2023-03-19&method=dhondt",
             "/elections/president-2019?under=2022-11-20", "/elections/referendum-2022",
             "/administration", f"/administration/{SEED_ELECTION_ID}",
             "/institutions?date=2024-03-01&initiator=government&kind=ordinary"]
    for path in paths:
        page = client.get(path, params={"lang": lang})
        assert page.status_code == 200, (path, page.text[:300])
        assert f'<html lang="{lang}">' in page.text
    admin = client.get(f"/administration/{SEED_ELECTION_ID}", params={"lang": lang}).text
    assert translate("Audit chain", lang) in admin
    steps = client.get("/institutions", params={"date": "2024-03-01", "lang": lang}).text
    assert name_of("bodies", "majilis", lang) in steps


def test_forensics_page_headings_in_kazakh_and_russian(client: TestClient) -> None:
    expected = {"ru": ("Целые проценты", "Тесты цифр"), "kk": ("Бүтін пайыздар", "Цифр тесттері")}
    for lang, words in expected.items():
        page = client.get("/forensics", params={"source": "simulated-clean", "lang": lang})
        assert page.status_code == 200
        for word in words:
            assert word in page.text
    english = client.get("/forensics", params={"source": "simulated-clean", "lang": "en"}).text
    assert "Integer percentages" in english and "Целые проценты" not in english
    assert "проверяемое право" in client.get("/rules", params={"lang": "ru"}).text


def test_office_holders_and_parties_in_kazakh_and_russian(client: TestClient,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    from kazpolity.names import person_name

    assert person_name("Kassym-Jomart Tokayev", "kk") == "Қасым-Жомарт Тоқаев"
    assert person_name("Kassym-Jomart Tokayev", "ru") == "Касым-Жомарт Токаев"
    assert person_name("Kassym-Jomart Tokayev", "en") == "Kassym-Jomart Tokayev"
    assert person_name("Nobody Who Never Stood", "ru") == "Nobody Who Never Stood"
    assert main(["--lang", "ru", "institutions", "show", "--on", "2024-01-01"]) == 0
    out = capsys.readouterr().out
    assert "занимает должность: Касым-Жомарт Токаев, с 20 марта 2019\u202fг." in out
    assert "состав: Аманат: 62" in out
    assert "занимает должность: Алихан Смаилов, с 5 января 2022\u202fг." in out  # the PM
    assert main(["institutions", "show", "--on", "2024-01-01"]) == 0
    assert "holder: Kassym-Jomart Tokayev since 2019-03-20" in capsys.readouterr().out
    page = client.get("/", params={"on": "2024-01-01", "lang": "kk"}).text
    assert "Қасым-Жомарт Тоқаев" in page
