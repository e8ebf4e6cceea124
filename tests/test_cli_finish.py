"""Cross-cutting CLI behaviour: --lang, exit codes in --help, one-line errors."""

from __future__ import annotations

import os
from typing import Any

import pytest

from kazpolity.cli.__main__ import main
from kazpolity.cli.app import LANG_ENV


def test_lang_switches_place_names_and_does_not_leak(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ru", "institutions", "show", "--on", "2011-04-03"]) == 0
    out = capsys.readouterr().out
    assert "Столица: Астана" in out and "Карагандинская" in out
    assert main(["--lang", "kk", "institutions", "show", "--on", "1996-01-01"]) == 0
    assert "Елорда: Алматы" in capsys.readouterr().out
    assert LANG_ENV not in os.environ
    assert main(["institutions", "show", "--on", "2020-01-01"]) == 0
    assert "Capital: Nur-Sultan" in capsys.readouterr().out


def test_bad_lang_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de", "rules", "show"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --lang") and len(err.strip().splitlines()) == 1


def test_help_documents_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Exit codes" in out and "3 a drawing of lots" in out


def _leaves(command: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subs = getattr(command, "commands", None)
    if not subs:
        return [(path, command)]
    return [leaf for name, sub in subs.items() for leaf in _leaves(sub, (*path, name))]


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    import typer

    from kazpolity.cli.app import app, with_exit_codes

    return _leaves(with_exit_codes(typer.main.get_command(app)))


# Commands that print no results of their own: a server; an export, which writes its file.
NO_JSON = {("serve",), ("elections", "export")}


def test_every_command_documents_exit_codes_and_prints_json() -> None:
    from kazpolity.cli.exit_codes import EXIT_CODES_HELP

    commands = _commands()
    assert len(commands) > 30
    for path, command in commands:
        assert command.epilog == EXIT_CODES_HELP, path
        options = {opt for param in command.params for opt in getattr(param, "opts", ())}
        assert ("--json" in options) != (path in NO_JSON), path


def test_subcommand_help_shows_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["forensics", "report"], ["audit", "verify"], ["plot", "fingerprint"],
                 ["allocate"]):
        assert main([*args, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Exit codes" in out and "2 bad" in out, args


def test_shell_completion_is_enabled(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--install-completion" in out and "--show-completion" in out
    monkeypatch.setenv("_KAZPOLITY_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "kazpolity forensics int")
    monkeypatch.setenv("COMP_CWORD", "2")
    with pytest.raises(SystemExit) as done:  # Typer's completion hook exits by itself
        main([])
    assert done.value.code == 0
    assert capsys.readouterr().out.split() == ["integer-percent"]


def test_lang_is_accepted_after_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["institutions", "show", "--on", "2011-04-03", "--lang", "ru"]) == 0
    assert "Столица: Астана" in capsys.readouterr().out
    assert LANG_ENV not in os.environ
    assert main(["rules", "diff", "2019-01-01", "2020-01-01", "--lang", "de"]) == 2
    assert capsys.readouterr().err.startswith("error: --lang")


def test_every_command_takes_lang_and_help_shows_no_python_types(
        capsys: pytest.CaptureFixture[str]) -> None:
    for path, command in _commands():
        assert any(p.name == "lang" for p in command.params), path
    for args in (["--help"], ["rules", "show", "--help"], ["admin", "import-protocols", "--help"],
                 ["plot", "map", "--help"], ["serve", "--help"]):
        assert main(args) == 0
        out = capsys.readouterr().out
        for python_type in ("<bool>", "<str>", "<int>", "<Path>"):
            assert python_type not in out, (args, python_type)
    assert main(["rules", "show", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--on" in out and "TEXT" in out


@pytest.mark.parametrize("url", ["sqlite:////no/such/directory/kazpolity.db",
                                 "postgresql://nobody@127.0.0.1:1/none", "mysql://nobody@x/y"])
def test_a_bad_or_unreachable_database_is_one_line_and_exit_2(
        url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["admin", "list", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --db:") and len(err.strip().splitlines()) == 1, err


def test_a_file_that_is_not_a_database_is_exit_2(tmp_path: Any,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_text("not a database\n" * 100)
    assert main(["admin", "list", "--db", f"sqlite:///{garbage}"]) == 2
    err = capsys.readouterr().err
    assert "file is not a database" in err and len(err.strip().splitlines()) == 1


def test_serve_on_a_busy_port_is_exit_2_before_it_claims_to_serve(
        capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port), "--no-seed"]) == 2
    captured = capsys.readouterr()
    assert "serving on" not in captured.err + captured.out
    assert captured.err.startswith("error: --port: cannot listen on 127.0.0.1:")


def test_serve_collects_cycles_rarely(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` hands uvicorn a process whose collector runs at the serving thresholds,
    with what was loaded before frozen (``kazpolity.collector.collect_rarely``)."""
    import gc
    import socket

    import uvicorn

    from kazpolity.collector import RARE_THRESHOLDS

    seen: list[tuple[tuple[int, int, int], int]] = []
    options: list[dict[str, Any]] = []

    def run(*args: Any, **kwargs: Any) -> None:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        options.append(kwargs)

    monkeypatch.setattr(uvicorn, "run", run)
    before = gc.get_threshold()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    try:
        assert main(["serve", "--port", str(port), "--no-pin", "--db",
                     f"sqlite:///{tmp_path / 'served.db'}"]) == 0
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
    assert before != RARE_THRESHOLDS
    assert seen and seen[0][0] == RARE_THRESHOLDS and seen[0][1] > 0
    # Forwarded headers are read inside the app, and no header names the software.
    assert options[0]["proxy_headers"] is False and options[0]["server_header"] is False


def test_serve_pins_its_threads_and_gives_the_helper_the_other_cpus(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` keeps its own threads on one CPU and hands the rest to the signature
    helper (``signature_process.pin_serving_threads``); ``--no-pin`` leaves both alone."""
    import os
    import socket

    import uvicorn

    cpus = os.sched_getaffinity(0)
    seen: list[tuple[set[int], frozenset[int]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **k: seen.append(
        (os.sched_getaffinity(0), app.state.settings.signature_cpus)))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'served.db'}"
    try:
        assert main(["serve", "--port", str(port), "--db", url]) == 0
        assert main(["serve", "--port", str(port), "--db", url, "--no-pin"]) == 0
    finally:
        os.sched_setaffinity(0, cpus)
    pinned, unpinned = seen
    if len(cpus) >= 2:
        assert pinned == ({min(cpus)}, frozenset(cpus - {min(cpus)}))
    else:
        assert pinned == (cpus, frozenset())
    assert unpinned[1] == frozenset()


def test_a_missing_file_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["forensics", "integer-percent", "/no/such/file.csv"],
                 ["allocate", "/no/such/file.csv", "--seats", "10"],
                 ["institutions", "eligibility", "candidate", "/no/such/person.yaml"]):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2 and len(err.strip().splitlines()) == 1, (args, err)


def test_rules_diff_shows_only_changes_of_value(capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from kazpolity.law import changes_between

    # 1996-1999 holds source-only changes: values re-read in the 1996 party law and the
    # 1998 amendment of the Constitution, unchanged
    every = changes_between(date(1996, 1, 1), date(2000, 1, 1))
    real = [c for c in every if c.before is None or c.after is None
            or c.before.value != c.after.value]
    assert len(real) < len(every)
    assert main(["rules", "diff", "1996-01-01", "2000-01-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{len(real)} changes of value")
    assert len(lines) == 1 + len(real)
    assert main(["rules", "diff", "1996-01-01", "2000-01-01", "--all"]) == 0
    assert capsys.readouterr().out.startswith(f"{len(every)} changes")
    assert main(["rules", "diff", "2019-01-01", "2023-06-01", "--key", "majilis.threshold"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] and all(" majilis.threshold" in line for line in out[1:])
    assert any("7 → 5" in line for line in out)
    assert main(["rules", "diff", "2019-01-01", "2023-06-01", "--body", "nope"]) == 2


def test_text_output_has_no_python_reprs() -> None:
    from kazpolity.cli.text import plain

    assert plain(True) == "yes" and plain(None) == "—"
    assert plain({"ak-zhol": 6, "amanat": 40}) == "ak-zhol=6, amanat=40"
    assert plain(("a", "b")) == "a, b"


def test_progress_never_shows_an_unknown_total() -> None:
    from kazpolity.cli.progress import steps_label

    assert steps_label(0, None) == ""
    assert steps_label(1200, None) == "1,200 done"
    assert steps_label(3, 40) == "3/40"


def test_rules_show_titles_rules_in_the_chosen_language(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "--on", "2023-06-01", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Депутаты Мажилиса" in out and "seats_total" in out
    assert main(["rules", "show", "--on", "2023-06-01"]) == 0
    assert "Депутаты Мажилиса" not in capsys.readouterr().out
