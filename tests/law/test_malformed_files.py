"""One test per malformed-parameter-file case: each is refused naming the file, key and line."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from kazpolity.errors import DataFileError
from kazpolity.law.loader import ModelSpan, load_acts, load_body

SPAN = ModelSpan(date(1995, 8, 30), date(2026, 12, 31))

ACTS = """\
act-a:
  title: An act
  date: 1995-08-30
  url: https://example.org/act-a
"""

GOOD = """\
body: chamber
title: A chamber
exists:
  - from: 1995-08-30
    source: {act: act-a, article: "Art. 1"}
parameters:
  seats:
    description: Seats
    unit: seats
    type: int
    values:
      1995-08-30: {value: 67, source: {act: act-a, article: "Art. 2"}}
      2007-05-21: {value: 107, source: {act: act-a, article: "Art. 2"}}
"""


def load(tmp_path: Path, text: str, acts: str = ACTS) -> object:
    (tmp_path / "acts.yaml").write_text(acts)
    path = tmp_path / "chamber.yaml"
    path.write_text(textwrap.dedent(text))
    return load_body(path, load_acts(tmp_path / "acts.yaml"), SPAN)


def test_good_file_loads(tmp_path: Path) -> None:
    body = load(tmp_path, GOOD)
    rules = body.parameters["seats"].timeline  # type: ignore[attr-defined]
    assert [(r.valid_from, r.valid_until, r.value) for r in rules] == [
        (date(1995, 8, 30), date(2007, 5, 21), 67), (date(2007, 5, 21), None, 107)]


CASES = [
    ("missing source", GOOD.replace(', source: {act: act-a, article: "Art. 2"}}', "}", 1),
     "chamber.seats.values.1995-08-30.source", 12),
    ("unknown act",
     GOOD.replace("act: act-a, article: \"Art. 2\"", "act: act-z, article: \"x\"", 1),
     "chamber.seats.values.1995-08-30.source.act", 12),
    ("missing article", GOOD.replace(', article: "Art. 2"', "", 1),
     "chamber.seats.values.1995-08-30.source.article", 12),
    ("unsorted dates", GOOD.replace("2007-05-21:", "1994-01-01:"),
     "chamber.seats.values.1994-01-01", 13),
    ("overlapping (duplicate) date", GOOD.replace("2007-05-21:", "1995-08-30:"),
     "chamber.seats.values.1995-08-30", 13),
    ("unknown key in a value", GOOD.replace("{value: 107,", "{valeu: 107,"),
     "chamber.seats.values.2007-05-21.valeu", 13),
    ("unknown key in a parameter",
     GOOD.replace("    unit: seats\n", "    unit: seats\n    colour: red\n"),
     "chamber.seats.colour", 10),
    ("wrong type", GOOD.replace("value: 107", "value: many"),
     "chamber.seats.values.2007-05-21.value", 13),
    ("bool where int", GOOD.replace("value: 107", "value: true"),
     "chamber.seats.values.2007-05-21.value", 13),
    ("null not declared nullable", GOOD.replace("value: 107", "value: null"),
     "chamber.seats.values.2007-05-21.value", 13),
    ("malformed date key", GOOD.replace("2007-05-21:", "2007-13-40:"),
     "chamber.seats.values", 13),
    ("date outside the model", GOOD.replace("2007-05-21:", "2030-01-01:"),
     "chamber.seats.values.2030-01-01", 13),
    ("gap before the first value", GOOD.replace("1995-08-30: {value: 67", "1996-01-01: {value: 67"),
     "chamber.seats.values.1996-01-01", 12),
    ("unverified without a note",
     GOOD.replace('{value: 107, source: {act: act-a, article: "Art. 2"}}',
                  '{value: 107, unverified: true, source: {act: act-a, article: "Art. 2"}}'),
     "chamber.seats.values.2007-05-21.note", 13),
    ("bad url", GOOD.replace('article: "Art. 2"}}', 'article: "Art. 2", url: "ftp://x"}}', 1),
     "chamber.seats.values.1995-08-30.source.url", 12),
    ("unknown type", GOOD.replace("type: int", "type: integer"), "chamber.seats.type", 10),
    ("body name differs from file", GOOD.replace("body: chamber", "body: senate"), "body", 1),
    ("missing required top key", GOOD.replace("title: A chamber\n", ""), "title", 1),
    ("yaml syntax error", GOOD + "  bad: [unclosed\n", "(syntax)", None),
    ("end date without the source that ended it",
     GOOD.replace('    source: {act: act-a, article: "Art. 1"}\n',
                  '    until: 2026-07-01\n    source: {act: act-a, article: "Art. 1"}\n'),
     "chamber.exists[0].until_source", 4),
    ("repeal that is not last",
     GOOD.replace("1995-08-30: {value: 67, source: {act: act-a, article: \"Art. 2\"}}",
                  "1995-08-30: {value: 67, source: {act: act-a, article: \"Art. 2\"}}\n"
                  "      2000-01-01: {repealed: true, source: {act: act-a, article: \"Art. 3\"}}"),
     "chamber.seats.values.2000-01-01", 13),
]


@pytest.mark.parametrize(("case", "text", "key", "line"), CASES, ids=[c[0] for c in CASES])
def test_malformed_file_is_refused_naming_key_and_line(
    tmp_path: Path, case: str, text: str, key: str, line: int | None
) -> None:
    with pytest.raises(DataFileError) as caught:
        load(tmp_path, text)
    error = caught.value
    assert error.key == key, f"{case}: {error}"
    assert error.path.endswith("chamber.yaml")
    if line is not None:
        assert error.line == line, f"{case}: {error}"


def test_choices_are_enforced(tmp_path: Path) -> None:
    text = GOOD.replace("type: int", "type: str\n    choices: [pass, fail]").replace(
        "value: 67", "value: pass").replace("value: 107", "value: maybe")
    with pytest.raises(DataFileError, match="not one of"):
        load(tmp_path, text)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="empty file"):
        load(tmp_path, "")


def test_act_without_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as caught:
        load(tmp_path, GOOD, acts="act-a:\n  title: An act\n  date: 1995-08-30\n")
    assert caught.value.key == "act-a.url"
