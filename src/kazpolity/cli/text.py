"""Values in the CLI's text output as people read them, never as Python reprs."""

from __future__ import annotations


def plain(value: object) -> str:
    """A value for people: yes/no for booleans, a dash for nothing, ``a=1, b=2`` for a
    mapping, ``a, b`` for a list — never a Python repr."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{key}={plain(item)}" for key, item in value.items()) or "—"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(plain(item) for item in value) or "—"
    return str(value)
