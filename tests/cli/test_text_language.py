"""The CLI's text output in Kazakh and Russian carries no English sentences: every heading,
label and unit of ``elections``, ``allocate``, ``rules``, ``institutions`` and every
``forensics`` command follows ``--lang`` (the same checker as the page survey,
``tests.text_language``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kazpolity.cli.app import main
from kazpolity.simulate.election import ElectionSpec, generate_election
from tests.text_language import latin_lines

VOTES = "party,votes\nAmanat,3431510\nAuyl,693938\nRespublica,547154\nAk Zhol,535139\n" \
        "Against all,248291\n"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cli-text")
    votes = folder / "votes.csv"
    votes.write_text(VOTES, encoding="utf-8")
    e = generate_election(ElectionSpec(n_regions=3, precincts_per_region=40), seed=1)
    precincts = folder / "precincts.csv"
    frame = pd.DataFrame({"uik": [f"U{i}" for i in range(e.registered.size)],
                          "registered": e.registered, "issued": e.issued, "valid": e.valid,
                          "invalid": e.invalid, "leader": e.votes[:, 0],
                          "other": e.votes[:, 1], "region": e.region})
    frame.to_csv(precincts, index=False)
    copies = folder / "copies.csv"
    sample = frame.iloc[::3].copy()
    sample.loc[sample.index[0], "leader"] -= 25
    sample.to_csv(copies, index=False)
    return {"votes": votes, "precincts": precincts, "copies": copies}


MAP = ["--map", "registered=registered", "--map", "issued=issued", "--map", "valid=valid",
       "--map", "invalid=invalid", "--map", "leader=leader", "--map", "party:other=other",
       "--map", "region=region"]

PRECINCT = ["--map", "precinct=uik"]

COMMANDS: dict[str, list[str]] = {
    "elections-list": ["elections", "list"],
    "elections-show-majilis": ["elections", "show", "majilis-2023"],
    "elections-show-president": ["elections", "show", "president-2019"],
    "elections-show-referendum": ["elections", "show", "referendum-2026"],
    "elections-show-senate": ["elections", "show", "senate-2023"],
    "elections-reproduce": ["elections", "reproduce"],
    "elections-rerun-quota": ["elections", "rerun", "majilis-2023", "--under", "2019-01-01"],
    "elections-rerun-divisor": ["elections", "rerun", "majilis-2023", "--under", "2023-03-19",
                                "--method", "dhondt"],
    "elections-rerun-president": ["elections", "rerun", "president-2019", "--under",
                                  "2005-01-01"],
    "allocate-quota": ["allocate", "{votes}", "--seats", "20", "--method", "hare",
                       "--threshold", "5"],
    "allocate-divisor": ["allocate", "{votes}", "--seats", "20", "--method", "dhondt"],
    "rules-show": ["rules", "show", "--on", "2023-06-01"],
    "rules-diff": ["rules", "diff", "2019-01-01", "2023-06-01"],
    "rules-explain": ["rules", "explain", "majilis.threshold_percent", "--on", "2023-06-01"],
    "institutions": ["institutions", "show", "--on", "2024-01-01"],
    "forensics-report": ["forensics", "report", "{precincts}", *MAP, "--replicates", "20"],
    "forensics-consistency": ["forensics", "consistency", "{precincts}", *MAP],
    "forensics-integer": ["forensics", "integer-percent", "{precincts}", *MAP,
                          "--replicates", "20"],
    "forensics-shpilkin": ["forensics", "shpilkin", "{precincts}", *MAP],
    "forensics-fingerprint": ["forensics", "fingerprint", "{precincts}", *MAP],
    "forensics-fingerprint-by": ["forensics", "fingerprint", "{precincts}", *MAP, "--by",
                                 "region"],
    "forensics-consistency-by": ["forensics", "consistency", "{precincts}", *MAP, "--by",
                                 "region"],
    "forensics-klimek-fit": ["forensics", "klimek-fit", "{precincts}", *MAP,
                             "--replicates", "2"],
    "forensics-switching": ["forensics", "switching", "{precincts}", *MAP,
                            "--replicates", "9"],
    "forensics-switching-no-bootstrap": ["forensics", "switching", "{precincts}", *MAP,
                                         "--replicates", "0"],
    "forensics-digits": ["forensics", "digits", "{precincts}", *MAP, "--by", "region",
                         "--replicates", "20"],
    "forensics-copies": ["forensics", "copies", "{precincts}", "--copies", "{copies}", *MAP,
                         *PRECINCT],
    "forensics-panel": ["forensics", "panel", "{precincts}", "{copies}", "--label", "2019",
                        "--label", "2022", *MAP],
    "forensics-pvt-sample": ["forensics", "pvt", "sample", "{precincts}", *MAP, *PRECINCT,
                             "--seed", "3", "--margin", "0.05"],
    "forensics-pvt-estimate": ["forensics", "pvt", "estimate", "{precincts}", "--sample",
                               "{copies}", *MAP, *PRECINCT],
}
"""Every text command of the brief, one invocation each (a quota and a divisor method; the
switching mixture with and without its bootstrap)."""


def run(args: list[str], files: dict[str, Path], lang: str,
        capsys: pytest.CaptureFixture[str]) -> str:
    argv = [arg.format(**{k: str(v) for k, v in files.items()}) for arg in args]
    code = main([*argv, "--lang", lang])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_text_output_has_no_english_sentences(name: str, lang: str, files: dict[str, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = run(COMMANDS[name], files, lang, capsys)
    assert out.strip()
    assert latin_lines(out) == []


def test_the_allocation_table_is_headed_and_numbered_in_the_language(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """A divisor method in Russian: its own table (seat, list, divisor, average), numbers
    with a narrow no-break space; a quota method in Kazakh with quotient and remainder."""
    divisor = run(COMMANDS["allocate-divisor"], files, "ru", capsys)
    head = divisor.splitlines()
    assert any(line.split()[:4] == ["партия", "голоса", "доля,", "%"] for line in head)
    assert "делитель" in divisor and "частное" in divisor and "остаток" not in divisor
    assert "3\u202f431\u202f510" in divisor and "Аманат" in divisor
    quota = run(COMMANDS["allocate-quota"], files, "kk", capsys)
    assert "бөлінді" in quota and "қалдық" in quota and "Квота (Хэйр" in quota
    shown = run(COMMANDS["elections-show-majilis"], files, "ru", capsys)
    assert "Приняли участие в голосовании: 6\u202f521\u202f860" in shown


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_stratum_the_method_cannot_feed_says_why_in_the_language(
        lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    e = generate_election(ElectionSpec(n_regions=2, precincts_per_region=15), seed=2)
    small = tmp_path / "small.csv"
    pd.DataFrame({"registered": e.registered, "issued": e.issued, "valid": e.valid,
                  "invalid": e.invalid, "leader": e.votes[:, 0], "other": e.votes[:, 1],
                  "region": e.region}).to_csv(small, index=False)
    out = run(["forensics", "shpilkin", str(small), *MAP, "--by", "region"],
              {"votes": small}, lang, capsys)
    expected = {"kk": "іске қосылмады: кемінде 20 жарамды учаске қажет (табылғаны 15)",
                "ru": "не выполнено: нужно не менее 20 пригодных участков (найдено 15)"}
    assert expected[lang] in out
    assert latin_lines(out) == []


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", "Шекарада: α = 0,5 өз торының шетінде [0,5; 1; 1,67; 2; 3,33]"),
    ("ru", "На границе: α = 0,5 на краю своей сетки [0,5; 1; 1,67; 2; 3,33]")])
def test_an_estimate_on_a_bound_is_said_from_its_typed_fields(
        lang: str, expected: str, files: dict[str, Path],
        capsys: pytest.CaptureFixture[str]) -> None:
    """The English note (``alpha 0.5 at an edge of its grid [0.5, 1.0, …]``) in the reader's
    language, numbers per locale, the grid with semicolons."""
    english = run(COMMANDS["forensics-klimek-fit"], files, "en", capsys)
    assert "On a bound: alpha 0.5 at an edge of its grid [0.5, 1.0, 1.67, 2.0, 3.33]" in english
    assert expected in run(COMMANDS["forensics-klimek-fit"], files, lang, capsys)


def test_the_copies_and_a_switching_run_without_bootstrap_read_in_russian(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    """The hand-made difference of 25 leader votes in U0 is found and named in Russian; with
    no bootstrap replicates the p-value says so."""
    copies = run(COMMANDS["forensics-copies"], files, "ru", capsys)
    assert "U0 (R01) лидер: официально" in copies and "(+25)" in copies
    none = run(COMMANDS["forensics-switching-no-bootstrap"], files, "ru", capsys)
    assert "p = нет (бутстрэп не проводился)" in none
