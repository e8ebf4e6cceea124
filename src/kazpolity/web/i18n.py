"""The dashboard's languages: English by default, Kazakh and Russian on request.

The language comes from ``?lang=en|kk|ru`` (remembered in a cookie) or the ``lang`` cookie.
Names of regions come from the geo data in all three languages; names of bodies, offices,
parties, candidates, election kinds and eras from the names catalogue (``kazpolity.names``,
with sources); the interface's own words (headings, table headers, captions) come from
``WORDS`` below. Words without a translation fall back to English. Numbers use
thousands separators: ``1,234,567`` in English, ``1 234 567`` (narrow no-break spaces)
in Kazakh and Russian.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fastapi import Request

from kazpolity.presentation import format_int, format_number
from kazpolity.web.page_words import PAGE_WORDS

LANGS: Final = ("en", "kk", "ru")
LANG_NAMES: Final[Mapping[str, str]] = {"en": "English", "kk": "Қазақша", "ru": "Русский"}
COOKIE: Final = "lang"

WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "Today": {"kk": "Бүгін", "ru": "Сегодня"},
    "Rules": {"kk": "Ережелер", "ru": "Правила"},
    "Elections": {"kk": "Сайлаулар", "ru": "Выборы"},
    "Administration": {"kk": "Сайлауды өткізу", "ru": "Администрирование"},
    "Forensics": {"kk": "Сайлау сараптамасы", "ru": "Электоральная статистика"},
    "Institutions": {"kk": "Институттар", "ru": "Институты"},
    "Date": {"kk": "Күні", "ru": "Дата"},
    "Show": {"kk": "Көрсету", "ru": "Показать"},
    "Bodies that exist": {"kk": "Қолданыстағы органдар", "ru": "Существующие органы"},
    "Office-holders": {"kk": "Лауазым иелері", "ru": "Должностные лица"},
    "Regions": {"kk": "Өңірлер", "ru": "Регионы"},
    "Results": {"kk": "Нәтижелер", "ru": "Результаты"},
    "Seats": {"kk": "Орындар", "ru": "Места"},
    "votes": {"kk": "дауыс", "ru": "голоса"},
    "seats": {"kk": "орын", "ru": "места"},
    "Registered voters": {"kk": "Тіркелген сайлаушылар", "ru": "Зарегистрировано избирателей"},
    "Ballots cast": {"kk": "Бюллетеньдер берілді", "ru": "Выдано бюллетеней"},
    "Turnout": {"kk": "Сайлауға қатысу", "ru": "Явка"},
    "Re-run": {"kk": "Қайта есептеу", "ru": "Пересчитать"},
    "Compare with": {"kk": "Салыстыру", "ru": "Сравнить с"},
    "Eras": {"kk": "Дәуірлер", "ru": "Эпохи"},
    "reported": {"kk": "хабарланды", "ru": "поступило"},
    "of": {"kk": "/", "ru": "из"},
    "Not found": {"kk": "Табылмады", "ru": "Не найдено"},
    "Invalid input": {"kk": "Қате енгізу", "ru": "Неверный ввод"},
    "Bad request": {"kk": "Қате сұрау", "ru": "Неверный запрос"},
    "Error": {"kk": "Қате", "ru": "Ошибка"},
    "Back to today": {"kk": "Бүгінгі бетке", "ru": "К сегодняшнему дню"},
    "Language": {"kk": "Тіл", "ru": "Язык"},
    "Run scenario": {"kk": "Сценарийді іске қосу", "ru": "Запустить сценарий"},
    # page texts: headings, table headers, captions (names come from kazpolity.names)
    "Kazakhstan on {day}": {"kk": "Қазақстан: {day}", "ru": "Казахстан на {day}"},
    "Rules on {day}": {"kk": "Ережелер: {day}", "ru": "Правила на {day}"},
    "Rules in force on": {"kk": "Күшіндегі ережелер:", "ru": "Правила, действующие на"},
    "Era": {"kk": "Дәуір", "ru": "Эпоха"},
    "Capital": {"kk": "Елорда", "ru": "Столица"},
    "first-level units": {"kk": "бірінші деңгейлі әкімшілік бірлік",
                          "ru": "единиц первого уровня"},
    "map below": {"kk": "төмендегі карта", "ru": "карта ниже"},
    "The rule in force sets {n} seats.": {"kk": "Қолданыстағы ереже бойынша {n} орын.",
                                          "ru": "Действующая норма устанавливает {n} мест."},
    "No chamber exists on this date in the model.": {
        "kk": "Модельде бұл күні бірде-бір палата жоқ.",
        "ru": "В модели на эту дату нет ни одной палаты."},
    "office": {"kk": "лауазым", "ru": "должность"},
    "holder": {"kk": "лауазым иесі", "ru": "кто занимает"},
    "since": {"kk": "бастап", "ru": "с"},
    "source": {"kk": "дереккөз", "ru": "источник"},
    "Sources": {"kk": "Дереккөздер", "ru": "Источники"},
    "acting": {"kk": "міндетін атқарушы", "ru": "исполняющий обязанности"},
    "approximate start": {"kk": "басталуы шамамен", "ru": "начало приблизительно"},
    "the start is known only to the month or year": {
        "kk": "басталуы тек айы немесе жылы бойынша белгілі",
        "ru": "начало известно лишь с точностью до месяца или года"},
    "vacant": {"kk": "бос", "ru": "вакантно"},
    "unknown (no source found)": {"kk": "белгісіз (дереккөз табылмады)",
                                  "ru": "неизвестно (источник не найден)"},
    "Not in existence on this date": {"kk": "Бұл күні жоқ", "ru": "На эту дату не существуют"},
    "A schematic tile map: one square per unit in force on {day}, placed roughly where it "
    "lies (west left, north up).": {
        "kk": "Сызбалық карта: {day} күнгі әр бірлікке бір шаршы, шамамен орналасқан жеріне "
              "(батыс — сол жақта, солтүстік — жоғарыда).",
        "ru": "Схематическая карта: по квадрату на каждую единицу на {day}, примерно там, где "
              "она находится (запад слева, север сверху)."},
    "As elected on {day} ({election}); later changes of mandate are not modelled.": {
        "kk": "{day} сайлау қорытындысы бойынша ({election}); кейінгі мандат өзгерістері "
              "модельденбейді.",
        "ru": "По итогам выборов {day} ({election}); последующие изменения мандатов не "
              "моделируются."},
    "In force on": {"kk": "Күшінде:", "ru": "Действует на"},
    "{n} changes between {a} and {b}": {"kk": "{a} мен {b} аралығындағы өзгерістер: {n}",
                                        "ru": "Изменений между {a} и {b}: {n}"},
    "date": {"kk": "күні", "ru": "дата"},
    "rule": {"kk": "ереже", "ru": "норма"},
    "before": {"kk": "бұрын", "ru": "до"},
    "after": {"kk": "кейін", "ru": "после"},
    "(none)": {"kk": "(жоқ)", "ru": "(нет)"},
    "Does not exist on this date.": {"kk": "Бұл күні жоқ.", "ru": "На эту дату не существует."},
    "value": {"kk": "мәні", "ru": "значение"},
    "in force": {"kk": "күшінде", "ru": "действует"},
    "unverified": {"kk": "расталмаған", "ru": "не подтверждено"},
    "Administered elections (precinct level, live tabulation)": {
        "kk": "Өткізілетін сайлаулар (учаскелер деңгейі, нәтижелерді тікелей есептеу)",
        "ru": "Администрируемые выборы (уровень участков, подсчёт в реальном времени)"},
    "Administered elections unavailable": {"kk": "Өткізілетін сайлаулар қолжетімсіз",
                                           "ru": "Администрируемые выборы недоступны"},
    "Official national results": {"kk": "Ресми жалпыұлттық нәтижелер",
                                  "ru": "Официальные общенациональные итоги"},
    "election": {"kk": "сайлау", "ru": "выборы"},
    "body": {"kk": "сайлау түрі", "ru": "вид выборов"},
    "mode": {"kk": "режим", "ru": "режим"},
    "precincts": {"kk": "учаскелер", "ru": "участки"},
    "recomputed under its own law": {"kk": "өз заңы бойынша қайта есептелді",
                                     "ru": "пересчитано по своему закону"},
    "match": {"kk": "сәйкес", "ru": "совпадает"},
    "mismatch": {"kk": "сәйкес емес", "ru": "не совпадает"},
    "not-reproducible": {"kk": "қайта есептеу мүмкін емес", "ru": "не воспроизводимо"},
    "valid": {"kk": "жарамды", "ru": "действительные"},
    "invalid": {"kk": "жарамсыз", "ru": "недействительные"},
    "seats contested": {"kk": "сайланатын орындар", "ru": "мест разыгрывалось"},
    "electors": {"kk": "таңдаушылар", "ru": "выборщики"},
    "name": {"kk": "атауы", "ru": "название"},
    "kind": {"kk": "түрі", "ru": "вид"},
    "list": {"kk": "тізім", "ru": "список"},
    "candidate": {"kk": "кандидат", "ru": "кандидат"},
    "non_list": {"kk": "тізімнен тыс", "ru": "вне списков"},
    "option": {"kk": "нұсқа", "ru": "вариант"},
    "against_all": {"kk": "барлығына қарсы", "ru": "против всех"},
    "other": {"kk": "басқа", "ru": "прочее"},
    "list seats": {"kk": "тізім бойынша орындар", "ru": "мест по спискам"},
    "district seats": {"kk": "округтер бойынша орындар", "ru": "мест по округам"},
    "total seats": {"kk": "барлық орын", "ru": "всего мест"},
    "No per-party result is published for this election.": {
        "kk": "Бұл сайлау бойынша партиялардың нәтижелері жарияланбаған.",
        "ru": "Итоги по партиям для этих выборов не опубликованы."},
    "Live tabulation": {"kk": "Нәтижелерді тікелей есептеу", "ru": "Подсчёт в реальном времени"},
    "Disproportionality (list tier)": {"kk": "Диспропорционалдылық (партиялық тізімдер)",
                                       "ru": "Диспропорциональность (партийные списки)"},
    "Computed over the votes and list seats published for each list; district seats are not "
    "in it.": {
        "kk": "Әр тізім үшін жарияланған дауыстар мен тізім бойынша орындардан есептелді; "
              "округтер бойынша орындар кірмейді.",
        "ru": "Рассчитано по опубликованным голосам и местам по спискам; места по округам не "
              "учитываются."},
    "Not applicable: no list votes and list seats were published for this election.": {
        "kk": "Қолданылмайды: бұл сайлау бойынша тізімдердің дауыстары мен орындары "
              "жарияланбаған.",
        "ru": "Неприменимо: голоса и места по спискам для этих выборов не опубликованы."},
    "Gallagher (least squares), %": {"kk": "Галлахер индексі (ең кіші квадраттар), %",
                                     "ru": "Индекс Галлахера (наименьшие квадраты), %"},
    "Loosemore–Hanby, %": {"kk": "Лусмор–Хэнби индексі, %", "ru": "Индекс Лусмора–Хэнби, %"},
    "Sainte-Laguë index": {"kk": "Сент-Лагю индексі", "ru": "Индекс Сент-Лагю"},
    "Effective number of lists (votes)": {"kk": "Тізімдердің тиімді саны (дауыстар)",
                                          "ru": "Эффективное число списков (голоса)"},
    "Effective number of lists (seats)": {"kk": "Тізімдердің тиімді саны (орындар)",
                                          "ru": "Эффективное число списков (места)"},
    "How the result follows from the law": {"kk": "Нәтиже заңнан қалай шығады",
                                            "ru": "Как результат следует из закона"},
    "Recomputed under the law of": {"kk": "Мына күнгі заң бойынша қайта есептелді:",
                                    "ru": "Пересчитано по закону на"},
    "Re-run under another date's law or method": {
        "kk": "Басқа күнгі заң немесе әдіс бойынша қайта есептеу",
        "ru": "Пересчёт по закону другой даты или другим методом"},
    "Law in force on": {"kk": "Мына күнгі заң", "ru": "Закон на дату"},
    "Method": {"kk": "Әдіс", "ru": "Метод"},
    "the law's own": {"kk": "заңдағы", "ru": "по закону"},
    "Threshold": {"kk": "Шек", "ru": "Барьер"},
    "official list seats": {"kk": "тізім бойынша ресми орындар",
                            "ru": "официально мест по спискам"},
    "re-run": {"kk": "қайта есептеу", "ru": "пересчёт"},
    "difference": {"kk": "айырма", "ru": "разница"},
    "Step by step": {"kk": "Қадам-қадаммен", "ru": "Пошагово"},
    "Regions are modelled from {start}; this election precedes that.": {
        "kk": "Өңірлер {start} бастап модельденеді; бұл сайлау одан бұрын өткен.",
        "ru": "Регионы моделируются с {start}; эти выборы прошли раньше."},
    "The {n} first-level units in force on {day}. No regional results are bundled for this "
    "election, so the units are shown without values.": {
        "kk": "{day} күнгі бірінші деңгейлі {n} бірлік. Бұл сайлаудың өңірлік нәтижелері "
              "жоқ, сондықтан бірліктер мәнсіз көрсетілген.",
        "ru": "{n} единиц первого уровня на {day}. Региональных итогов этих выборов нет, "
              "поэтому единицы показаны без значений."},
    "share": {"kk": "үлесі", "ru": "доля"},
    "threshold": {"kk": "шек", "ru": "барьер"},
    "quotient": {"kk": "бөлінді", "ru": "частное"},
    "integer": {"kk": "бүтін бөлігі", "ru": "целая часть"},
    "remainder": {"kk": "қалдық", "ru": "остаток"},
    "admitted": {"kk": "өтті", "ru": "допущен"},
    "type": {"kk": "түрі", "ru": "тип"},
    "progress": {"kk": "барысы", "ru": "ход"},
    "state": {"kk": "күйі", "ru": "состояние"},
    "audit entries": {"kk": "аудит жазбалары", "ru": "записей аудита"},
    "final": {"kk": "түпкілікті", "ru": "окончательно"},
    "counting (provisional)": {"kk": "санау жүріп жатыр (алдын ала)",
                               "ru": "идёт подсчёт (предварительно)"},
    "Reported at every level": {"kk": "Әр деңгейде хабарланғаны",
                                "ru": "Поступило на каждом уровне"},
    "level": {"kk": "деңгей", "ru": "уровень"},
    "commission": {"kk": "комиссия", "ru": "комиссия"},
    "commissions": {"kk": "комиссиялар", "ru": "комиссии"},
    "own protocol": {"kk": "өз хаттамасы", "ru": "собственный протокол"},
    "own protocol accepted": {"kk": "өз хаттамасы қабылданды",
                              "ru": "собственный протокол принят"},
    "precincts in the sums": {"kk": "қосындыдағы учаскелер", "ru": "участков в суммах"},
    "registered": {"kk": "тіркелген", "ru": "зарегистрировано"},
    "Colour by": {"kk": "Түсі бойынша", "ru": "Цвет по"},
    "list tier": {"kk": "партиялық тізімдер", "ru": "партийные списки"},
    "Territorial commissions": {"kk": "Аумақтық комиссиялар", "ru": "Территориальные комиссии"},
    "Audit chain": {"kk": "Аудит тізбегі", "ru": "Цепочка аудита"},
    "Below this commission": {"kk": "Осы комиссияға бағыныстылар",
                              "ru": "Нижестоящие комиссии"},
    "Sum of accepted precinct protocols": {"kk": "Қабылданған учаскелік хаттамалардың қосындысы",
                                           "ru": "Сумма принятых участковых протоколов"},
    "Protocol versions": {"kk": "Хаттама нұсқалары", "ru": "Версии протокола"},
    "Logged changes": {"kk": "Тіркелген өзгерістер", "ru": "Зарегистрированные изменения"},
    "action": {"kk": "әрекет", "ru": "действие"},
    "by": {"kk": "кім", "ru": "кем"},
    "reason": {"kk": "себебі", "ru": "причина"},
    "a bill's path through the law": {"kk": "заң жобасының жолы",
                                      "ru": "путь законопроекта"},
    "Initiator": {"kk": "Бастамашы", "ru": "Инициатор"},
    "Kind": {"kk": "Түрі", "ru": "Вид"},
    "does not sit on this date": {"kk": "бұл күні жұмыс істемейді",
                                  "ru": "не заседает на эту дату"},
    "votes to override a veto": {"kk": "ветоны еңсеру үшін дауыстар",
                                 "ru": "голоса для преодоления вето"},
    "Outcome": {"kk": "Нәтижесі", "ru": "Итог"},
    "Kazakhstan's political system as executable, verifiable law. Every rule cites its "
    "source; unverified values are marked.": {
        "kk": "Қазақстанның саяси жүйесі орындалатын, тексерілетін құқық ретінде. Әр ереже "
              "өз дереккөзіне сілтейді; расталмаған мәндер белгіленген.",
        "ru": "Политическая система Казахстана как исполняемое, проверяемое право. Каждое "
              "правило ссылается на источник; непроверенные значения отмечены."},
    # the Forensics page (headings and labels; the explanations stay in English)
    "Election": {"kk": "Сайлау", "ru": "Выборы"},
    "precincts analysed": {"kk": "талданған учаскелер", "ru": "проанализировано участков"},
    "leader": {"kk": "көшбасшы", "ru": "лидер"},
    "ground truth": {"kk": "шынайы жағдай", "ru": "истинное состояние"},
    "Fingerprint: turnout × leader's share": {"kk": "Іздің бейнесі: қатысу × көшбасшы үлесі",
                                              "ru": "Отпечаток: явка × доля лидера"},
    "Integer percentages": {"kk": "Бүтін пайыздар", "ru": "Целые проценты"},
    "Digit tests": {"kk": "Цифр тесттері", "ru": "Тесты цифр"},
    "Election Forensics Toolkit battery (national)": {
        "kk": "Election Forensics Toolkit тесттер жиынтығы (ел бойынша)",
        "ru": "Набор тестов Election Forensics Toolkit (по стране)"},
    "Null, in words:": {"kk": "Нөлдік модель, сөзбен:", "ru": "Нулевая модель словами:"},
    "Caveats:": {"kk": "Ескертпелер:", "ru": "Оговорки:"},
    "Statistic:": {"kk": "Статистика:", "ru": "Статистика:"},
    "Null model:": {"kk": "Нөлдік модель:", "ru": "Нулевая модель:"},
    "Assumptions:": {"kk": "Болжамдар:", "ru": "Допущения:"},
    # seat groups on the Today page (kazpolity.web.today_pages.KINDS)
    "Elected by maslikhat electors": {"kk": "Мәслихат депутаттары сайлаған",
                                      "ru": "Избраны депутатами маслихатов"},
    "Appointed by the President": {"kk": "Президент тағайындаған",
                                   "ru": "Назначены Президентом"},
    "Appointed on the APK's recommendation": {
        "kk": "Қазақстан халқы Ассамблеясының ұсынуымен тағайындалған",
        "ru": "Назначены по рекомендации Ассамблеи народа Казахстана"},
    "Party-list seats (split unknown)": {"kk": "Партиялық тізім орындары (бөлінісі белгісіз)",
                                         "ru": "Места по партийным спискам (распределение "
                                               "неизвестно)"},
    "District seats (split unknown)": {"kk": "Округтік орындар (бөлінісі белгісіз)",
                                       "ru": "Места по округам (распределение неизвестно)"},
    "Elected by the Assembly of People": {"kk": "Қазақстан халқы Ассамблеясы сайлаған",
                                          "ru": "Избраны Ассамблеей народа Казахстана"},
    "unknown": {"kk": "белгісіз", "ru": "неизвестно"},
}


def pick_lang(request: Request) -> str:
    """The language asked for by the query, else the cookie, else English."""
    asked = request.query_params.get("lang") or request.cookies.get(COOKIE) or "en"
    return asked if asked in LANGS else "en"


def translate(word: str, lang: str) -> str:
    """``word`` in ``lang`` (English when there is no translation)."""
    if lang == "en":
        return PAGE_WORDS.get(word, {}).get("en", word)
    return (WORDS.get(word) or PAGE_WORDS.get(word) or {}).get(lang, word)


def number(value: int | float | None, lang: str = "en", places: int | None = None) -> str:
    """A number with thousands separators (``—`` for a missing value), in ``lang``'s style."""
    if value is None or (places is None and isinstance(value, int)):
        return format_int(value, lang)
    return format_number(value, lang, 2 if places is None else places)
