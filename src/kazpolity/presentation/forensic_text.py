"""The forensics page's texts in Kazakh and Russian, rendered from the report's typed fields.

The engine (``kazpolity.forensics.report``) writes its summary and its methods' explanations in
English; this module keeps one template per method and field for each other language, so the
page never pattern-matches English sentences. English keeps the engine's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_int, format_number

if TYPE_CHECKING:
    from kazpolity.forensics.report import ForensicReport

Table = Mapping[str, Mapping[str, str]]
_Line = Callable[..., str]
_Num = Callable[[float, int], str]
_Topic = Callable[[str], str]

TEXTS: Final[Table] = {
    "disclaimer": {
        "kk": "Төмендегі әр көрсеткіш жарияланған сандардың адал санаудың айтылған моделінен "
              "қаншалықты ауытқитынын өлшейді. Ауытқу — тексеруге негіз, ниет немесе кінәлі "
              "туралы қорытынды емес; модельдер кінәсіз себептермен де сәйкеспеуі мүмкін "
              "(жергілікті дәстүр, деректерді енгізу, өңірлердің әртектілігі).",
        "ru": "Каждый показатель ниже измеряет, насколько опубликованные числа отклоняются от "
              "заявленной модели честного подсчёта. Отклонение — повод для проверки, а не вывод "
              "об умысле или виновных; модели могут не выполняться по невинным причинам "
              "(местные обычаи, ввод данных, неоднородность регионов)."},
    "simulated-clean": {
        "kk": "Модельдеу, таза: 10 өңірдегі 3 000 учаске, адал санау",
        "ru": "Моделирование, чистые выборы: 3 000 участков в 10 регионах, честный подсчёт"},
    "simulated-stuffed": {
        "kk": "Модельдеу, бюллетень салу: таза сайлау, учаскелердің 10%-ында біртіндеп және "
              "2%-ында шектен тыс бюллетень салу (Климек моделі)",
        "ru": "Моделирование, вброс бюллетеней: чистые выборы со вбросом по модели Климека на "
              "10% (постепенный) и 2% (крайний) участков"},
    "simulated-rounded": {
        "kk": "Модельдеу, дөңгелектенген пайыздар: учаскелердің 8%-ында көшбасшы үлесі бүтін "
              "пайызға келтірілген",
        "ru": "Моделирование, округлённые проценты: доля лидера доведена до целого процента на "
              "8% участков"},
    "store": {"kk": "Өткізілген сайлау {id} (қоймадағы учаскелік хаттамалар)",
              "ru": "Проведённые выборы {id} (участковые протоколы в хранилище)"},
    "store-note": {"kk": "бұрмалаусыз алынған синтетикалық сандар; хаттамалар қоймада "
                         "тұрған күйінде",
                   "ru": "синтетические числа без фальсификаций; протоколы в том виде, в каком "
                         "они в хранилище"},
    "leader": {"kk": "P0 партиясы (көшбасшы)", "ru": "партия P0 (лидер)"},
    "clean": {"kk": "таза", "ru": "чистые"},
    "falsified": {"kk": "{n} учаске бұрмаланған", "ru": "фальсифицировано участков: {n}"},
    "fp-cells": {
        "kk": "Әр ұяшық осы қатысу мен {leader} үлесі бар учаскелерді санайды (бюллетень "
              "берілген {n} учаске; 100 × 100 аралық).",
        "ru": "Каждая клетка считает участки с этой явкой и этой долей у {leader} ({n} участков "
              "с поданными бюллетенями; 100 × 100 интервалов)."},
    "fp-null": {
        "kk": "біркелкі елде адал санау бір дөңгелек дақ береді. Климек пен әріптестері "
              "(2012) жоғарғы оң бұрышқа қарай созылуды (қатысу жоғары болса, үлес те жоғары) "
              "біртіндеп бюллетень салу деп, ал 100 % қатысу мен 100 % үлестегі шоғырды шектен "
              "тыс салу деп оқиды.",
        "ru": "честный подсчёт в достаточно однородной стране даёт одно округлое пятно. Климек "
              "и соавторы (2012) считают шлейф к правому верхнему углу (выше явка — выше доля) "
              "признаком постепенного вброса, а скопление при 100 % явки и 100 % доли — "
              "крайнего вброса."},
    "fp-caveats": {
        "kk": "бұл сурет, тест емес. Шынымен ерекшеленетін өңірлер (қалалар мен ауылдар, әртүрлі "
              "сайлаушылар) де бірнеше дақ немесе көлбеу береді; бірдеңе оқымас бұрын "
              "өңірлерді салыстырыңыз.",
        "ru": "это картинка, а не тест. Честно различающиеся регионы (города и сёла, разные "
              "избиратели) тоже дают несколько пятен или наклон; сравните регионы, прежде чем "
              "делать выводы."},
    "corner": {"kk": "Қатысуы ≥ 99 % және үлесі ≥ 99 % учаскелер:",
               "ru": "Участков с явкой ≥ 99 % и долей ≥ 99 %:"},
    "int-included": {"kk": "қамтылған учаскелер", "ru": "учтено участков"},
    "of": {"kk": "{a} / {b}", "ru": "{a} из {b}"},
    "int-observed": {
        "kk": "байқалғаны: қатысу немесе көшбасшы үлесі бүтін пайыздан 0,05 тармаққа дейін",
        "ru": "наблюдается: явка или доля лидера в пределах 0,05 п. от целого процента"},
    "int-expected": {"kk": "нөлдік модель бойынша күтілетіні ({n} қайталаудың орташасы)",
                     "ru": "ожидается по нулевой модели (среднее {n} повторов)"},
    "int-excess": {"kk": "артығы (байқалғаны − күтілетіні)",
                   "ru": "избыток (наблюдаемое − ожидаемое)"},
    "int-sd": {"kk": "нөлдік модельдің стандартты ауытқуы; артығы СА-мен",
               "ru": "стандартное отклонение нулевой модели; избыток в СО"},
    "int-band": {"kk": "нөлдік модель артығының орталық 99,9 %-ы",
                 "ru": "центральные 99,9 % избытка по нулевой модели"},
    "int-above": {"kk": "Артығы нөлдік модельдің 99,9 % аралығынан жоғары:",
                  "ru": "Избыток выше полосы 99,9 % нулевой модели:"},
    "int-above-rest": {"kk": "бүтін пайыздар биномдық шу рұқсат ететіннен жиі.",
                       "ru": "целые проценты встречаются чаще, чем допускает биномиальный шум."},
    "int-within": {"kk": "Артығы нөлдік модельдің 99,9 % аралығында:",
                   "ru": "Избыток в пределах полосы 99,9 % нулевой модели:"},
    "int-within-rest": {"kk": "пайыздардың бүтін санға тартылу белгісі жоқ.",
                        "ru": "признаков притяжения процентов к целым числам нет."},
    "int-statistic": {
        "kk": "қатысуы немесе көшбасшы үлесі бүтін пайыздан 0,05 тармаққа дейінгі учаскелер "
              "саны, биномдық нөлдік модель бойынша орташасын шегергенде",
        "ru": "число участков, у которых явка или доля лидера в пределах 0,05 п. от целого "
              "процента, за вычетом его среднего по биномиальной нулевой модели"},
    "int-null": {
        "kk": "берілген бюллетеньдер ~ Биномдық(тізімдегілер, байқалған қатысу), көшбасшы ~ "
              "Биномдық(берілген бюллетеньдер, байқалған көшбасшы үлесі), әр учаскеде тәуелсіз",
        "ru": "выданные ~ Биномиальное(зарегистрированные, наблюдаемая явка), лидер ~ "
              "Биномиальное(поданные бюллетени, наблюдаемая доля лидера), независимо по участкам"},
    "int-assumptions": {
        "kk": "тізімде ≥ 100 сайлаушы, бюллетень > 0, қатысу ≤ 99% және көшбасшы үлесі ≤ 99% "
              "учаскелер алынады; адал санауда пайыздың ең жақын бүтінге дейінгі қашықтығы "
              "биномдық шу секілді тегіс; артығы пайыздардың бүтін сандарға кездейсоқтықтан "
              "жиі шоғырланатынын айтады, себебін емес",
        "ru": "учитываются участки с ≥ 100 избирателей, поданными бюллетенями > 0, явкой ≤ 99% "
              "и долей лидера ≤ 99%; при честном подсчёте расстояние процента до ближайшего "
              "целого так же гладко, как биномиальный шум; избыток говорит, что проценты "
              "скапливаются на целых чаще случайного, но не почему"},
    "int-alt": {
        "kk": "Қатысу мен көшбасшы үлесінің 0,1 тармақтық гистограммалары және бүтін пайыздар "
              "санының нөлдік таралуы",
        "ru": "Гистограммы явки и доли лидера с шагом 0,1 п. и нулевое распределение числа "
              "целых процентов"},
    "digits-null": {
        "kk": "≥ 10 сандардың соңғы цифрлары 0–9 аралығында бірқалыпты (хи-квадрат, 9 еркіндік "
              "дәрежесі); жұптар үшін соңғы екі цифр тәуелсіз және бірқалыпты. Бебер мен Скакко "
              "(2012): сандарды ойдан шығаратындар қайталанатын цифрлардан қашып, көрші "
              "цифрларды жиі таңдайды.",
        "ru": "последние цифры чисел ≥ 10 равномерны на 0–9 (хи-квадрат, 9 степеней свободы); "
              "для пар последние две цифры независимы и равномерны. Бебер и Скакко (2012): "
              "люди, выдумывающие числа, избегают повторяющихся цифр и предпочитают соседние."},
    "digits-caveats": {
        "kk": "шағын сандар (10-нан кем) алынбайды, өйткені олардың соңғы цифрлары бірқалыпты "
              "емес; мыңдаған санда зиянсыз шағын ауытқулар да кіші p-мәнге жетеді.",
        "ru": "малые числа (меньше 10) исключены, потому что их последние цифры неравномерны; "
              "на тысячах чисел крошечные безвредные отклонения тоже дают малые p-значения."},
    "digits-alt": {"kk": "Партиялар сандарының соңғы цифрлары",
                   "ru": "Последние цифры голосов партий"},
    "fp-alt": {"kk": "Саусақ ізі: әр ұяшықтағы учаскелер саны, көлденең — қатысу, тік — "
                     "көшбасшы үлесі",
               "ru": "Отпечаток: число участков в каждой клетке, по горизонтали — явка, по "
                     "вертикали — доля лидера"},
    "last-digit chi2": {"kk": "соңғы цифр, хи-квадрат", "ru": "последняя цифра, хи-квадрат"},
    "repeated-pair share": {"kk": "қайталанған жұп үлесі", "ru": "доля повторяющихся пар"},
    "adjacent-pair share": {"kk": "көрші жұп үлесі", "ru": "доля соседних пар"},
    "Turnout": {"kk": "Қатысу", "ru": "Явка"},
}

NULLS: Final[Table] = {
    "_2BL": {"kk": "екінші цифрлар Бенфорд заңына бағынады (орташасы {m})",
             "ru": "вторые цифры следуют закону Бенфорда (среднее {m})"},
    "LastC": {"kk": "соңғы цифрлар бірқалыпты (орташасы 4,5)",
              "ru": "последние цифры равномерны (среднее 4,5)"},
    "C05s": {"kk": "соңғы цифрлар бірқалыпты (0/5 үлесі = 0,2)",
             "ru": "последние цифры равномерны (доля 0/5 = 0,2)"},
    "P05s": {"kk": "дөңгелектенген пайыздар тегіс (0/5-пен аяқталатын үлес = 0,2)",
             "ru": "округлённые проценты гладкие (доля оканчивающихся на 0/5 = 0,2)"},
    "Skew": {"kk": "тұрақты нөлдік модель жоқ; қабаттар арасында салыстырыңыз",
             "ru": "фиксированной нулевой модели нет; сравнивайте между слоями"},
    "Kurt": {"kk": "тұрақты нөлдік модель жоқ; қалыпты таралуда = 3",
             "ru": "фиксированной нулевой модели нет; для нормального = 3"},
    "DipT": {"kk": "бір модалы таралу (p-мәні дип кестесінен интерполяцияланады; оның соңғы "
                   "жолы, n = 72 000, үлкенірек қабаттарға қолданылады)",
             "ru": "одномодальное распределение (p-значение интерполируется по таблице дип-"
                   "теста; её последняя строка, n = 72 000, служит для больших слоёв)"},
    "Sobyanin": {"kk": "тұрақты нөлдік модель жоқ; үлкен оң мән = үлес қатысумен бірге өседі",
                 "ru": "фиксированной нулевой модели нет; большое положительное = доля растёт "
                       "с явкой"},
    "Correlation": {"kk": "тұрақты нөлдік модель жоқ; қатысу мен үлес өзара байланыссыз",
                    "ru": "фиксированной нулевой модели нет; явка и доля не коррелируют"},
}

TOPICS: Final[Table] = {
    "consistency": {"kk": "сәйкестік", "ru": "согласованность"},
    "integer percentages": {"kk": "бүтін пайыздар", "ru": "целые проценты"},
    "Klimek fit": {"kk": "Климек моделі", "ru": "модель Климека"},
    "clean-peak estimate": {"kk": "таза шың бағасы", "ru": "оценка по чистому пику"},
    "switching mixture": {"kk": "дауыс ауыстыру қоспасы", "ru": "смесь с переброской голосов"},
    "digits": {"kk": "цифрлар", "ru": "цифры"},
    "flags: integer-percent": {"kk": "белгілер: бүтін пайыз", "ru": "отметки: целый процент"},
    "flags: switching": {"kk": "белгілер: дауыс ауыстыру", "ru": "отметки: переброска голосов"},
    "klimek_fit": {"kk": "Климек моделі", "ru": "модель Климека"},
    "shpilkin": {"kk": "таза шың бағасы", "ru": "оценка по чистому пику"},
    "switching": {"kk": "дауыс ауыстыру қоспасы", "ru": "смесь с переброской голосов"},
}

RELATIONS: Final[Table] = {
    "counts >= 0": {"kk": "сандар ≥ 0", "ru": "числа ≥ 0"},
    "issued <= registered": {"kk": "берілгені ≤ тізімдегілер", "ru": "выдано ≤ в списках"},
    "ballots <= registered": {"kk": "бюллетеньдер ≤ тізімдегілер",
                              "ru": "бюллетени ≤ в списках"},
    "issued <= received": {"kk": "берілгені ≤ алынғаны", "ru": "выдано ≤ получено"},
    "ballots <= issued": {"kk": "бюллетеньдер ≤ берілгені", "ru": "бюллетени ≤ выдано"},
    "valid + invalid = ballots": {"kk": "жарамды + жарамсыз = бюллетеньдер",
                                  "ru": "действительные + недействительные = бюллетени"},
    "leader <= valid": {"kk": "көшбасшы ≤ жарамды", "ru": "лидер ≤ действительные"},
    "sum(parties) <= valid": {"kk": "партиялар қосындысы ≤ жарамды",
                              "ru": "сумма партий ≤ действительные"},
}

LINES: Final[Table] = {
    "consistency": {"kk": "{n} хаттама қайшылығы, {k} қатынас тексерілді: {checks}",
                    "ru": "расхождений в протоколах: {n}; проверено соотношений: {k}: {checks}"},
    "consistency-none": {"kk": "бірде-бір қатынас тексерілмеді (бағандар жоқ)",
                         "ru": "ни одно соотношение не проверено (нет столбцов)"},
    "check": {"kk": "{name}: {bad} / {n}", "ru": "{name}: {bad} из {n}"},
    "flags": {"kk": "{n} учаскеде белгі бар, кездейсоқ күтілетіні {e}; түзетуден кейін "
                    "белгіленгені {f}",
              "ru": "участков с признаком: {n}, ожидается случайно {e}; отмечено после "
                    "поправки: {f}"},
    "integer": {"kk": "артығы {x} учаске (нөлдік СА {sd}; нөлдік 99,9% аралығы [{lo}; {hi}]): "
                      "{where}",
                "ru": "избыток {x} участков (СО нулевой модели {sd}; полоса 99,9% [{lo}; {hi}]): "
                      "{where}"},
    "above": {"kk": "аралықтан жоғары", "ru": "выше полосы"},
    "within": {"kk": "аралық ішінде", "ru": "в пределах полосы"},
    "klimek": {"kk": "f_e = {fe}, f_i = {fi} ({r} модельдеу қайталауы бойынша шашырау: {sde} "
                     "және {sdi}); қатысуы мен үлесі ≥ 99% учаскелер: {corner}",
               "ru": "f_e = {fe}, f_i = {fi} (разброс по {r} повторам моделирования: {sde} и "
                     "{sdi}); участков с явкой и долей ≥ 99%: {corner}"},
    "shpilkin": {"kk": "көшбасшының {total} дауысының {lo}–{hi} аномалды дауысы (аралықтар "
                       "мен терезелер бойынша ауқым, іріктеу аралығы емес)",
                 "ru": "от {lo} до {hi} аномальных голосов лидера из {total} (разброс по ширине "
                       "интервалов и окнам, а не выборочный интервал)"},
    "switching": {"kk": "LR {lr}, p {p}; ауысқан үлес {s}, ауысқан дауыстар {v}{ci}",
                  "ru": "LR {lr}, p {p}; доля переброски {s}, переброшено голосов {v}{ci}"},
    "interval": {"kk": " (95%: {lo}–{hi})", "ru": " (95%: {lo}–{hi})"},
    "klimek-interval": {"kk": "; 95% аралықтар: f_e {elo}–{ehi}, f_i {ilo}–{ihi} (параметрлік "
                              "бутстрап, {r} қайталау, alpha мен theta берілген)",
                        "ru": "; 95% интервалы: f_e {elo}–{ehi}, f_i {ilo}–{ihi} "
                              "(параметрический бутстрэп, {r} повторов, при данных alpha и "
                              "theta)"},
    "outside-interval": {"kk": "; {names} өз аралығынан тыс: модель бағасы мен бутстрап бағасы "
                               "сәйкес емес (модель деректерге сай емес)",
                         "ru": "; {names} вне своего интервала: подгонка и пересчёт бутстрэпа "
                               "расходятся (модель плохо описывает данные)"},
    "not-converged": {"kk": "; жинақталмады: баға — табылған ең жақсы нүкте",
                      "ru": "; не сошлось: оценка — лучшая найденная точка"},
    "digits": {"kk": "соңғы цифрлар хи-квадрат {chi} (9 е.д.), p {p}, саны {n}; {pairs}",
               "ru": "последние цифры хи-квадрат {chi} (9 ст. св.), p {p}, чисел {n}; {pairs}"},
    "pair": {"kk": "{name} {s} (күтілетіні {e}), p {p}", "ru": "{name} {s} (ожидается {e}), p {p}"},
    "not-run": {"kk": "іске қосылмады: {why}", "ru": "не выполнено: {why}"},
}


def text(key: str, lang: Language | str, english: str = "", **values: object) -> str:
    """The page text ``key`` in ``lang`` (``english`` for English or a missing entry)."""
    language = Language(lang)
    entry = TEXTS.get(key, {})
    template = english if language is Language.EN else entry.get(language.value, english)
    return template.format(**values) if values else template


def _pick(table: Table, key: str, lang: Language, english: str) -> str:
    return table.get(key, {}).get(lang.value, english)


def null_text(key: str, english: str, lang: Language | str) -> str:
    """What a battery column's statistic is compared with, in ``lang``."""
    language = Language(lang)
    if language is Language.EN:
        return english
    from kazpolity.forensics.digits import BENFORD_2BL_MEAN

    return _pick(NULLS, key, language, english).format(
        m=format_number(BENFORD_2BL_MEAN, language, 3))


def summary(report: ForensicReport, lang: Language | str) -> list[tuple[str, str]]:
    """The report's summary (without the rows line) as (topic, text) pairs in ``lang``."""
    from kazpolity.forensics.report import summary_lines

    language = Language(lang)
    if language is Language.EN:
        return [(line.topic, line.text) for line in summary_lines(report)[1:]]
    return _localised(report, language)


def _localised(report: ForensicReport, lang: Language) -> list[tuple[str, str]]:
    def line(key: str, **values: object) -> str:
        return LINES[key][lang.value].format(**values)

    def num(value: float, places: int) -> str:
        return format_number(value, lang, places)

    def topic(key: str) -> str:
        return _pick(TOPICS, key, lang, key)

    c = report.consistency
    checked = [ch for ch in c.checks if ch.checked]
    out = [(topic("consistency"), line(
        "consistency", n=format_int(len(c.residuals), lang), k=len(checked),
        checks="; ".join(line("check", name=_pick(RELATIONS, ch.relation.name, lang,
                                                   ch.relation.name),
                              bad=format_int(ch.violations, lang),
                              n=format_int(ch.checked, lang)) for ch in checked))
        if checked else line("consistency-none"))]
    for fam in report.families:
        out.append((topic(f"flags: {fam.code}"), line(
            "flags", n=format_int(fam.observed, lang), e=num(fam.expected_by_chance, 1),
            f=format_int(len(fam.flags), lang))))
    r = report.integer
    if r is not None:
        out.append((topic("integer percentages"), line(
            "integer", x=num(r.excess_any, 1), sd=num(r.null_sd, 1), lo=num(r.band_999[0], 1),
            hi=num(r.band_999[1], 1),
            where=LINES["above" if r.excess_any > r.band_999[1] else "within"][lang.value])))
    k = report.klimek
    if k is not None:
        out.append((topic("Klimek fit"), line(
            "klimek", fe=num(k.f_extreme, 4), fi=num(k.f_incremental, 3), r=k.repeats,
            sde=num(k.f_extreme_sd, 4), sdi=num(k.f_incremental_sd, 3),
            corner=format_int(report.corner, lang))
            + (line("klimek-interval", elo=num(k.interval.f_extreme[0], 4),
                    ehi=num(k.interval.f_extreme[1], 4),
                    ilo=num(k.interval.f_incremental[0], 3),
                    ihi=num(k.interval.f_incremental[1], 3), r=k.interval.replicates)
               if k.interval else "")
            + ("" if k.converged else line("not-converged"))
            + (line("outside-interval", names=", ".join(k.outside_interval()))
               if k.outside_interval() else "")))
    s = report.shpilkin
    if s is not None:
        out.append((topic("clean-peak estimate"), line(
            "shpilkin", lo=num(s.low, 0), hi=num(s.high, 0),
            total=format_int(s.official_leader, lang))))
    out += _switching_and_digits(report, lang, line, num, topic)
    for method, why in report.not_run:
        out.append((topic(method), line("not-run", why=why)))
    return out


def _switching_and_digits(report: ForensicReport, lang: Language, line: _Line,
                          num: _Num, topic: _Topic) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    w = report.switching
    if w is not None:
        ci = w.switched_votes_interval
        p = "—" if w.p_value is None else ("≤ " if w.p_value <= 1 / (1 + w.replicates) + 1e-12
                                           else "") + num(w.p_value, 2)
        out.append((topic("switching mixture"), line(
            "switching", lr=num(w.lr_statistic, 2), p=p, s=num(w.share_switched, 3),
            v=num(w.switched_votes, 0),
            ci=line("interval", lo=num(ci[0], 0), hi=num(ci[1], 0)) if ci else "")
            + ("" if w.converged else line("not-converged"))))
    ld = report.last_digit
    if ld is not None and ld.n:
        pairs = "; ".join(line("pair", name=_pick(TEXTS, p.name, lang, p.name),
                               s=num(p.statistic, 3), e=num(p.expected, 2),
                               p=num(p.p_value, 3)) for p in report.pairs)
        out.append((topic("digits"), line(
            "digits", chi=num(ld.statistic, 1), p=num(ld.p_value, 3),
            n=format_int(ld.n, lang), pairs=pairs)))
    return out

