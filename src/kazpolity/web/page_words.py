"""Interface words of the layout, the rules, administration, institutions and error pages in
Kazakh and Russian (the other pages' words are in ``i18n.WORDS``); ``i18n.translate`` reads
both."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

PAGE_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    # layout
    "Skip to content": {"kk": "Мазмұнға өту", "ru": "Перейти к содержанию"},
    "Sections": {"kk": "Бөлімдер", "ru": "Разделы"},
    # rules
    "source notes": {"kk": "дереккөз туралы ескертпе", "ru": "примечания к источнику"},
    "in English": {"kk": "ағылшынша", "ru": "на английском"},
    "Changes of value only; a new source or article for the same value is not listed.": {
        "kk": "Тек мәннің өзгерістері; сол мәннің жаңа дереккөзі не бабы көрсетілмейді.",
        "ru": "Только изменения значений; новый источник или статья для того же значения не "
              "показываются."},
    "Rules by body": {"kk": "Органдар бойынша ережелер", "ru": "Правила по органам"},
    "Open a body to see its rules: each with its value, the dates it is in force and the act "
    "and article that set it.": {
        "kk": "Ережелерін көру үшін органды ашыңыз: әр ереженің мәні, күшінде болған күндері "
              "және оны белгілеген акт пен бап.",
        "ru": "Откройте орган, чтобы увидеть его правила: значение каждого, сроки действия, "
              "акт и статью, которые его устанавливают."},
    "rules": {"kk": "ереже", "ru": "правил"},
    # today
    "Regions of Kazakhstan on {day}": {"kk": "Қазақстан өңірлері: {day}",
                                       "ru": "Регионы Казахстана на {day}"},
    "The election": {"kk": "Сайлау", "ru": "Выборы"},
    "Not yet elected on this date.": {"kk": "Бұл күні әлі сайланбаған.",
                                      "ru": "На эту дату ещё не избран."},
    "Dissolved on this date; an early election is due.": {
        "kk": "Бұл күні таратылған; кезектен тыс сайлау күтілуде.",
        "ru": "На эту дату распущен; предстоят внеочередные выборы."},
    "Senators are not elected on party lists: the seats are shown by how they are filled, "
    "from the rulebook.": {
        "kk": "Сенаторлар партиялық тізіммен сайланбайды: орындар ережелер жинағы бойынша "
              "толтырылу тәсілімен көрсетілген.",
        "ru": "Сенаторы не избираются по партийным спискам: места показаны по способу их "
              "замещения, по своду правил."},
    "The results of this chamber's election are not in the bundled data.": {
        "kk": "Бұл палата сайлауының нәтижелері жинақтағы деректерде жоқ.",
        "ru": "Итогов выборов этой палаты нет во встроенных данных."},
    "The party of 42 of the 67 deputies of 1995 is not published.": {
        "kk": "1995 жылғы 67 депутаттың 42-сінің партиясы жарияланбаған.",
        "ru": "Партийность 42 из 67 депутатов 1995 года не опубликована."},
    "{sitting} deputies sit, elected under the previous rule; the rule in force sets "
    "{total}.": {
        "kk": "Алдыңғы ереже бойынша сайланған {sitting} депутат отыр; қолданыстағы ереже "
              "{total} орын белгілейді.",
        "ru": "Заседают {sitting} депутатов, избранных по прежней норме; действующая норма "
              "устанавливает {total}."},
    "Not confirmed by a source.": {"kk": "Дереккөзбен расталмаған.",
                                   "ru": "Не подтверждено источником."},
}
