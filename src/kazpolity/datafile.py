"""Strict reading of the bundled YAML data files (the law's parameters, the regions).

A bundled file that is silently misread is worse than one that fails to load, so files are
composed into YAML nodes (which keep their line numbers) and walked by hand: duplicate and
unknown keys, wrong types and malformed dates are refused with a ``DataFileError`` that
names the file, the line and the dotted key.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from kazpolity.errors import DataFileError

NodePair = tuple[yaml.Node, yaml.Node]


class YamlReader:
    """Walks a composed YAML node tree so that every error can name its line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node: yaml.Node | None, key: str, message: str) -> DataFileError:
        line = node.start_mark.line + 1 if node is not None else None
        return DataFileError(str(self.path), line, key, message)

    def compose(self) -> yaml.Node:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as err:
            raise self.fail(None, "(file)", f"cannot read: {err.strerror}") from err
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise DataFileError(str(self.path), line, "(syntax)",
                                str(err).splitlines()[0]) from err
        if node is None:
            raise self.fail(None, "(file)", "empty file")
        return node

    def scalar(self, node: yaml.Node, key: str) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, key, "expected a single value")
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError) as err:
            raise self.fail(node, key, f"{node.value!r} is not a valid value ({err})") from err

    def mapping(
        self,
        node: yaml.Node,
        key: str,
        allowed: frozenset[str] | None = None,
        required: frozenset[str] = frozenset(),
        *,
        text_keys: bool = True,
    ) -> dict[Any, NodePair]:
        """A mapping as {key: (key node, value node)}; duplicate, unknown, missing keys fail.

        ``allowed=None`` accepts any key; ``text_keys=False`` lets keys be other scalars
        (the parameter files key values by date).
        """
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, key, "expected a mapping")
        result: dict[Any, NodePair] = {}
        for key_node, value_node in node.value:
            name = self.scalar(key_node, key)
            child = f"{key}.{name}" if key else str(name)
            if text_keys and not isinstance(name, str):
                raise self.fail(key_node, child, "keys must be text")
            if name in result:
                raise self.fail(key_node, child, "duplicate key")
            if allowed is not None and name not in allowed:
                raise self.fail(key_node, child,
                                f"unknown key (allowed: {', '.join(sorted(allowed))})")
            result[name] = (key_node, value_node)
        for name in sorted(required - result.keys()):
            raise self.fail(node, f"{key}.{name}" if key else name, "required key missing")
        return result

    def sequence(self, node: yaml.Node, key: str, *, non_empty: bool = False
                 ) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, key, "expected a list")
        if non_empty and not node.value:
            raise self.fail(node, key, "must not be empty")
        return list(node.value)

    def text(self, node: yaml.Node, key: str) -> str:
        value = self.scalar(node, key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(node, key, "expected non-empty text")
        return value.strip()

    def optional_text(self, node: yaml.Node, key: str) -> str | None:
        return None if self.scalar(node, key) is None else self.text(node, key)

    def flag(self, node: yaml.Node, key: str) -> bool:
        value = self.scalar(node, key)
        if not isinstance(value, bool):
            raise self.fail(node, key, "expected true or false")
        return value

    def day(self, node: yaml.Node, key: str) -> date:
        value = self.scalar(node, key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value)
            except ValueError:
                raise self.fail(node, key, f"expected a date YYYY-MM-DD, got {value!r}") from None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(node, key, f"expected a date YYYY-MM-DD, got {node.value!r}")
        return value

    def optional_day(self, node: yaml.Node, key: str) -> date | None:
        return None if self.scalar(node, key) is None else self.day(node, key)

    def url(self, node: yaml.Node, key: str) -> str:
        value = self.text(node, key)
        if not value.startswith(("https://", "http://")):
            raise self.fail(node, key, f"expected an http(s) URL, got {value!r}")
        return value

    def plain(self, node: yaml.Node, key: str = "") -> Any:
        """The node as plain data (dicts, lists, scalars), refusing duplicate keys.

        For files whose own reader checks the shape afterwards: what ``yaml.safe_load``
        would give, except that a key written twice is an error naming its line.
        """
        if isinstance(node, yaml.MappingNode):
            return {name: self.plain(value, f"{key}.{name}" if key else str(name))
                    for name, (_, value) in self.mapping(node, key, text_keys=False).items()}
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(item, f"{key}[{index}]") for index, item in enumerate(node.value)]
        return self.scalar(node, key)


def read_data(path: Path) -> Any:
    """A bundled data file as plain data, strictly (see ``YamlReader.plain``)."""
    reader = YamlReader(path)
    return reader.plain(reader.compose())
