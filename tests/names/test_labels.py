"""The label files: every rule key, enumerated value and cited act has a Kazakh and a Russian
label, and tile codes are unique on every date in every language."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kazpolity.geo import regions_at
from kazpolity.law import laws
from kazpolity.law.loader import load_acts
from kazpolity.law.rulebook import PARAMETERS_DIR
from kazpolity.names.labels import label, labels, place_code

CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def _values() -> set[str]:
    found: set[str] = set()
    for body in laws().bodies.values():
        for parameter in body.parameters.values():
            for rule in parameter.timeline:
                if isinstance(rule.value, str):
                    found.add(rule.value)
                elif isinstance(rule.value, tuple):
                    found.update(str(item) for item in rule.value)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_rule_key_has_a_title(lang: str) -> None:
    keys = [p.key for body in laws().bodies.values() for p in body.parameters.values()]
    assert len(keys) > 200
    missing = [key for key in keys if lang not in labels("rule_titles").get(key, {})]
    assert missing == []
    assert all(CYRILLIC.search(label("rule_titles", key, lang)) for key in keys)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_value_word_and_act_has_a_label(lang: str) -> None:
    assert sorted(v for v in _values() if lang not in labels("values").get(v, {})) == []
    acts = load_acts(PARAMETERS_DIR / "acts.yaml")
    assert sorted(a for a in acts if lang not in labels("acts").get(a, {})) == []


def test_values_read_in_english_too() -> None:
    assert label("values", "hare-largest-remainder", "en") == "Hare quota and largest remainders"
    assert label("values", "majilis-adopts-senate-approves", "ru") == (
        "Мажилис принимает, Сенат одобряет")
    assert label("values", "no-such-value", "kk") == "no-such-value"


def test_tile_codes_are_unique_on_every_date() -> None:
    for year in range(1996, 2027, 2):
        regions = regions_at(date(year, 6, 1))
        for lang in ("en", "kk", "ru"):
            codes = [place_code(r.code, lang) for r in regions]
            assert len(set(codes)) == len(codes), (year, lang)
    assert place_code("KZ-VOS", "kk") == "ШҚО" and place_code("KZ-VOS", "ru") == "ВКО"
    assert place_code("KZ-VOS", "en") == "EKZ"
