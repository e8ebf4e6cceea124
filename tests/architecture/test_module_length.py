"""No module in ``src/kazpolity`` runs over 600 lines (issue 14, item 10): a module that
grows past it holds more than one idea and is split where the ideas part."""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kazpolity"
LIMIT = 600


def long_modules(root: Path, limit: int = LIMIT) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            found.append(f"{path.relative_to(root)} ({count})")
    return found


def test_no_module_is_over_the_limit() -> None:
    assert long_modules(SOURCE) == []


def test_the_measure_finds_a_long_module(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT, encoding="utf-8")
    (tmp_path / "long.py").write_text("x = 1\n" * (LIMIT + 1), encoding="utf-8")
    assert long_modules(tmp_path) == [f"long.py ({LIMIT + 1})"]
