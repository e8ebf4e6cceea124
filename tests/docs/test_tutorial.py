"""The tutorial cannot drift: its Python blocks run (their ``assert`` lines state the values the
text shows), its ``kazpolity`` commands exit 0, and the site builds offline with ``--strict``."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kazpolity.cli.app import main  # the function the console script (cli.__main__) runs

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
OUTPUT_OPTIONS = {"-o", "--output", "--out"}
REMOTE_ASSET = re.compile(r"<(?:script[^>]*\ssrc|link[^>]*\shref)\s*=\s*[\"']?(?:https?:)?//",
                          re.IGNORECASE)


def fenced_blocks(language: str) -> list[str]:
    text = TUTORIAL.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)


def tutorial_commands() -> list[list[str]]:
    """Every ``kazpolity …`` line of the shell blocks, as arguments (``serve`` left out)."""
    commands = []
    for block in fenced_blocks("sh"):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == "kazpolity" and "serve" not in words:
                commands.append(words[1:])
    return commands


@pytest.fixture(scope="module")
def tutorial_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A directory where every Python block of the tutorial ran, in order, in one namespace
    (the blocks write ``votes.csv`` for the shell commands)."""
    directory = tmp_path_factory.mktemp("tutorial")
    before = Path.cwd()
    os.chdir(directory)
    try:
        namespace: dict[str, object] = {"__name__": "tutorial"}
        for number, block in enumerate(fenced_blocks("python"), start=1):
            exec(compile(block, f"{TUTORIAL.name} python block {number}", "exec"), namespace)
        yield directory
    finally:
        os.chdir(before)


def test_every_python_block_runs_and_its_asserts_hold(tutorial_dir: Path) -> None:
    blocks = fenced_blocks("python")
    assert len(blocks) >= 7, "one block per task of the tutorial"
    assert sum(block.count("\nassert ") for block in blocks) >= 20
    assert (tutorial_dir / "votes.csv").read_text(encoding="utf-8").startswith(
        "party,votes\nAmanat,3431510\n")
    assert (tutorial_dir / "majilis-2023.csv").exists()


@pytest.mark.parametrize("args", tutorial_commands(), ids=" ".join)
def test_every_command_exits_zero(args: list[str], tutorial_dir: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tutorial_dir)
    written = []
    for index, word in enumerate(args[:-1]):
        if word in OUTPUT_OPTIONS:
            args[index + 1] = str(tmp_path / Path(args[index + 1]).name)
            written.append(Path(args[index + 1]))
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip() or written
    assert all(path.stat().st_size > 0 for path in written)


def test_the_tutorial_has_a_command_for_every_task() -> None:
    commands = {args[0] if args[0] == "allocate" else " ".join(args[:2])
                for args in tutorial_commands()}
    assert {"rules explain", "rules diff", "elections show", "elections rerun", "allocate",
            "elections export", "institutions show"} <= commands


def test_the_site_builds_strictly_and_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                            "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                           cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert build.returncode == 0, build.stderr
    for page in ("index.html", "tutorial/index.html", "reference/index.html"):
        assert (site / page).is_file(), page
    reference = (site / "reference" / "index.html").read_text(encoding="utf-8")
    assert "kazpolity.public_api" in reference and "official_election" in reference
    remote = [f"{page.relative_to(site)}: {match.group(0)}"
              for page in site.rglob("*.html")
              for match in REMOTE_ASSET.finditer(page.read_text(encoding="utf-8"))]
    assert remote == []
