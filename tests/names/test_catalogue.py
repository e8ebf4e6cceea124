"""The names catalogue: coverage of the rulebook's bodies, the offices and every result name
of the bundled official results, fallbacks, and the strict loader's file:line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kazpolity.elections.official import DATA_FILE as RESULTS
from kazpolity.errors import DataFileError
from kazpolity.law import laws
from kazpolity.names import catalogue, name_of, person_name, result_name
from kazpolity.names.catalogue import DATA_FILE, KINDS, load


def test_every_body_of_the_rulebook_has_kk_and_ru() -> None:
    bodies = sorted(laws().bodies)  # independent of the catalogue: the parameter files
    assert "majilis" in bodies and "kurultai" in bodies
    for body in bodies:
        entry = catalogue().entry("bodies", body)
        assert entry is not None, body
        assert entry.names.get("kk") and entry.names.get("ru"), body


def test_every_office_of_the_holders_file_has_kk_and_ru() -> None:
    from kazpolity.institutions.holders import OFFICES

    for office in OFFICES:
        entry = catalogue().entry("offices", office)
        assert entry is not None and {"kk", "ru"} <= set(entry.names), office


def test_every_result_name_is_catalogued_or_marked_english_only() -> None:
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    names = {str(row["name"]).strip() for e in data["elections"] for row in e.get("results", [])}
    assert len(names) > 70
    book = catalogue()
    for name in sorted(names):
        entry = book.entry("parties", name) or book.entry("candidates", name)
        assert entry is not None, f"{name!r} is not in the names catalogue"
        assert entry.names["en"] == name
        assert entry.english_only or {"kk", "ru"} & set(entry.names), name


def test_verified_literals_and_fallbacks() -> None:
    assert name_of("bodies", "majilis", "kk") == "Парламент Мәжілісі"
    assert "Мәжіліс" in name_of("bodies", "majilis", "kk")
    assert name_of("bodies", "majilis", "ru") == "Мажилис Парламента"
    assert name_of("bodies", "senate", "ru") == "Сенат Парламента"
    assert result_name("Amanat", "ru") == "Аманат"
    assert result_name("Ak Zhol", "kk") == "Ақ жол"
    assert result_name("Kassym-Jomart Tokayev (Nur Otan)", "ru").startswith("Касым-Жомарт Токаев")
    # English, and untranslated names, fall back to English (never a guess)
    assert name_of("bodies", "majilis", "en", "Majilis of the Parliament") \
        == "Majilis of the Parliament"
    assert result_name("Azamat", "kk") == "Azamat"
    assert result_name("Adal", "ru") == "Адал"
    assert result_name("Not a party", "ru") == "Not a party"
    assert name_of("bodies", "no_such_body", "kk") == "no_such_body"
    with pytest.raises(KeyError):
        name_of("planets", "mars", "kk")


HOLDERS = Path(__file__).parents[2] / "src" / "kazpolity" / "data" / "office_holders.yaml"


def _office_holders() -> set[str]:
    """Every person named in the office-holders file, read from the YAML file itself."""
    data = yaml.safe_load(HOLDERS.read_text(encoding="utf-8"))
    return {holder["holder"] for office in data["offices"].values()
            for holder in office["holders"] if holder["holder"] is not None}


def test_every_office_holder_is_named_by_people_a_candidate_or_english_only() -> None:
    holders = _office_holders()
    assert len(holders) >= 35 and "Alikhan Smailov" in holders
    book = catalogue()
    candidates = book.sections["candidates"]
    for name in sorted(holders):
        entry = book.entry("people", name)
        if entry is not None:
            assert entry.names["en"] == name
            assert entry.english_only or {"kk", "ru"} & set(entry.names), name
            continue
        stood = [key for key in candidates
                 if key == name or key.startswith(f"{name} (")]
        assert stood, f"{name!r} is neither in people nor a candidate"
        assert any({"kk", "ru"} & set(candidates[key].names) for key in stood), name
    # people holds only office-holders, none of them also reached through a candidate
    assert set(book.sections["people"]) <= holders
    for name in book.sections["people"]:
        assert not any(key == name or key.startswith(f"{name} (") for key in candidates), name


def test_office_holders_names_from_people_verified_literals() -> None:
    # literals read in the sources (see the entries' notes)
    assert person_name("Alikhan Smailov", "ru") == "Алихан Смаилов"
    assert person_name("Alikhan Smailov", "kk") == "Әлихан Смайылов"
    assert person_name("Maulen Ashimbayev", "kk") == "Мәулен Әшімбаев"
    assert person_name("Maulen Ashimbayev", "ru") == "Маулен Ашимбаев"
    assert person_name("Yerlan Koshanov", "kk") == "Ерлан Қошанов"
    assert person_name("Nurlan Abdirov", "ru") == "Нурлан Абдиров"
    # no Kazakh source: the Russian form in Kazakh, said in the note; english_only stays English
    assert person_name("Oljas Bektenov", "ru") == "Олжас Бектенов"
    assert person_name("Oljas Bektenov", "kk") == "Олжас Бектенов"
    assert "Russian form is shown in Kazakh" in (catalogue().entry("people", "Oljas Bektenov")
                                                 .note or "")
    assert person_name("Kuandyk Turgankulov", "ru") == "Kuandyk Turgankulov"
    assert person_name("Alikhan Smailov", "en") == "Alikhan Smailov"
    # candidates still come from their candidate entry
    assert person_name("Kassym-Jomart Tokayev", "kk") == "Қасым-Жомарт Тоқаев"


def test_every_section_cites_sources() -> None:
    book = catalogue()
    assert set(book.sections) == set(KINDS)
    for kind in KINDS:
        assert book.sources[kind] and all(u.startswith("http") for u in book.sources[kind])
        for entry in book.sections[kind].values():
            if entry.unverified or entry.english_only:
                assert entry.note


GOOD = """\
bodies:
  sources: [https://example.org/constitution]
  names:
    majilis: {en: Majilis, kk: Мәжіліс, ru: Мажилис}
offices: {sources: [https://example.org/a], names: {}}
election_kinds: {sources: [https://example.org/a], names: {}}
eras: {sources: [https://example.org/a], names: {}}
parties: {sources: [https://example.org/a], names: {}}
candidates: {sources: [https://example.org/a], names: {}}
people: {sources: [https://example.org/a], names: {}}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads(tmp_path: Path) -> None:
    book = load(_write(tmp_path, GOOD))
    assert book.name("bodies", "majilis", "kk") == "Мәжіліс"


@pytest.mark.parametrize(("bad", "line", "needle"), [
    (GOOD.replace("  sources: [https://example.org/constitution]\n", ""), 2,
     "bodies.sources"),
    (GOOD.replace("  sources: [https://example.org/constitution]", "  sources: []"), 2,
     "must not be empty"),
    (GOOD.replace("ru: Мажилис}", "ru: Мажилис, de: Madschilis}"), 4, "bodies.names.majilis.de"),
    (GOOD.replace("{en: Majilis, kk: Мәжіліс, ru: Мажилис}", "{kk: Мәжіліс}"), 4, ".en"),
    (GOOD.replace("ru: Мажилис}", "ru: Мажилис, unverified: true}"), 4, "need a note"),
    (GOOD.replace("{en: Majilis, kk: Мәжіліс, ru: Мажилис}", "{en: Majilis}"), 4,
     "english_only"),
    (GOOD.replace("https://example.org/constitution", "example.org"), 2, "http"),
])
def test_a_malformed_file_is_refused_with_its_line(tmp_path: Path, bad: str, line: int,
                                                   needle: str) -> None:
    with pytest.raises(DataFileError) as caught:
        load(_write(tmp_path, bad))
    message = str(caught.value)
    assert "names.yaml" in message and needle in message, message
    assert caught.value.line == line, message


def test_the_bundled_file_is_the_one_loaded() -> None:
    assert DATA_FILE.name == "names.yaml" and DATA_FILE.is_file()


def test_the_presidential_candidates_have_kazakh_forms_or_say_why_not() -> None:
    """Kazakh forms with a Kazakh-language source where one was found (Azattyq's Kazakh
    service for Tұяқбай and Сыздықов); where none was, the Russian form with a note."""
    book = catalogue()
    kazakh = {
        "Turgun Syzdykov (Communist People's Party)": "Тұрғын Сыздықов",
        "Zharmakhan Tuyakbay (For a Just Kazakhstan)": "Жармахан Тұяқбай",
        "Serikbolsyn Abdildin (Communist Party)": "Серікболсын Әбділдин",
        "Yerasyl Abylkasymov (Communist People's Party)": "Ерасыл Абылкасымов",
        "Gani Kasymov (Party of Patriots)": "Гани Касымов",
    }
    for key, start in kazakh.items():
        entry = book.entry("candidates", key)
        assert entry is not None and entry.names["kk"].startswith(start), key
        assert entry.source is not None or entry.note, key
    assert "Russian form is shown" in (book.entry("candidates", "Gani Kasymov").note or "")
    assert result_name("Ballots of a non-standard form", "kk") == \
        "Белгіленбеген үлгідегі бюллетеньдер"
