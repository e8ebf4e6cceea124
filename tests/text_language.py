"""The one checker of "no English sentences in Kazakh and Russian text", shared by the page
survey (tests/web) and the CLI text tests (tests/cli): a line with four or more Latin-script
words, outside a short allow-list of proper names and acronyms, is an English line."""

from __future__ import annotations

import re

PROPER_NAMES: frozenset[str] = frozenset({
    "kazpolity", "API", "ReDoc", "JSON", "CSV", "SVG", "OSCE", "ODIHR", "CEC", "SHA-256",
    "Art", "D'Hondt", "Hare", "Sainte-Laguë", "Klimek", "Benford", "Nur", "Otan", "Ak",
    "Zhol", "Auyl", "QHP", "OSDP", "Respublica", "Amanat", "Baytaq", "AIST", "Adal", "Asar",
})
"""Latin-script words allowed in Kazakh and Russian text: proper names and acronyms."""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
TOKEN_SPLIT = re.compile(r"[\s,;:()«»\"—–·|│┃]+")


def latin_words(line: str) -> list[str]:
    """The Latin-script words of a line: tokens of letters only (identifiers such as
    ``majilis.seats_total``, ``const-1995`` or ``/api/v1`` and allowed proper names are not
    words)."""
    tokens = (token.strip(".!?…'’") for token in TOKEN_SPLIT.split(line))
    return [token for token in tokens
            if token and LATIN_WORD.fullmatch(token) and token not in PROPER_NAMES]


def latin_lines(text: str) -> list[str]:
    """Lines with four or more Latin-script words that are not allowed proper names."""
    found = []
    for line in text.splitlines():
        if len(latin_words(line)) >= 4:
            found.append(line.strip()[:160])
    return found
