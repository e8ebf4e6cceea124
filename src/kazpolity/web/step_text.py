"""The engine's step-by-step explanations in Kazakh and Russian, for the dashboard only.

The election engine (``kazpolity.elections``) explains every allocation and every
majority or referendum outcome in English sentences; those sentences are part of its JSON
output and of its tests, so they stay as they are. This module translates them at the last
moment, in the page: ``translate_step(text, lang)`` tries an ordered table of regular
expressions, one per English sentence template the engine produces, and fills the matching
Kazakh or Russian template with the captured values. Captured values are re-inserted as
follows (by the name of the regular expression's group):

* ``p_*`` one name, ``ps_*`` a comma-separated list of names: each through the names
  catalogue (``kazpolity.names.result_name``), English when the catalogue has no entry;
* ``n_*`` a number and ``f_*`` a formula: every digit is kept, only the separators follow
  the page's number style (``1 234 567,89`` with narrow no-break spaces, as
  ``kazpolity.web.i18n.number``);
* ``t_*`` a fixed English term (a threshold base, a method's name, "passes"): the term
  tables below;
* ``verdicts`` (a threshold step's per-list verdicts) and ``ranked`` (the ranked
  remainders): translated item by item;
* anything else (legal citations, dates, the ``admit_also`` option) verbatim.

English, an unknown language and a sentence that matches no template come back unchanged.

Terminology (the sources were read for their words, not copied). Russian: "избирательный
барьер", "мандат"/"место", "распределение депутатских мандатов по партийным спискам" (CEC
resolution of 27 September 2004 No. 142/206 applying art. 97-1 of the Constitutional Law
"О выборах в Республике Казахстан", prg.kz/document/1050745; qazaq-stan.press on the
Majilis count: "7%-й барьер", quota, "дробная часть"), "повторное голосование" and
"жеребьёвка" (CEC resolution of 9 December 1999 No. 45/273, zakon.uchet.kz V990001004_);
"квота", "остаток", "частное", "жребий", "второй тур" are the textbook terms. Kazakh: "шекті
меже" / "жеті пайыздық меже" for the threshold and "депутаттық мандат" (CEC results as
reported by the Almaly district akimat on gov.kz, news 145435, and qamshy.kz 62469: "шекті
межеден асуына байланысты ... депутаттық мандатқа ие болды"), "жеребе" (CEC resolution of
13 July 1999 No. 15/214, "жеребе өткізудің Ережесі"), "таңдаушылар" for the Senate's
electors (CEC resolution of 6 June 2014 No. 10/233, "таңдаушылар тізімі"), "дауыс беруге
қатысқан сайлаушылар" (a CEC member quoting the Constitutional Law "Қазақстан
Республикасындағы сайлау туралы", adyrna.kz 146441); "квота", "қалдық", "бөлінді"
(quotient), "орын", "қайта дауыс беру" / "екінші тур" are the standard terms, not checked
against a source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Final

from kazpolity.names import result_name
from kazpolity.web.i18n import localise_digits

Templates = Mapping[str, str]
"""A step's template per language: ``{"kk": ..., "ru": ...}`` with ``{group}`` fields."""

TERMS: Final[Mapping[str, Mapping[str, Templates]]] = {
    # the base a threshold share is measured against (ThresholdRule.base)
    "t_base": {
        "valid": {"kk": "тізімдерге берілген жарамды дауыстар",
                  "ru": "действительные голоса за списки"},
        "lists-and-against-all": {"kk": "тізімдерге және «барлығына қарсы» берілген дауыстар",
                                  "ru": "голоса за списки и против всех"},
        "cast": {"kk": "берілген барлық бюллетеньдер", "ru": "все поданные бюллетени"},
    },
    # the same base as a verdict words it (ThresholdVerdict.reason)
    "t_words": {
        "valid votes for lists": {"kk": "тізімдерге берілген жарамды дауыстар",
                                  "ru": "действительные голоса за списки"},
        "votes for lists and against all": {
            "kk": "тізімдерге және «барлығына қарсы» берілген дауыстар",
            "ru": "голоса за списки и против всех"},
        "ballots cast (invalid included)": {
            "kk": "берілген барлық бюллетеньдер, жарамсыздарын қоса",
            "ru": "все поданные бюллетени, включая недействительные"},
    },
    # the rule for a share exactly at the threshold
    "t_at": {
        "pass": {"kk": "өтеді", "ru": "проходит"},
        "fail": {"kk": "өтпейді", "ru": "не проходит"},
    },
    "t_outcome": {
        "passes": {"kk": "шекті межеден өтеді", "ru": "преодолевает барьер"},
        "fails": {"kk": "шекті межеден өтпейді", "ru": "не преодолевает барьер"},
    },
    "t_cmp": {
        "more": {"kk": "жоғары", "ru": "больше"},
        "not more": {"kk": "жоғары емес", "ru": "не больше"},
    },
    # quota names: Russian in the genitive ("квота Хэйра"), Kazakh before "квотасы"
    "t_quota": {
        "Hare": {"kk": "Хэйр", "ru": "Хэйра"},
        "Droop": {"kk": "Друп", "ru": "Друпа"},
        "Hagenbach-Bischoff": {"kk": "Хагенбах – Бишофф", "ru": "Хагенбаха – Бишоффа"},
        "Imperiali": {"kk": "Империали", "ru": "Империали"},
    },
    # divisor methods (DivisorRule.name)
    "t_rule": {
        "D'Hondt": {"kk": "Д’Ондт әдісі", "ru": "Метод д’Ондта"},
        "Sainte-Laguë": {"kk": "Сент-Лагю әдісі", "ru": "Метод Сент-Лагю"},
        "modified Sainte-Laguë": {"kk": "Түрлендірілген Сент-Лагю әдісі",
                                  "ru": "Модифицированный метод Сент-Лагю"},
        "Huntington-Hill": {"kk": "Хантингтон – Хилл әдісі",
                            "ru": "Метод Хантингтона – Хилла"},
        "Adams": {"kk": "Адамс әдісі", "ru": "Метод Адамса"},
        "Dean": {"kk": "Дин әдісі", "ru": "Метод Дина"},
        "Danish": {"kk": "Дат әдісі", "ru": "Датский метод"},
    },
    # the base of an absolute majority (MajorityOutcome.base_name)
    "t_basename": {
        "participants": {"kk": "дауыс беруге қатысқан сайлаушылар",
                         "ru": "избиратели, принявшие участие в голосовании"},
        "valid-and-against-all": {"kk": "жарамды және «барлығына қарсы» дауыстар",
                                  "ru": "действительные голоса и голоса против всех"},
        "valid": {"kk": "жарамды дауыстар", "ru": "действительные голоса"},
        "ballots cast": {"kk": "берілген бюллетеньдер", "ru": "поданные бюллетени"},
        "electors who voted": {"kk": "дауыс берген таңдаушылар",
                               "ru": "выборщики, принявшие участие в голосовании"},
    },
    # readings of the second-party guarantee's minimum-seats clause
    "t_reading": {
        "minimum-two": {"kk": "кемінде екі орын", "ru": "не менее двух мест"},
        "no-minimum": {"kk": "ең аз саны жоқ", "ru": "без минимума"},
    },
}
"""Fixed English terms inside the steps, by the group that captures them."""

_NAME = r".+?"
_NUM = r"\d[\d,]*(?:\.\d+)?"
_SHARE = r"\d+(?:\.\d+)?"

PATTERNS: Final[tuple[tuple[re.Pattern[str], Templates], ...]] = tuple(
    (re.compile(pattern), templates) for pattern, templates in (
        # --- thresholds (apportionment.allocate, threshold.ThresholdVerdict.reason)
        (r"^Threshold (?P<n_pct>\d+(?:/\d+)?)% of (?P<n_base>\d+) "
         r"\((?P<t_base>valid|lists-and-against-all|cast); at the threshold: "
         r"(?P<t_at>pass|fail)\): (?P<verdicts>.+)$",
         {"kk": "Шекті меже (сайлау шегі): {n_pct}%, есептеу негізі {n_base} ({t_base}; "
                "үлесі межеге дәл тең тізім {t_at}): {verdicts}",
          "ru": "Избирательный барьер: {n_pct}% от {n_base} ({t_base}; список с долей, "
                "равной барьеру, {t_at}): {verdicts}"}),
        (rf"^(?P<p_party>{_NAME}) is admitted although under the threshold "
         r"\((?P<option>admit_also)\)$",
         {"kk": "{p_party}: шекті межеден өтпесе де, мандат бөлуге жіберіледі ({option})",
          "ru": "{p_party}: допускается к распределению мандатов, хотя не преодолел "
                "барьер ({option})"}),
        # --- ties and lots (apportionment._Context.settle, lots.settle_tie)
        (r"^A lot was supplied but no tie decided a seat; it was not used$",
         {"kk": "Жеребе нәтижесі берілді, бірақ ешбір орын тең нәтижемен шешілмеді; "
                "жеребе қолданылмады",
          "ru": "Результат жребия был передан, но ни одно место не решалось равенством; "
                "жребий не применён"}),
        (rf"^Tie between (?P<ps_tied>{_NAME}) for (?P<n_seats>\d+) seat\(s\) settled by the "
         r"legal order of priority: (?P<ps_winners>.+)$",
         {"kk": "Тең нәтиже ({ps_tied}; орын саны: {n_seats}) заңда белгіленген басымдық "
                "тәртібімен шешілді: {ps_winners}",
          "ru": "Равенство ({ps_tied}; мест: {n_seats}) разрешено в установленном законом "
                "порядке очерёдности: {ps_winners}"}),
        (rf"^Tie between (?P<ps_tied>{_NAME}) for (?P<n_seats>\d+) seat\(s\) settled by the "
         r"lot drawn: (?P<ps_winners>.+)$",
         {"kk": "Тең нәтиже ({ps_tied}; орын саны: {n_seats}) жеребе арқылы шешілді: "
                "{ps_winners}",
          "ru": "Равенство ({ps_tied}; мест: {n_seats}) разрешено жребием: {ps_winners}"}),
        # --- largest remainder (apportionment._largest_remainder)
        (r"^(?P<t_quota>Hare|Droop|Hagenbach-Bischoff|Imperiali) quota = "
         r"(?P<f_formula>.+?) = (?P<n_quota>\d+(?:/\d+)?) ≈ (?P<n_approx>[\d.]+)$",
         {"kk": "{t_quota} квотасы = {f_formula} = {n_quota} ≈ {n_approx}",
          "ru": "Квота {t_quota} = {f_formula} = {n_quota} ≈ {n_approx}"}),
        (r"^(?P<t_quota>Hare|Droop|Hagenbach-Bischoff|Imperiali) quota = "
         r"(?P<f_formula>.+?) = (?P<n_quota>\d+(?:/\d+)?)$",
         {"kk": "{t_quota} квотасы = {f_formula} = {n_quota}",
          "ru": "Квота {t_quota} = {f_formula} = {n_quota}"}),
        (r"^The (?P<t_quota>Hare|Hagenbach-Bischoff|Imperiali) quota hands out "
         r"(?P<n_whole>\d+) whole quotas for (?P<n_seats>\d+) seats; as the textbook "
         r"prescribes, the allocation is recomputed with the Droop quota$",
         {"kk": "{t_quota} квотасы бойынша толық квоталар саны {n_whole}, ал орын саны "
                "{n_seats}; оқулықтағы ережеге сәйкес бөлу Друп квотасымен қайта есептеледі",
          "ru": "Квота {t_quota} даёт целых квот: {n_whole}, а мест: {n_seats}; как "
                "предписывает учебная литература, распределение пересчитывается по квоте "
                "Друпа"}),
        (rf"^(?P<p_party>{_NAME}): (?P<n_votes>\d+) / (?P<n_quota>[\d.]+) = "
         r"(?P<n_quotient>[\d.]+) → (?P<n_whole>\d+) seat\(s\) by whole quotas, remainder "
         r"(?P<n_remainder>[\d.]+)$",
         {"kk": "{p_party}: {n_votes} / {n_quota} = {n_quotient} → толық квоталар бойынша "
                "орын: {n_whole}, қалдық {n_remainder}",
          "ru": "{p_party}: {n_votes} / {n_quota} = {n_quotient} → мест по целым квотам: "
                "{n_whole}, остаток {n_remainder}"}),
        (r"^(?P<n_left>\d+) seat\(s\) left for remainders; remainders ranked: (?P<ranked>.+)$",
         {"kk": "Ең үлкен қалдықтар бойынша бөлінетін орын саны: {n_left}; қалдықтар кему "
                "ретімен: {ranked}",
          "ru": "Мест, распределяемых по наибольшим остаткам: {n_left}; остатки по "
                "убыванию: {ranked}"}),
        (r"^No seat is left for remainders$",
         {"kk": "Қалдықтар бойынша бөлінетін орын қалмады",
          "ru": "Мест для распределения по остаткам не осталось"}),
        (r"^Remainder seats to: (?P<ps_winners>.+)$",
         {"kk": "Қалдықтар бойынша орын алатындар: {ps_winners}",
          "ru": "Места по остаткам получают: {ps_winners}"}),
        # --- highest averages (apportionment._highest_averages)
        (rf"^(?P<t_rule>{_NAME}): the first divisor is 0, so every list's first seat has an "
         r"infinite average; with (?P<n_seats>\d+) seat\(s\) for (?P<n_lists>\d+) lists "
         r"with votes, the seats go to the lists with the most votes$",
         {"kk": "{t_rule}: бірінші бөлгіш 0-ге тең, сондықтан әр тізімнің бірінші орны "
                "үшін бөлінді шексіз; орын саны: {n_seats}, дауысы бар тізімдер: {n_lists} — "
                "орындар ең көп дауыс жинаған тізімдерге беріледі",
          "ru": "{t_rule}: первый делитель равен 0, поэтому частное для первого места "
                "каждого списка бесконечно; мест: {n_seats}, списков с голосами: "
                "{n_lists} — места получают списки с наибольшим числом голосов"}),
        (r"^First seats to: (?P<ps_winners>.+)$",
         {"kk": "Бірінші орындарды алатындар: {ps_winners}",
          "ru": "Первые места получают: {ps_winners}"}),
        (rf"^(?P<t_rule>{_NAME}): the first divisor is 0, so each of the (?P<n_lists>\d+) "
         r"list\(s\) with votes receives a first seat$",
         {"kk": "{t_rule}: бірінші бөлгіш 0-ге тең, сондықтан дауысы бар әрбір тізім "
                "(барлығы: {n_lists}) бірінші орынды алады",
          "ru": "{t_rule}: первый делитель равен 0, поэтому каждый список с голосами "
                "(всего: {n_lists}) получает первое место"}),
        (rf"^Seat (?P<n_seat>\d+): (?P<p_party>{_NAME}), average (?P<n_votes>\d+) / "
         r"(?P<n_divisor>√?[\d.]+) = (?P<n_average>[\d.]+)$",
         {"kk": "{n_seat}-орын: {p_party}, бөлінді {n_votes} / {n_divisor} = {n_average}",
          "ru": "Место {n_seat}: {p_party}, частное {n_votes} / {n_divisor} = {n_average}"}),
        # --- the second-party guarantee (kazakh_lists._second_party_allocation)
        (rf"^Only (?P<p_leader>{_NAME}) passes the threshold: the runner-up "
         rf"(?P<p_runner>{_NAME}) is admitted \((?P<article>.+)\)$",
         {"kk": "Шекті межеден тек бір тізім өтті — {p_leader}: дауыс саны бойынша екінші "
                "тізім — {p_runner} — мандат бөлуге жіберіледі ({article})",
          "ru": "Избирательный барьер преодолел только один список — {p_leader}: к "
                "распределению мандатов допускается второй по числу голосов список — "
                "{p_runner} ({article})"}),
        (r"^Quota = votes of the two lists / (?P<n_seats>\d+) = (?P<n_quota>\d+(?:/\d+)?)$",
         {"kk": "Квота = екі тізімнің дауыстары / {n_seats} = {n_quota}",
          "ru": "Квота = голоса двух списков / {n_seats} = {n_quota}"}),
        (rf"^(?P<p_runner>{_NAME}): (?P<n_votes>\d+) / quota = (?P<n_quotient>[\d.]+); "
         r"× correction index (?P<n_index>\d+(?:/\d+)?) = (?P<n_corrected>[\d.]+)$",
         {"kk": "{p_runner}: {n_votes} / квота = {n_quotient}; × түзету коэффициенті "
                "{n_index} = {n_corrected}",
          "ru": "{p_runner}: {n_votes} / квота = {n_quotient}; × поправочный коэффициент "
                "{n_index} = {n_corrected}"}),
        (rf"^(?P<p_runner>{_NAME}) gets (?P<n_seats>\d+) seats \(integer part; reading "
         r"'(?P<t_reading>[^']+)' of the minimum-seats clause — a legal gap\)$",
         {"kk": "{p_runner}: {n_seats} орын (бүтін бөлігі; ең аз орын саны туралы "
                "ереженің «{t_reading}» деген оқылымы — заңдағы олқылық)",
          "ru": "{p_runner}: мест — {n_seats} (целая часть; прочтение «{t_reading}» "
                "положения о минимальном числе мест — пробел в законе)"}),
        (rf"^(?P<p_leader>{_NAME}) gets the remaining (?P<n_seats>\d+) seats$",
         {"kk": "{p_leader}: қалған {n_seats} орын",
          "ru": "{p_leader}: оставшиеся места — {n_seats}"}),
        # --- one-person elections (majority.absolute_majority, plurality, district, senate)
        (rf"^Majority needed: more than (?P<n_pct>{_SHARE})% of (?P<n_base>{_NUM}) "
         r"\((?P<t_basename>[^)]+)\)$",
         {"kk": "Қажетті көпшілік: {n_pct}%-дан астам, есептеу негізі {n_base} "
                "({t_basename})",
          "ru": "Требуемое большинство: более {n_pct}% от {n_base} ({t_basename})"}),
        (rf"^(?P<p_winner>{_NAME}): (?P<n_votes>{_NUM}) = (?P<n_share>{_SHARE})% → elected$",
         {"kk": "{p_winner}: {n_votes} = {n_share}% → сайланды",
          "ru": "{p_winner}: {n_votes} = {n_share}% → избран(а)"}),
        (rf"^Nobody has more than (?P<n_pct>{_SHARE})%: leader (?P<p_leader>.+) "
         rf"(?P<n_share>{_SHARE})%$",
         {"kk": "Ешкім {n_pct}%-дан астам дауыс жинаған жоқ: көшбасшы — {p_leader}, "
                "{n_share}%",
          "ru": "Никто не получил более {n_pct}%: лидирует {p_leader} — {n_share}%"}),
        (r"^Tie for a runoff place between (?P<ps_tied>.+): a lot is required$",
         {"kk": "Қайта дауыс беруге (екінші турға) өтетін орын үшін тең дауыс: {ps_tied} — "
                "жеребе қажет",
          "ru": "Равенство голосов за место во втором туре (повторном голосовании): "
                "{ps_tied} — требуется жребий"}),
        (rf"^Runoff between (?P<p_first>{_NAME}) and (?P<p_second>.+)$",
         {"kk": "Қайта дауыс беру (екінші тур): {p_first} және {p_second}",
          "ru": "Второй тур (повторное голосование): {p_first} и {p_second}"}),
        (r"^Equal first place: (?P<ps_first>.+)$",
         {"kk": "Бірінші орында тең дауыс: {ps_first}",
          "ru": "Равное число голосов на первом месте: {ps_first}"}),
        (rf"^(?P<p_winner>{_NAME}) has the most votes \((?P<n_votes>{_NUM})\)$",
         {"kk": "{p_winner} ең көп дауыс жинады ({n_votes})",
          "ru": "{p_winner} получает наибольшее число голосов ({n_votes})"}),
        (rf"^Turnout (?P<n_cast>{_NUM})/(?P<n_registered>{_NUM}) is below "
         rf"(?P<n_pct>{_SHARE})%: the election is invalid$",
         {"kk": "Сайлауға қатысу {n_cast}/{n_registered} — {n_pct}%-дан төмен: сайлау "
                "өтпеді деп танылады",
          "ru": "Явка {n_cast}/{n_registered} ниже {n_pct}%: выборы признаются "
                "несостоявшимися"}),
        (rf"^(?P<n_voted>{_NUM}) of (?P<n_electors>{_NUM}) electors took part: not more "
         rf"than (?P<n_pct>{_SHARE})% — the meeting is not valid \((?P<article>.+)\)$",
         {"kk": "Дауыс беруге қатысқан таңдаушылар: {n_voted} / {n_electors} — {n_pct}%-дан "
                "аспайды: жиналыс заңды емес ({article})",
          "ru": "В голосовании участвовали {n_voted} из {n_electors} выборщиков — не более "
                "{n_pct}%: заседание неправомочно ({article})"}),
        # --- referendums (referendum.referendum_result)
        (r"^(?P<day>\d{4}-\d{2}-\d{2}) precedes the 1995 Constitution; judged by the 1995 "
         r"Referendum Law's test \(not the law of the day\)$",
         {"kk": "{day} — 1995 жылғы Конституцияға дейін; 1995 жылғы Республикалық "
                "референдум туралы заңның өлшемімен бағаланады (сол күнгі заңмен емес)",
          "ru": "{day} — до Конституции 1995 года; оценивается по критерию Закона о "
                "республиканском референдуме 1995 года (а не по закону того дня)"}),
        (rf"^Turnout (?P<n_participants>{_NUM})/(?P<n_registered>{_NUM}) = "
         rf"(?P<n_turnout>{_SHARE})% \((?P<t_cmp>more|not more) than (?P<n_needed>{_SHARE})%\)$",
         {"kk": "Қатысу {n_participants}/{n_registered} = {n_turnout}% ({n_needed}%-дан "
                "{t_cmp})",
          "ru": "Явка {n_participants}/{n_registered} = {n_turnout}% ({t_cmp} "
                "{n_needed}%)"}),
        (rf"^Yes (?P<n_yes>{_NUM})/(?P<n_participants>{_NUM}) = (?P<n_share>{_SHARE})% of "
         rf"participants \((?P<t_cmp>more|not more) than (?P<n_needed>{_SHARE})%\)$",
         {"kk": "«Иә» {n_yes}/{n_participants} = қатысқандардың {n_share}%-ы "
                "({n_needed}%-дан {t_cmp})",
          "ru": "«За» {n_yes}/{n_participants} = {n_share}% участвовавших ({t_cmp} "
                "{n_needed}%)"}),
        (r"^Regional test: a yes majority in at least (?P<n_needed>\d+) of (?P<n_units>\d+) "
         r"units is required; no regional results were given, so it is not checked$",
         {"kk": "Өңірлік өлшем: {n_units} бірліктің кемінде {n_needed} бірлігінде «иә» "
                "көпшілігі қажет; өңірлік нәтижелер берілмеді, сондықтан тексерілмеді",
          "ru": "Региональный критерий: большинство «за» требуется не менее чем в "
                "{n_needed} из {n_units} единиц; региональные результаты не переданы, "
                "поэтому он не проверен"}),
        (r"^Regional test: yes majority in (?P<n_with>\d+) of (?P<n_units>\d+) units; "
         r"(?P<n_needed>\d+) needed$",
         {"kk": "Өңірлік өлшем: {n_units} бірліктің {n_with} бірлігінде «иә» көпшілігі; "
                "қажеті — {n_needed}",
          "ru": "Региональный критерий: большинство «за» в {n_with} из {n_units} единиц; "
                "требуется {n_needed}"}),
    )
)
"""The engine's English step templates, most specific first, with their translations."""

VERDICT_PATTERNS: Final[tuple[tuple[re.Pattern[str], Templates], ...]] = tuple(
    (re.compile(pattern), templates) for pattern, templates in (
        (rf"^(?P<p_party>{_NAME}): (?P<n_votes>\d+) of (?P<n_base>\d+) (?P<t_words>valid votes "
         r"for lists|votes for lists and against all|ballots cast \(invalid included\)) = "
         r"(?P<n_share>[\d.]+)%, exactly the (?P<n_limit>[\d.]+)% threshold; the rule at the "
         r"threshold is '(?P<t_at>pass|fail)', so it (?P<t_outcome>passes|fails)$",
         {"kk": "{p_party}: {n_votes} / {n_base} ({t_words}) = {n_share}% — дәл {n_limit}% "
                "шекті межеге тең; мұндай жағдайдың ережесі бойынша тізім {t_at}, яғни "
                "{t_outcome}",
          "ru": "{p_party}: {n_votes} из {n_base} ({t_words}) = {n_share}% — ровно барьер "
                "{n_limit}%; по правилу для этого случая список {t_at}, то есть "
                "{t_outcome}"}),
        (rf"^(?P<p_party>{_NAME}): (?P<n_votes>\d+) of (?P<n_base>\d+) (?P<t_words>valid votes "
         r"for lists|votes for lists and against all|ballots cast \(invalid included\)) = "
         r"(?P<n_share>[\d.]+)% (?P<relation>[≥<]) (?P<n_limit>[\d.]+)%: "
         r"(?P<t_outcome>passes|fails)$",
         {"kk": "{p_party}: {n_votes} / {n_base} ({t_words}) = {n_share}% {relation} "
                "{n_limit}%: {t_outcome}",
          "ru": "{p_party}: {n_votes} из {n_base} ({t_words}) = {n_share}% {relation} "
                "{n_limit}%: {t_outcome}"}),
    )
)
"""One list's threshold verdict inside a threshold step (``ThresholdVerdict.reason``)."""

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_VERDICT_ITEM = re.compile(r"(?P<item>.+?: .+? (?:passes|fails))(?:; |$)")
_RANKED_ITEM = re.compile(r"(?P<name>.+?) (?P<value>\d+(?:\.\d+)?)(?:, |$)")


def translate_step(text: str, lang: str) -> str:
    """``text``, one English step of the engine, in ``lang`` (``kk`` or ``ru``).

    English, another language or a step no template matches is returned unchanged.
    """
    if lang == "en":
        return text
    translated = _apply(PATTERNS, text, lang)
    return text if translated is None else translated


def number_text(text: str, lang: str) -> str:
    """Every number in ``text`` in the page's style for ``lang``: the digits are kept,
    thousands are grouped with narrow no-break spaces and the decimal point is a comma."""
    if lang == "en":
        return text

    def one(match: re.Match[str]) -> str:
        whole, _, fraction = match.group(0).replace(",", "").partition(".")
        grouped = f"{int(whole):,}" + (f".{fraction}" if fraction else "")
        return localise_digits(grouped, lang)

    return _NUMBER.sub(one, text)


def _apply(table: tuple[tuple[re.Pattern[str], Templates], ...], text: str,
           lang: str) -> str | None:
    for pattern, templates in table:
        match = pattern.match(text)
        if match is None:
            continue
        template = templates.get(lang)
        if template is None:
            return None
        values = {group: _value(group, value, lang)
                  for group, value in match.groupdict().items() if value is not None}
        return template.format(**values)
    return None


def _value(group: str, value: str, lang: str) -> str:
    """A captured value in ``lang``, by the kind its group name announces."""
    if group in TERMS:
        return TERMS[group].get(value, {}).get(lang, value)
    handler = _HANDLERS.get(group.split("_", 1)[0] if "_" in group else group)
    return handler(value, lang) if handler is not None else value


def _names(value: str, lang: str) -> str:
    return ", ".join(result_name(name, lang) for name in value.split(", "))


def _covering(item: re.Pattern[str], value: str) -> list[re.Match[str]] | None:
    """The items of a list if ``item`` matches it end to end without gaps, else None."""
    items = list(item.finditer(value))
    if not items or items[-1].end() != len(value) or any(
            a.end() != b.start() for a, b in pairwise(items)):
        return None
    return items


def _verdicts(value: str, lang: str) -> str:
    """Each list's verdict; an item ends with "passes" or "fails" (an item exactly at the
    threshold has a "; " of its own, so the items are not split at every "; ")."""
    items = _covering(_VERDICT_ITEM, value)
    if items is None:
        return value
    parts = []
    for match in items:
        item = match["item"]
        translated = _apply(VERDICT_PATTERNS, item, lang)
        parts.append(item if translated is None else translated)
    return "; ".join(parts)


def _ranked(value: str, lang: str) -> str:
    items = _covering(_RANKED_ITEM, value)
    if items is None:
        return value
    return ", ".join(f"{result_name(m['name'], lang)} {number_text(m['value'], lang)}"
                     for m in items)


_HANDLERS: Final[Mapping[str, Callable[[str, str], str]]] = {
    "p": result_name,
    "ps": _names,
    "n": number_text,
    "f": number_text,
    "verdicts": _verdicts,
    "ranked": _ranked,
}
