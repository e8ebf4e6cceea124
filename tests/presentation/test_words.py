"""The word catalogue: one file, every key in English, Kazakh and Russian, read strictly, and
no key that no source passes."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from jinja2 import Environment

from kazpolity.errors import DataFileError
from kazpolity.presentation.words import load_words, word, words

SRC = Path(__file__).resolve().parents[2] / "src" / "kazpolity"


def _python_strings(path: Path) -> set[str]:
    return {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def _template_strings(path: Path) -> set[str]:
    """The string constants of a Jinja template's expressions (its own lexer reads them)."""
    lexed = Environment().lex(path.read_text(encoding="utf-8"))
    return {ast.literal_eval(value) for _, kind, value in lexed if kind == "string"}


def _data_strings(value: object) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_data_strings(v) for v in value.values()), set(map(str, value)))
    if isinstance(value, list):
        return set().union(set(), *(_data_strings(v) for v in value))
    return set()


def source_strings() -> set[str]:
    """Every string literal of the package's code and templates and every string of its JSON
    data (referendum questions, kinds of result rows)."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        found |= _python_strings(path)
    for path in SRC.rglob("*.html"):
        found |= _template_strings(path)
    for path in SRC.rglob("*.json"):
        found |= _data_strings(json.loads(path.read_text(encoding="utf-8")))
    return found


def _joined(text: str, strings: set[str]) -> bool:
    """``text`` is a literal, or two literals joined (``"a" + "; b"``)."""
    return text in strings or any(text.startswith(head) and text[len(head):] in strings
                                  for head in strings if head and len(head) < len(text))


def _used(key: str, strings: set[str]) -> bool:
    """A key is passed literally, or built from a literal prefix (``'vote: ' ~ part``,
    ``f"forensics.{key}"``) and a literal rest."""
    if key in strings:
        return True
    return any(key.startswith(prefix) and _joined(key[len(prefix):], strings)
               for prefix in strings if prefix and prefix[-1] in " .:" and len(prefix) < 20)


def test_every_key_is_used_somewhere() -> None:
    strings = source_strings()
    unused = [key for key in words() if not _used(key, strings)]
    assert unused == []


def test_every_key_has_english_kazakh_and_russian() -> None:
    for key, entry in words().items():
        assert set(entry) == {"en", "kk", "ru"}, key
        assert all(text.strip() for text in entry.values()), key


def test_a_malformed_file_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "words.yaml"
    bad.write_text("Seats:\n  en: Seats\n  kk: Орындар\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words.yaml:2: Seats\.ru: required key missing"):
        load_words(bad)
    bad.write_text("Seats:\n  en: Seats\n  kk: Орындар\n  ru: Места\n  de: Sitze\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"words.yaml:5"):
        load_words(bad)


def test_a_word_reads_in_each_language() -> None:
    assert [word("Seats", lang) for lang in ("en", "kk", "ru")] == ["Seats", "Орындар",
                                                                    "Места"]
    assert word("not_adopted", "en") == "not adopted"
    assert word("no such key", "kk") == "no such key"
