"""The estimates on a bound, said in Kazakh and Russian from their typed fields (the switching
mixture's caps, hand-made; the English note is the engine's own)."""

from __future__ import annotations

from kazpolity.forensics.on_bound import BoundKind, OnBound
from kazpolity.presentation.forensic_model_text import bound_lines, decimal_as_written
from kazpolity.presentation.language import Language


def test_the_switching_caps_in_russian_and_kazakh() -> None:
    bounds = [OnBound(BoundKind.SHARE_UPPER, "share_switched", 0.5, 0.5, "english"),
              OnBound(BoundKind.FRACTION_ZERO, "fraction_switched", 0.0, 0.0, "english")]
    assert bound_lines(bounds, Language.RU) == [
        "На границе: доля участков с переброской на верхней границе 0,5 (такие участки "
        "предполагаются меньшинством; данные тянут дальше); доля переброшенных голосов "
        "равна 0."]
    assert bound_lines(bounds, Language.KK)[0].startswith(
        "Шекарада: ауысу болған учаскелер үлесі жоғарғы шегінде, 0,5")
    assert bound_lines([], Language.KK) == []


def test_a_value_keeps_the_places_it_was_written_with() -> None:
    assert [decimal_as_written(v, Language.RU) for v in (0.5, 1.67, 2.0, 0.09669)] == [
        "0,5", "1,67", "2", "0,09669"]
    assert decimal_as_written(-0.0858, Language.KK) == "\u22120,0858"
