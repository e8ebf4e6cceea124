"""The one checker of "no English sentences in Kazakh and Russian text", shared by the page
survey (tests/web) and the CLI text tests (tests/cli): a line with four or more Latin-script
words, outside a short allow-list of proper names and acronyms, is an English line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

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


class _PageText(HTMLParser):
    """The text a reader sees with every section open (a chart's labels included): no scripts,
    styles, tooltips, code,
    text shown as entered (``translate="no"``) or the closed "source notes (in English)"
    disclosure — the same reading as the browser survey's."""

    SKIP = frozenset({"script", "style", "code", "kbd", "title", "desc", "metadata"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "col", "area", "base",
                      "wbr", "source"})
    BLOCK = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "section", "details",
                       "summary", "table", "ul", "ol", "dt", "dd", "header", "nav", "main",
                       "footer", "caption", "figcaption", "form", "label", "option"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        found = dict(attrs)
        hidden = (tag in self.SKIP or found.get("translate") == "no"
                  or (tag == "details" and "source-notes" in (found.get("class") or "")))
        self.stack.append((tag, hidden))
        self.parts.append("\n" if tag in self.BLOCK else " " if tag in ("td", "th") else "")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not any(hidden for _, hidden in self.stack):
            self.parts.append(data)


def page_text(html: str) -> str:
    """The visible text of a page, one block per line."""
    reader = _PageText()
    reader.feed(html)
    return re.sub(r"[ \t]+", " ", "".join(reader.parts))


def without(text: str, phrases: Iterable[str]) -> str:
    """``text`` with each of ``phrases`` removed (names with no Kazakh or Russian form, which
    the names catalogue marks ``english_only`` and shows in English on purpose)."""
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, "")
        for cut in range(len(phrase) - 1, 7, -1):  # a chart legend shortens long names: "…"
            text = text.replace(phrase[:cut].rstrip() + "…", "")
    return text
