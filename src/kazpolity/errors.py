"""Errors shared by every layer.

Bad input is a normal outcome, not a crash: each face turns an ``InputError`` into a
one-line message and exit code 2 (CLI) or a 4xx response (HTTP).
"""

from __future__ import annotations


class KazpolityError(Exception):
    """Base class of every error kazpolity raises on purpose."""


class InputError(KazpolityError, ValueError):
    """Input that breaks a documented rule; the message names the field and the rule."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class OutOfModelRange(InputError):
    """A date outside the span the rulebook models."""


class NotFound(InputError):
    """A named thing (election, key, commission) that does not exist."""


class DataFileError(KazpolityError):
    """A bundled data or parameter file that breaks its schema (file, key and line named)."""

    def __init__(self, path: str, line: int | None, key: str, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {key}: {message}")
