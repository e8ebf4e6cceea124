"""The layer contracts in ``pyproject.toml`` hold (import-linter), and they can break.

``make lint`` runs ``lint-imports`` too; this test keeps the contracts in the suite, and its
second half shows that a face importing another face is caught.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(config: Path) -> int:
    from importlinter.cli import lint_imports

    return int(lint_imports(config_filename=str(config), no_cache=True))


def test_the_layer_contracts_are_kept() -> None:
    assert _check(ROOT / "pyproject.toml") == 0


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    def layers(order: str) -> int:
        config = tmp_path / "contracts.toml"
        config.write_text(
            '[tool.importlinter]\nroot_package = "kazpolity"\n'
            '[[tool.importlinter.contracts]]\nname = "order"\ntype = "layers"\n'
            f'containers = ["kazpolity"]\nlayers = {order}\n', encoding="utf-8")
        return _check(config)

    # The composition root imports the pages: it sits above them, never below.
    assert layers('["server", "web"]') == 0
    assert layers('["web", "server"]') == 1
