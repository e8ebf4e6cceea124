"""The forensics page's texts in Kazakh and Russian, rendered from the report's typed fields.

The engine (``kazpolity.forensics.report``) writes its summary and its methods' explanations in
English; this module keeps one template per method and field for each other language (the page's
fixed texts are ``forensics.*`` entries of the word catalogue), so the page never
pattern-matches English sentences. English keeps the engine's own words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from kazpolity.presentation.language import Language
from kazpolity.presentation.numbers import format_int, format_number
from kazpolity.presentation.words import word

if TYPE_CHECKING:
    from kazpolity.forensics.not_run import NotRun
    from kazpolity.forensics.report import ForensicReport

Table = Mapping[str, Mapping[str, str]]
_Line = Callable[..., str]
_Num = Callable[[float, int], str]
_Topic = Callable[[str], str]

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
    """The page text ``forensics.<key>`` of the word catalogue in ``lang``; in English the
    engine's own words (``english``) when given."""
    language = Language(lang)
    if language is Language.EN and english:
        template = english
    else:
        template = word(f"forensics.{key}", language, english)
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
    for item in report.not_run:
        out.append((topic(item.method), line("not-run", why=not_run_text(item, lang))))
    return out


def not_run_text(item: NotRun, lang: Language | str) -> str:
    """Why a method was not run, in ``lang``, from the record's reason and numbers."""
    language = Language(lang)
    return word(f"forensics.not-run.{item.reason.value}", language).format(
        needed=format_int(item.needed, language), found=format_int(item.found, language),
        role=item.role or "")


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
        pairs = "; ".join(line("pair", name=text(p.name, lang, p.name),
                               s=num(p.statistic, 3), e=num(p.expected, 2),
                               p=num(p.p_value, 3)) for p in report.pairs)
        out.append((topic("digits"), line(
            "digits", chi=num(ld.statistic, 1), p=num(ld.p_value, 3),
            n=format_int(ld.n, lang), pairs=pairs)))
    return out

