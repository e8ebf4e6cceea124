"""Rules as readers see them, in their language: a title per key (not the key), values in
words (not identifiers), the act's title and the article in the language's own form.

English comes from the rulebook itself (each parameter's ``description``, the act titles of
``acts.yaml``); Kazakh and Russian from the label files of ``kazpolity.names.labels``. What
has no translation yet (a rule's research note, an article's English gloss) is kept apart:
the dashboard puts it in a "source" disclosure marked as English, the CLI prints it in English
only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

from kazpolity.errors import KazpolityError
from kazpolity.law import laws
from kazpolity.law.model import LeafValue, Source, display_value
from kazpolity.names.labels import label
from kazpolity.presentation.numbers import format_int
from kazpolity.presentation.words import word

ARTICLE = re.compile(r"^(?P<word>Arts?\.)\s*(?P<refs>[0-9][0-9A-Za-z\-()]*(?:\s*(?:,|and|-)\s*"
                     r"[0-9][0-9A-Za-z\-()]*)*)(?P<rest>.*)$")


@dataclass(frozen=True)
class Article:
    """An article citation split into what every language can show (``Art. 50(3)``) and the
    English gloss that may follow it."""

    shown: str
    gloss: str


def rule_title(key: str, lang: str) -> str:
    """The human title of a rule key in ``lang`` (its English description in English)."""
    try:
        description = laws().parameter(key).description
    except KazpolityError:
        description = key
    return description if lang == "en" else label("rule_titles", key, lang, description)


def rule_value(value: LeafValue, lang: str) -> str:
    """A rule's value for readers: numbers in the language's style, yes/no and identifiers
    in words."""
    if isinstance(value, bool):
        return label("values", "yes" if value else "no", lang)
    if isinstance(value, int):
        return format_int(value, lang)
    if isinstance(value, Fraction) and value.denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, str):
        return label("values", value, lang, value)
    if isinstance(value, tuple):
        return ", ".join(label("values", str(item), lang, str(item)) for item in value) or "—"
    return display_value(value)


@cache
def _act_ids() -> dict[str, str]:
    """Act title → act id, for sources that carry only the title (derived rules)."""
    from kazpolity.law.loader import load_acts
    from kazpolity.law.rulebook import PARAMETERS_DIR

    return {act.title: act_id for act_id, act in load_acts(PARAMETERS_DIR / "acts.yaml").items()}


def act_title(source: Source, lang: str) -> str:
    """The cited act's title in ``lang``."""
    if lang == "en":
        return source.act
    act_id = source.act_id or _act_ids().get(source.act, "")
    return label("acts", act_id, lang, source.act) if act_id else word(source.act, lang)


def article(text: str, lang: str) -> Article:
    """``Art. 50(3)`` as ``50(3)-бап`` (kk) or ``ст. 50(3)`` (ru); an English gloss after the
    article numbers, or an article not of that form, is returned apart as ``gloss``."""
    if lang == "en":
        return Article(text, "")
    match = ARTICLE.match(text.strip())
    if match is None:
        return Article("", text)
    refs = re.sub(r"\s+and\s+", ", ", match["refs"].strip())
    shown = f"{refs}-бап" if lang == "kk" else f"ст. {refs}"
    return Article(shown, match["rest"].strip(" ,;"))


def source_text(source: Source, lang: str) -> str:
    """The act and the article a rule cites, in ``lang`` (the English gloss in English only)."""
    if lang == "en":
        return f"{source.act}, {source.article}"
    shown = article(source.article, lang).shown
    return act_title(source, lang) + (f", {shown}" if shown else "")
