"""An official result's reproduction and its disproportionality indices as text in the
reader's language, from the record's typed fields.

English shows the working (what was checked, the notes) as before; Kazakh and Russian show
the outcome the fields state — the winner and the base of the share, a referendum's turnout
and "yes" share, a list election's seat string — the way the dashboard renders them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from kazpolity.elections.reproduce import Reproduction
from kazpolity.names import result_name
from kazpolity.presentation.election_text import reproduction_detail
from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_number
from kazpolity.presentation.words import word

INDEX_NAMES: Final[Mapping[str, str]] = {
    "gallagher": "Gallagher (least squares), %",
    "loosemore_hanby": "Loosemore–Hanby, %",
    "sainte_lague": "Sainte-Laguë index",
    "enp_votes": "Effective number of lists (votes)",
    "enp_seats": "Effective number of lists (seats)",
}
"""The disproportionality indices by key, as the word catalogue names them."""


def indices_text(indices: Mapping[str, float], lang: Language | str) -> str:
    """``Disproportionality (list tier): Gallagher (least squares), % 2.19; …``."""
    shown = "; ".join(f"{word(INDEX_NAMES.get(key, key), lang)} {format_number(value, lang, 4)}"
                      for key, value in indices.items())
    return f"{word('Disproportionality (list tier)', lang)}: {shown}"


def reproduction_cells(check: Reproduction, lang: Language | str) -> tuple[str, str]:
    """The official and the computed result of a reproduction in ``lang``."""
    language = Language(lang)
    if language is Language.EN:
        return check.official, check.computed
    official = result_name(check.official, language.value) if check.share_base else word(
        check.official, language)
    if check.winner_percent is not None and check.winner is not None:
        computed = (f"{result_name(check.winner, language.value)} "
                    f"({format_number(check.winner_percent, language)}% "
                    f"{word('share of ' + check.share_base, language)})")
    elif check.turnout_percent is not None and check.yes_percent is not None:
        computed = (f"{word(check.outcome, language)} ({word('turnout', language)} "
                    f"{format_number(check.turnout_percent, language)}%, "
                    f"{word('yes', language)} {format_number(check.yes_percent, language)}%)")
    else:
        computed = word(check.computed, language)
    return official, computed


def reproduction_text(check: Reproduction, lang: Language | str) -> str:
    """``match — official …, computed …`` with the steps that complete the detail."""
    language = Language(lang)
    official, computed = reproduction_cells(check, language)
    detail = reproduction_detail(check, language)
    return (f"{word(check.status, language)} — {word('official', language)} {official}, "
            f"{word('computed', language)} {computed}" + (f" {detail}" if detail else ""))
