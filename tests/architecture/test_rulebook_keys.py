"""Every rulebook key the code names exists in the parameter files.

A key is looked up at run time (``rb.int_("dissolution.min_years_between")``), so a typo or a
renamed parameter would otherwise surface only when that branch runs. This test reads every
string literal in the package whose first segment names a body of law and checks it against
the keys the loader built from ``law/parameters/*.yaml``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from kazpolity.law import laws

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kazpolity"
KEY = re.compile(r"^([a-z_]+)\.([a-z0-9_]+)$")


def _literals(path: Path) -> list[tuple[int, str]]:
    """Whole string literals (the pieces of an f-string are prefixes, not keys)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    pieces = {id(value) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
              for value in node.values}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in pieces and not node.value.endswith(".yaml")]


def named_keys() -> dict[str, list[str]]:
    """Each rulebook-shaped literal in the package, with where it is written."""
    bodies = set(laws().bodies)
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for line, text in _literals(path):
            match = KEY.match(text)
            if match and match.group(1) in bodies:
                found.setdefault(text, []).append(f"{path.relative_to(SOURCE)}:{line}")
    return found


def test_the_code_names_many_rulebook_keys() -> None:
    # The procedures alone name well over a hundred; a scan finding few is a broken scan.
    assert len(named_keys()) > 100


def test_every_key_named_in_code_is_in_the_parameter_files() -> None:
    # Each body's existence interval is a rule too (``<body>.exists``, law/model.py).
    known = set(laws().keys()) | {f"{body}.exists" for body in laws().bodies}
    missing = {key: places for key, places in named_keys().items() if key not in known}
    assert not missing, f"rulebook keys named in code but not declared: {missing}"
