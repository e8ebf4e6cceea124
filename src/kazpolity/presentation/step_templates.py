"""The sentence of each explanation step in English, Kazakh and Russian, and the fixed terms.

Templates are filled by :mod:`kazpolity.presentation.steps`; a field's format code says how its
value is written (see that module). Method and quota names come from the method registry, so a
method added there is named here without an edit.
"""

from __future__ import annotations

from collections.abc import Mapping

from kazpolity.elections.method_rules import DIVISOR_RULES, QUOTA_RULES
from kazpolity.elections.methods import METHODS
from kazpolity.elections.steps import StepKind
from kazpolity.presentation.language import Language

EN, KK, RU = Language.EN, Language.KK, Language.RU

Words = Mapping[Language, str]


def _w(en: str, kk: str, ru: str) -> Words:
    return {EN: en, KK: kk, RU: ru}


TERMS: Mapping[str, Mapping[str, Words]] = {
    "base": {
        "valid": _w("valid", "тізімдерге берілген жарамды дауыстар",
                    "действительные голоса за списки"),
        "lists-and-against-all": _w("lists-and-against-all",
                                    "тізімдерге және «барлығына қарсы» берілген дауыстар",
                                    "голоса за списки и против всех"),
        "cast": _w("cast", "берілген барлық бюллетеньдер", "все поданные бюллетени"),
    },
    "words": {
        "valid": _w("valid votes for lists", "тізімдерге берілген жарамды дауыстар",
                    "действительные голоса за списки"),
        "lists-and-against-all": _w("votes for lists and against all",
                                    "тізімдерге және «барлығына қарсы» берілген дауыстар",
                                    "голоса за списки и против всех"),
        "cast": _w("ballots cast (invalid included)",
                   "берілген барлық бюллетеньдер, жарамсыздарын қоса",
                   "все поданные бюллетени, включая недействительные"),
    },
    "at": {"true": _w("pass", "өтеді", "проходит"), "false": _w("fail", "өтпейді", "не проходит")},
    "outcome": {"true": _w("passes", "шекті межеден өтеді", "преодолевает барьер"),
                "false": _w("fails", "шекті межеден өтпейді", "не преодолевает барьер")},
    "rel": {"true": _w("≥", "≥", "≥"), "false": _w("<", "<", "<")},
    "cmp": {"true": _w("more", "жоғары", "больше"),
            "false": _w("not more", "жоғары емес", "не больше")},
    "quota": {rule.id: _w(rule.names["en"], rule.names["kk"], rule.names["ru"])
              for rule in QUOTA_RULES.values()},
    "method": {rule.id: _w(rule.name, METHODS[rule.id].name("kk"), METHODS[rule.id].name("ru"))
               for rule in DIVISOR_RULES.values()},
    "basename": {
        "participants": _w("participants", "дауыс беруге қатысқан сайлаушылар",
                           "избиратели, принявшие участие в голосовании"),
        "valid-and-against-all": _w("valid-and-against-all",
                                    "жарамды және «барлығына қарсы» дауыстар",
                                    "действительные голоса и голоса против всех"),
        "valid": _w("valid", "жарамды дауыстар", "действительные голоса"),
        "ballots cast": _w("ballots cast", "берілген бюллетеньдер", "поданные бюллетени"),
        "ballots": _w("ballots", "бюллетеньдер", "бюллетени"),
        "electors who voted": _w("electors who voted", "дауыс берген таңдаушылар",
                                 "выборщики, принявшие участие в голосовании"),
    },
    "reading": {"minimum-two": _w("minimum-two", "кемінде екі орын", "не менее двух мест"),
                "no-minimum": _w("no-minimum", "ең аз саны жоқ", "без минимума")},
}
"""Fixed terms by format code, then by the engine's value."""

K = StepKind

TEMPLATES: Mapping[StepKind, Words] = {
    K.THRESHOLD: _w(
        "Threshold {percent:frac}% of {base:n} ({term:base}; at the threshold: {passed:at}): "
        "{items}",
        "Шекті меже: {percent:frac}%, есептеу негізі {base:n} ({term:base}; үлесі межеге дәл "
        "тең тізім {passed:at}): {items}",
        "Избирательный барьер: {percent:frac}% от {base:n} ({term:base}; список с долей, "
        "равной барьеру, {passed:at}): {items}"),
    K.VERDICT: _w(
        "{votes:n} of {base:n} {term:words} = {share:pct}% {passed:rel} {percent:pct}%: "
        "{passed:outcome}",
        "{votes:n} / {base:n} ({term:words}) = {share:pct}% {passed:rel} {percent:pct}%: "
        "{passed:outcome}",
        "{votes:n} из {base:n} ({term:words}) = {share:pct}% {passed:rel} {percent:pct}%: "
        "{passed:outcome}"),
    K.VERDICT_AT_THRESHOLD: _w(
        "{votes:n} of {base:n} {term:words} = {share:pct}%, exactly the {percent:pct}% "
        "threshold; the rule at the threshold is '{passed:at}', so it {passed:outcome}",
        "{votes:n} / {base:n} ({term:words}) = {share:pct}% — дәл {percent:pct}% шекті межеге "
        "тең; мұндай жағдайдың ережесі бойынша тізім {passed:at}, яғни {passed:outcome}",
        "{votes:n} из {base:n} ({term:words}) = {share:pct}% — ровно барьер {percent:pct}%; по "
        "правилу для этого случая список {passed:at}, то есть {passed:outcome}"),
    K.ADMITTED_ANYWAY: _w(
        "{party} is admitted although under the threshold (admit_also)",
        "{party}: шекті межеден өтпесе де, мандат бөлуге жіберіледі (admit_also)",
        "{party}: допускается к распределению мандатов, хотя не преодолел барьер (admit_also)"),
    K.LOT_UNUSED: _w(
        "A lot was supplied but no tie decided a seat; it was not used",
        "Жеребе нәтижесі берілді, бірақ ешбір орын тең нәтижемен шешілмеді; жеребе қолданылмады",
        "Результат жеребьёвки был передан, но ни одно место не решалось равенством; он не "
        "применён"),
    K.TIE_BY_ORDER: _w(
        "Tie between {tied} for {seats:n} seat(s) settled by the legal order of priority: "
        "{winners}",
        "Тең нәтиже ({tied}; орын саны: {seats:n}) заңда белгіленген басымдық тәртібімен "
        "шешілді: {winners}",
        "Равенство ({tied}; мест: {seats:n}) разрешено в установленном законом порядке "
        "очерёдности: {winners}"),
    K.TIE_BY_LOT: _w(
        "Tie between {tied} for {seats:n} seat(s) settled by the lot drawn: {winners}",
        "Тең нәтиже ({tied}; орын саны: {seats:n}) жеребе арқылы шешілді: {winners}",
        "Равенство ({tied}; мест: {seats:n}) разрешено жеребьёвкой: {winners}"),
    K.EQUAL_REMAINDERS: _w(
        "{tied} have equal remainders ({remainder:d4}) for {seats:n} remaining seat(s)",
        "{tied}: қалдықтары тең ({remainder:d4}), қалған орын саны: {seats:n}",
        "{tied}: равные остатки ({remainder:d4}), оставшихся мест: {seats:n}"),
    K.EQUAL_AVERAGES: _w(
        "{tied} have equal averages ({average}) for {seats:n} remaining seat(s)",
        "{tied}: бөлінділері тең ({average}), қалған орын саны: {seats:n}",
        "{tied}: равные частные ({average}), оставшихся мест: {seats:n}"),
    K.EQUAL_VOTES_FIRST_SEATS: _w(
        "{tied} have equal votes for {seats:n} remaining seat(s), each a first seat with an "
        "infinite average",
        "{tied}: дауыстары тең, қалған орын саны: {seats:n}; әрқайсысы бөліндісі шексіз бірінші "
        "орын",
        "{tied}: равное число голосов, оставшихся мест: {seats:n}; каждое — первое место с "
        "бесконечным частным"),
    K.QUOTA: _w(
        "{term:quota} quota = {formula} = {quota:frac} ≈ {quota:d4}",
        "{term:quota} квотасы = {formula} = {quota:frac} ≈ {quota:d4}",
        "Квота {term:quota} = {formula} = {quota:frac} ≈ {quota:d4}"),
    K.QUOTA_RECOMPUTED: _w(
        "{term:quota} quota = {formula} = {quota:frac}",
        "{term:quota} квотасы = {formula} = {quota:frac}",
        "Квота {term:quota} = {formula} = {quota:frac}"),
    K.QUOTA_OVERFLOW: _w(
        "The {term:quota} quota hands out {whole:n} whole quotas for {seats:n} seats; as the "
        "textbook prescribes, the allocation is recomputed with the Droop quota",
        "{term:quota} квотасы бойынша толық квоталар саны {whole:n}, ал орын саны {seats:n}; "
        "оқулықтағы ережеге сәйкес бөлу Друп квотасымен қайта есептеледі",
        "Квота {term:quota} даёт целых квот: {whole:n}, а мест: {seats:n}; как предписывает "
        "учебная литература, распределение пересчитывается по квоте Друпа"),
    K.QUOTIENT: _w(
        "{party}: {votes:n} / {quota:d4} = {quotient:d4} → {whole:n} seat(s) by whole quotas, "
        "remainder {remainder:d4}",
        "{party}: {votes:n} / {quota:d4} = {quotient:d4} → толық квоталар бойынша орын: "
        "{whole:n}, қалдық {remainder:d4}",
        "{party}: {votes:n} / {quota:d4} = {quotient:d4} → мест по целым квотам: {whole:n}, "
        "остаток {remainder:d4}"),
    K.REMAINDERS_RANKED: _w(
        "{left:n} seat(s) left for remainders; remainders ranked: {items}",
        "Ең үлкен қалдықтар бойынша бөлінетін орын саны: {left:n}; қалдықтар кему ретімен: "
        "{items}",
        "Мест, распределяемых по наибольшим остаткам: {left:n}; остатки по убыванию: {items}"),
    K.RANKED_REMAINDER: _w("{party} {remainder:d4}", "{party} {remainder:d4}",
                           "{party} {remainder:d4}"),
    K.NO_REMAINDER_SEATS: _w("No seat is left for remainders",
                             "Қалдықтар бойынша бөлінетін орын қалмады",
                             "Мест для распределения по остаткам не осталось"),
    K.REMAINDER_SEATS: _w("Remainder seats to: {winners}",
                          "Қалдықтар бойынша орын алатындар: {winners}",
                          "Места по остаткам получают: {winners}"),
    K.ZERO_FIRST_FEW_SEATS: _w(
        "{term:method}: the first divisor is 0, so every list's first seat has an infinite "
        "average; with {seats:n} seat(s) for {lists:n} lists with votes, the seats go to the "
        "lists with the most votes",
        "{term:method}: бірінші бөлгіш 0-ге тең, сондықтан әр тізімнің бірінші орны үшін "
        "бөлінді шексіз; орын саны: {seats:n}, дауысы бар тізімдер: {lists:n} — орындар ең көп "
        "дауыс жинаған тізімдерге беріледі",
        "{term:method}: первый делитель равен 0, поэтому частное для первого места каждого "
        "списка бесконечно; мест: {seats:n}, списков с голосами: {lists:n} — места получают "
        "списки с наибольшим числом голосов"),
    K.FIRST_SEATS: _w("First seats to: {winners}", "Бірінші орындарды алатындар: {winners}",
                      "Первые места получают: {winners}"),
    K.ZERO_FIRST_ALL: _w(
        "{term:method}: the first divisor is 0, so each of the {lists:n} list(s) with votes "
        "receives a first seat",
        "{term:method}: бірінші бөлгіш 0-ге тең, сондықтан дауысы бар әрбір тізім (барлығы: "
        "{lists:n}) бірінші орынды алады",
        "{term:method}: первый делитель равен 0, поэтому каждый список с голосами (всего: "
        "{lists:n}) получает первое место"),
    K.SEAT_BY_AVERAGE: _w(
        "Seat {seat:n}: {party}, average {votes:n} / {divisor} = {average}",
        "{seat:n}-орын: {party}, бөлінді {votes:n} / {divisor} = {average}",
        "Место {seat:n}: {party}, частное {votes:n} / {divisor} = {average}"),
    K.SECOND_PARTY_ADMITTED: _w(
        "Only {leader} passes the threshold: the runner-up {runner_up} is admitted ({citation})",
        "Шекті межеден тек бір тізім өтті — {leader}: дауыс саны бойынша екінші тізім — "
        "{runner_up} — мандат бөлуге жіберіледі ({citation})",
        "Избирательный барьер преодолел только один список — {leader}: к распределению мандатов "
        "допускается второй по числу голосов список — {runner_up} ({citation})"),
    K.SECOND_PARTY_QUOTA: _w(
        "Quota = votes of the two lists / {seats:n} = {quota:frac}",
        "Квота = екі тізімнің дауыстары / {seats:n} = {quota:frac}",
        "Квота = голоса двух списков / {seats:n} = {quota:frac}"),
    K.SECOND_PARTY_CORRECTED: _w(
        "{runner_up}: {votes:n} / quota = {quotient:f4}; × correction index {index:frac} = "
        "{corrected:f4}",
        "{runner_up}: {votes:n} / квота = {quotient:f4}; × түзету коэффициенті {index:frac} = "
        "{corrected:f4}",
        "{runner_up}: {votes:n} / квота = {quotient:f4}; × поправочный коэффициент "
        "{index:frac} = {corrected:f4}"),
    K.SECOND_PARTY_SEATS: _w(
        "{runner_up} gets {seats:n} seats (integer part; reading '{term:reading}' of the "
        "minimum-seats clause — a legal gap)",
        "{runner_up}: {seats:n} орын (бүтін бөлігі; ең аз орын саны туралы ереженің "
        "«{term:reading}» деген түсіндірмесі — заңдағы олқылық)",
        "{runner_up}: мест — {seats:n} (целая часть; толкование «{term:reading}» положения о "
        "минимальном числе мест — пробел в законе)"),
    K.SECOND_PARTY_LEADER: _w("{leader} gets the remaining {seats:n} seats",
                              "{leader}: қалған {seats:n} орын",
                              "{leader}: оставшиеся места — {seats:n}"),
    K.UNVERIFIED_RULES: _w("Rules applied that no source confirmed: {keys:raw}",
                           "Ешбір дереккөз растамаған ережелер қолданылды: {keys:raw}",
                           "Применены правила, не подтверждённые источником: {keys:raw}"),
    K.REGISTRATION_ORDER_NEEDED: _w(
        "Equal remainders go to the list registered earlier; no registration order was given, "
        "so such a tie would need it (or a lot).",
        "Қалдықтары тең болса, орын ертерек тіркелген тізімге беріледі; тіркелу реті "
        "берілмеді, сондықтан мұндай тең нәтижеге сол рет (немесе жеребе) қажет болар еді.",
        "При равных остатках место получает список, зарегистрированный раньше; порядок "
        "регистрации не передан, поэтому при таком равенстве он (или жеребьёвка) понадобится."),
    K.SECOND_PARTY_APPLIED: _w("Second-party guarantee applied ({citation}).",
                               "Екінші партияға кепілдік қолданылды ({citation}).",
                               "Применена гарантия для второй партии ({citation})."),
    K.MAJORITY_NEEDED: _w(
        "Majority needed: more than {percent:pg}% of {base:g} ({term:basename})",
        "Қажетті көпшілік: {percent:pg}%-дан астам, есептеу негізі {base:g} ({term:basename})",
        "Требуемое большинство: более {percent:pg}% от {base:g} ({term:basename})"),
    K.ELECTED_BY_MAJORITY: _w("{winner}: {votes:g} = {share:f2}% → elected",
                              "{winner}: {votes:g} = {share:f2}% → сайланды",
                              "{winner}: {votes:g} = {share:f2}% → избран(а)"),
    K.NO_MAJORITY: _w(
        "Nobody has more than {percent:pg}%: leader {leader} {share:f2}%",
        "Ешкім {percent:pg}%-дан астам дауыс жинаған жоқ: көшбасшы — {leader}, {share:f2}%",
        "Никто не получил более {percent:pg}%: лидирует {leader} — {share:f2}%"),
    K.RUNOFF_PLACE_TIE: _w(
        "Tie for a runoff place between {tied}: a lot is required",
        "Қайта дауыс беруге өтетін орын үшін тең дауыс: {tied} — жеребе қажет",
        "Равенство голосов за место в повторном голосовании: {tied} — требуется жеребьёвка"),
    K.RUNOFF: _w("Runoff between {first} and {second}",
                 "Қайта дауыс беру: {first} және {second}",
                 "Повторное голосование: {first} и {second}"),
    K.FIRST_PLACE_TIE: _w("Equal first place: {first}", "Бірінші орында тең дауыс: {first}",
                          "Равное число голосов на первом месте: {first}"),
    K.MOST_VOTES: _w("{winner} has the most votes ({votes:g})",
                     "{winner} ең көп дауыс жинады ({votes:g})",
                     "{winner} получает наибольшее число голосов ({votes:g})"),
    K.TURNOUT_BELOW_VALIDITY: _w(
        "Turnout {cast:g}/{registered:g} is below {percent:pg}%: the election is invalid",
        "Дауыс беруге қатысу {cast:g}/{registered:g} — {percent:pg}%-дан төмен: сайлау өтпеді "
        "деп танылады",
        "Явка {cast:g}/{registered:g} ниже {percent:pg}%: выборы признаются несостоявшимися"),
    K.ELECTORS_QUORUM_FAILED: _w(
        "{voted:g} of {electors:g} electors took part: not more than {percent:frac}% — the "
        "meeting is not valid ({citation})",
        "Дауыс беруге қатысқан таңдаушылар: {voted:g} / {electors:g} — {percent:frac}%-дан "
        "аспайды: жиналыс заңды емес ({citation})",
        "В голосовании участвовали {voted:g} из {electors:g} выборщиков — не более "
        "{percent:frac}%: заседание неправомочно ({citation})"),
    K.BEFORE_CONSTITUTION: _w(
        "{on} precedes the 1995 Constitution; judged by the 1995 Referendum Law's test (not the "
        "law of the day)",
        "{on} — 1995 жылғы Конституцияға дейін; 1995 жылғы Республикалық референдум туралы "
        "заңның өлшемімен бағаланады (сол күнгі заңмен емес)",
        "{on} — до Конституции 1995 года; оценивается по критерию Закона о республиканском "
        "референдуме 1995 года (а не по закону того дня)"),
    K.REFERENDUM_TURNOUT: _w(
        "Turnout {participants:g}/{registered:g} = {turnout:f2}% ({passed:cmp} than "
        "{needed:pg}%)",
        "Дауыс беруге қатысу {participants:g}/{registered:g} = {turnout:f2}% ({needed:pg}%-дан "
        "{passed:cmp})",
        "Участие в голосовании {participants:g}/{registered:g} = {turnout:f2}% ({passed:cmp} "
        "{needed:pg}%)"),
    K.REFERENDUM_YES: _w(
        "Yes {yes:g}/{participants:g} = {share:f2}% of participants ({passed:cmp} than "
        "{needed:pg}%)",
        "«Иә» {yes:g}/{participants:g} = қатысқандардың {share:f2}%-ы ({needed:pg}%-дан "
        "{passed:cmp})",
        "«Да» {yes:g}/{participants:g} = {share:f2}% участвовавших ({passed:cmp} {needed:pg}%)"),
    K.REGIONAL_NOT_CHECKED: _w(
        "Regional test: a yes majority in at least {needed:n} of {units:n} units is required; "
        "no regional results were given, so it is not checked",
        "Өңірлік өлшем: {units:n} бірліктің кемінде {needed:n} бірлігінде «иә» көпшілігі қажет; "
        "өңірлік нәтижелер берілмеді, сондықтан тексерілмеді",
        "Региональный критерий: большинство «да» требуется не менее чем в {needed:n} из "
        "{units:n} единиц; региональные результаты не переданы, поэтому он не проверен"),
    K.REGIONAL_TEST: _w(
        "Regional test: yes majority in {regions:n} of {units:n} units; {needed:n} needed",
        "Өңірлік өлшем: {units:n} бірліктің {regions:n} бірлігінде «иә» көпшілігі; қажеті — "
        "{needed:n}",
        "Региональный критерий: большинство «да» в {regions:n} из {units:n} единиц; требуется "
        "{needed:n}"),
}
"""Every step kind's sentence in each language."""
