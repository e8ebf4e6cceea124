"""Interface words of the layout, the rules, administration, institutions and error pages in
Kazakh and Russian (the other pages' words are in ``i18n.WORDS``); ``i18n.translate`` reads
both. An ``en`` entry gives the English reading of a key that is an identifier
(``not_adopted``, ``vote: yes``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

PAGE_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    # elections page (words of the allocation and re-run tables)
    "share of votes for lists": {"kk": "тізімдерге берілген дауыстардағы үлесі",
                                 "ru": "доля голосов, поданных за списки"},
    "quota": {"kk": "квота", "ru": "квота"},
    "seat": {"kk": "орын", "ru": "место"},
    "divisor": {"kk": "бөлгіш", "ru": "делитель"},
    "average": {"kk": "бөлінді", "ru": "частное"},
    "Download CSV": {"kk": "CSV жүктеу", "ru": "Скачать CSV"},
    "Download JSON": {"kk": "JSON жүктеу", "ru": "Скачать JSON"},
    "Rules applied": {"kk": "Қолданылған ережелер", "ru": "Применённые правила"},
    "A drawing of lots is required": {"kk": "Жеребе тастау қажет", "ru": "Требуется жеребьёвка"},
    "Tied": {"kk": "Тең", "ru": "Равенство"},
    "Re-run under {day}: {n} list seats": {
        "kk": "{day} заңы бойынша қайта есептеу: {n} тізім орны",
        "ru": "Пересчёт по закону на {day}: мест по спискам — {n}"},
    "Synthetic twin of this election (test data, not official): live tabulation": {
        "kk": "Осы сайлаудың синтетикалық егізі (сынақ деректері, ресми емес): тікелей есептеу",
        "ru": "Синтетический двойник этих выборов (тестовые данные, не официальные): подсчёт "
              "в реальном времени"},
    "the working": {"kk": "есептеу жолы", "ru": "ход расчёта"},
    "official": {"kk": "ресми", "ru": "официально"},
    "computed": {"kk": "есептелген", "ru": "вычислено"},
    # forensics page (digit tests and the battery)
    "digit test": {"kk": "тест", "ru": "тест"},
    "statistic": {"kk": "статистика", "ru": "статистика"},
    "expected": {"kk": "күтілетіні", "ru": "ожидается"},
    "series": {"kk": "қатар", "ru": "ряд"},
    # the reproduction line of a presidential election or a referendum
    "turnout": {"kk": "қатысу", "ru": "явка"},
    "yes": {"kk": "«иә»", "ru": "«да»"},
    "share of participants": {"kk": "дауыс беруге қатысқандардан", "ru": "от участвовавших"},
    "share of valid-and-against-all": {"kk": "жарамды және «барлығына қарсы» дауыстардан",
                                       "ru": "от действительных и «против всех»"},
    "share of ballots cast": {"kk": "берілген бюллетеньдерден", "ru": "от поданных бюллетеней"},
    "share of electors who voted": {"kk": "дауыс берген таңдаушылардан",
                                    "ru": "от проголосовавших выборщиков"},
    # referendum questions (kazpolity's short wording of the question on the ballot)
    "Prolong President Nazarbayev's term to 1 December 2000?": {
        "kk": "Президент Назарбаевтың өкілеттік мерзімін 2000 жылғы 1 желтоқсанға дейін "
              "ұзарту керек пе?",
        "ru": "Продлить полномочия Президента Назарбаева до 1 декабря 2000 года?"},
    "Adopt the new Constitution published 1 August 1995? (Decree No. 2389 of 28 Jul 1995)": {
        "kk": "1995 жылғы 1 тамызда жарияланған жаңа Конституцияны қабылдау керек пе? "
              "(1995 жылғы 28 шілдедегі № 2389 Жарлық)",
        "ru": "Принять новую Конституцию, опубликованную 1 августа 1995 года? (Указ № 2389 от "
              "28 июля 1995 г.)"},
    "Accept amendments to the Constitution published 6 May 2022? (Decree No. 888, 5 May "
    "2022; 56 changes in 33 articles)": {
        "kk": "2022 жылғы 6 мамырда жарияланған Конституцияға өзгерістерді қабылдау керек пе? "
              "(2022 жылғы 5 мамырдағы № 888 Жарлық; 33 баптағы 56 өзгеріс)",
        "ru": "Принять изменения в Конституцию, опубликованные 6 мая 2022 года? (Указ № 888 "
              "от 5 мая 2022 г.; 56 изменений в 33 статьях)"},
    "Adopt the new Constitution of the Republic of Kazakhstan published 12 Feb 2026? "
    "(96 articles; decree 11 Feb 2026)": {
        "kk": "2026 жылғы 12 ақпанда жарияланған Қазақстан Республикасының жаңа Конституциясын "
              "қабылдау керек пе? (96 бап; 2026 жылғы 11 ақпандағы Жарлық)",
        "ru": "Принять новую Конституцию Республики Казахстан, опубликованную 12 февраля "
              "2026 года? (96 статей; указ от 11 февраля 2026 г.)"},
    "Only party-list and presidential elections (from {day}) can be re-run: this one "
    "publishes no votes to re-run.": {
        "kk": "Тек партиялық тізім мен президент сайлауларын ({day} бастап) қайта есептеуге "
              "болады: бұл сайлауда қайта есептейтін дауыстар жарияланбаған.",
        "ru": "Пересчитать можно только выборы по партийным спискам и выборы Президента (с "
              "{day}): у этих выборов нет опубликованных голосов для пересчёта."},
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
    # administration
    "Elections administered in this server's store: commissions, protocols and their "
    "versions, tabulation from the precincts up, and the audit chain.": {
        "kk": "Осы сервердің қоймасында өткізілетін сайлаулар: комиссиялар, хаттамалар және "
              "олардың нұсқалары, учаскелерден бастап есептеу және аудит тізбегі.",
        "ru": "Выборы, администрируемые в хранилище этого сервера: комиссии, протоколы и их "
              "версии, подсчёт снизу от участков и цепочка аудита."},
    "The store could not be read": {"kk": "Қойманы оқу мүмкін болмады",
                                    "ru": "Не удалось прочитать хранилище"},
    "No election is administered yet.": {"kk": "Әзірге бірде-бір сайлау өткізілмейді.",
                                         "ru": "Пока ни одни выборы не администрируются."},
    "seeds a synthetic one on first run;": {"kk": "алғаш іске қосылғанда синтетикалық сайлау "
                                                  "жасайды;",
                                            "ru": "при первом запуске создаёт синтетические;"},
    "creates more.": {"kk": "тағы жасайды.", "ru": "создаёт ещё."},
    "test": {"kk": "сынақ", "ru": "тестовый"},
    "live": {"kk": "нақты", "ru": "рабочий"},
    "central": {"kk": "орталық комиссия", "ru": "центральная комиссия"},
    "territorial": {"kk": "аумақтық комиссия", "ru": "территориальная комиссия"},
    "district": {"kk": "округтік комиссия", "ru": "окружная комиссия"},
    "precinct": {"kk": "учаскелік комиссия", "ru": "участковая комиссия"},
    "{n} list seats": {"kk": "тізімдік {n} орын", "ru": "{n} мест по спискам"},
    "synthetic data": {"kk": "синтетикалық деректер", "ru": "синтетические данные"},
    "Synthetic data.": {"kk": "Синтетикалық деректер.", "ru": "Синтетические данные."},
    "This election is a synthetic twin made for the demonstration: its precincts, registers "
    "and protocols are generated so that they add up to the official national totals. Its "
    "regional figures are not the official results.": {
        "kk": "Бұл сайлау — көрсетуге арналған синтетикалық егіз: оның учаскелері, тізімдері мен "
              "хаттамалары ресми жалпыұлттық қорытындыларға сәйкес келетіндей жасалған. Оның "
              "өңірлік көрсеткіштері ресми нәтижелер емес.",
        "ru": "Эти выборы — синтетический двойник для демонстрации: участки, списки и протоколы "
              "сгенерированы так, чтобы в сумме дать официальные общенациональные итоги. Их "
              "региональные цифры — не официальные результаты."},
    "counting: every number below is provisional.": {
        "kk": "есептеу жүріп жатыр: төмендегі әр сан алдын ала.",
        "ru": "идёт подсчёт: все числа ниже предварительные."},
    "final result": {"kk": "түпкілікті нәтиже", "ru": "окончательный результат"},
    "A commission's numbers are the sum of the accepted precinct protocols beneath it; its own "
    "protocol (a published aggregate) has its own status and versions.": {
        "kk": "Комиссияның сандары — оған бағынатын қабылданған учаскелік хаттамалардың "
              "қосындысы; оның өз хаттамасының (жарияланған жиынтықтың) өз мәртебесі мен "
              "нұсқалары бар.",
        "ru": "Числа комиссии — сумма принятых участковых протоколов под ней; у её собственного "
              "протокола (опубликованного свода) свой статус и свои версии."},
    "precincts reported, %": {"kk": "хабарланған учаскелер, %", "ru": "поступило участков, %"},
    "turnout, %": {"kk": "қатысу, %", "ru": "явка, %"},
    "leading list's share of valid votes, %": {
        "kk": "көшбасшы тізімнің жарамды дауыстардағы үлесі, %",
        "ru": "доля лидирующего списка среди действительных голосов, %"},
    "Basis": {"kk": "Негізі", "ru": "Основа"},
    "published central aggregate (provisional)": {
        "kk": "жарияланған орталық жиынтық (алдын ала)",
        "ru": "опубликованный центральный свод (предварительный)"},
    "published central aggregate": {"kk": "жарияланған орталық жиынтық",
                                    "ru": "опубликованный центральный свод"},
    "Computed by the elections engine under the law of {day}.": {
        "kk": "Сайлау қозғалтқышы {day} күнгі заң бойынша есептеді.",
        "ru": "Рассчитано движком выборов по закону на {day}."},
    "accepted": {"kk": "қабылданды", "ru": "принят"},
    "submitted": {"kk": "жіберілді", "ru": "подан"},
    "returned": {"kk": "қайтарылды", "ru": "возвращён"},
    "annulled": {"kk": "күшін жойды", "ru": "аннулирован"},
    "none": {"kk": "жоқ", "ru": "нет"},
    "Verified": {"kk": "Тексерілді", "ru": "Проверено"},
    "Problems found": {"kk": "Табылған ақаулар", "ru": "Найдено проблем"},
    "{n} entries, every hash, link, protocol version and aggregate recomputed — no "
    "discrepancy.": {
        "kk": "{n} жазба; әр хэш, сілтеме, хаттама нұсқасы және жиынтық қайта есептелді — "
              "сәйкессіздік жоқ.",
        "ru": "{n} записей; каждый хеш, ссылка, версия протокола и свод пересчитаны — "
              "расхождений нет."},
    "entries": {"kk": "жазбалар", "ru": "записей"},
    "head hash": {"kk": "соңғы хэш", "ru": "последний хеш"},
    "closing hash": {"kk": "жабу хэші", "ru": "закрывающий хеш"},
    "Publish the closing hash: anyone holding it can detect later removal of entries": {
        "kk": "Жабу хэшін жариялаңыз: оны білетін кез келген адам кейін жойылған жазбаларды "
              "анықтай алады",
        "ru": "Опубликуйте закрывающий хеш: любой, у кого он есть, обнаружит последующее "
              "удаление записей"},
    "registered voters": {"kk": "тіркелген сайлаушылар", "ru": "зарегистрировано избирателей"},
    "members": {"kk": "мүшелер", "ru": "членов"},
    "voters_on_list": {"kk": "тізімдегі сайлаушылар", "ru": "избирателей в списке"},
    "ballots_received": {"kk": "алынған бюллетеньдер", "ru": "получено бюллетеней"},
    "ballots_issued_in_room": {"kk": "үй-жайда берілген бюллетеньдер",
                               "ru": "выдано бюллетеней в помещении"},
    "ballots_issued_outside": {"kk": "үй-жайдан тыс берілген бюллетеньдер",
                               "ru": "выдано бюллетеней вне помещения"},
    "ballots_cancelled": {"kk": "жойылған бюллетеньдер", "ru": "погашено бюллетеней"},
    "ballots_found": {"kk": "жәшіктерден табылған бюллетеньдер",
                      "ru": "обнаружено бюллетеней в ящиках"},
    "ballots_invalid": {"kk": "жарамсыз бюллетеньдер", "ru": "недействительных бюллетеней"},
    "ballots_valid": {"kk": "жарамды бюллетеньдер", "ru": "действительных бюллетеней"},
    "No protocol yet.": {"kk": "Хаттама әлі жоқ.", "ru": "Протокола пока нет."},
    "version": {"kk": "нұсқа", "ru": "версия"},
    "Version": {"kk": "Нұсқа", "ru": "Версия"},
    "hash": {"kk": "хэш", "ru": "хеш"},
    "Repeat of version {n}.": {"kk": "{n}-нұсқаның қайталануы.", "ru": "Повтор версии {n}."},
    "Reason": {"kk": "Себебі", "ru": "Причина"},
    "Authority": {"kk": "Шешім шығарған орган", "ru": "Основание"},
    "Soft flags": {"kk": "Ескерту белгілері", "ru": "Предупреждения"},
    "no reason": {"kk": "себебі жоқ", "ru": "без причины"},
    "Aggregate of {k} of {n} precincts.": {"kk": "{n} учаскенің {k}-інің жиынтығы.",
                                           "ru": "Свод {k} из {n} участков."},
    "submission": {"kk": "жіберу", "ru": "подача"},
    "repeat": {"kk": "қайталау", "ru": "повтор"},
    "aggregate": {"kk": "жиынтық", "ru": "свод"},
    "accept": {"kk": "қабылдау", "ru": "принятие"},
    "return": {"kk": "қайтару", "ru": "возврат"},
    "submit": {"kk": "жіберу", "ru": "подача"},
    # errors
    "The request could not be answered as asked.": {
        "kk": "Сұрауға сұралған түрде жауап беру мүмкін болмады.",
        "ru": "На запрос нельзя ответить в таком виде."},
    "There is no such page or record.": {"kk": "Мұндай бет немесе жазба жоқ.",
                                         "ru": "Такой страницы или записи нет."},
    "A value in the address breaks a rule: see the line below, then change it.": {
        "kk": "Мекенжайдағы мән ережеге сәйкес емес: төмендегі жолды қарап, оны түзетіңіз.",
        "ru": "Значение в адресе нарушает правило: см. строку ниже и исправьте его."},
    "Something went wrong on the server; the error was not caused by your request.": {
        "kk": "Серверде ақау болды; қате сіздің сұрауыңыздан емес.",
        "ru": "На сервере произошёл сбой; ошибка вызвана не вашим запросом."},
    "The line above is the technical detail, in English, naming the field and the rule.": {
        "kk": "Жоғарыдағы жол — өріс пен ережені атайтын техникалық мәлімет (ағылшынша).",
        "ru": "Строка выше — техническая подробность на английском: поле и правило."},
    "no page at {path}": {"kk": "{path} мекенжайында бет жоқ", "ru": "нет страницы по адресу "
                                                                   "{path}"},
    # institutions
    "Institutions on {day}": {"kk": "Институттар: {day}", "ru": "Институты на {day}"},
    "On this page": {"kk": "Осы бетте", "ru": "На этой странице"},
    "Composition": {"kk": "Құрамы", "ru": "Состав"},
    "Procedures": {"kk": "Рәсімдер", "ru": "Процедуры"},
    "Bill simulator": {"kk": "Заң жобасының симуляторы", "ru": "Симулятор законопроекта"},
    "How a bill becomes law": {"kk": "Заң жобасы қалай заңға айналады",
                               "ru": "Как законопроект становится законом"},
    "Appointing the Prime Minister and the Government": {
        "kk": "Премьер-Министр мен Үкіметті тағайындау",
        "ru": "Назначение Премьер-Министра и Правительства"},
    "A vote of no confidence in the Government": {"kk": "Үкіметке сенімсіздік вотумы",
                                                  "ru": "Вотум недоверия Правительству"},
    "Dissolving the chamber": {"kk": "Палатаны тарату", "ru": "Роспуск палаты"},
    "Succession to the President": {"kk": "Президент өкілеттігінің ауысуы",
                                    "ru": "Преемство полномочий Президента"},
    "A referendum initiative": {"kk": "Референдум бастамасы", "ru": "Инициатива референдума"},
    "its rules on this date": {"kk": "оның осы күнгі ережелері",
                               "ru": "его правила на эту дату"},
    "run it below": {"kk": "төменде іске қосыңыз", "ru": "запустите ниже"},
    "from the command line": {"kk": "пәрмен жолынан", "ru": "из командной строки"},
    "Run a bill through the law-making procedure in force on its date: who introduces it, "
    "which chamber votes with what majority, deadlines, the President's signature or "
    "objections. Each step names the rule applied; steps resting on an unverified rule are "
    "marked.": {
        "kk": "Заң жобасын өз күніндегі заң шығару рәсімінен өткізіңіз: оны кім енгізеді, қай "
              "палата қандай көпшілікпен дауыс береді, мерзімдер, Президенттің қолы не "
              "қарсылығы. Әр қадам қолданылған ережені атайды; расталмаған ережеге сүйенетін "
              "қадамдар белгіленген.",
        "ru": "Проведите законопроект через законодательную процедуру, действующую на его дату: "
              "кто вносит, какая палата голосует и каким большинством, сроки, подпись или "
              "возражения Президента. Каждый шаг называет применённую норму; шаги на "
              "неподтверждённой норме отмечены."},
    "Examples": {"kk": "Мысалдар", "ru": "Примеры"},
    "A government bill in 2024, passed and signed": {
        "kk": "2024 жылғы Үкімет жобасы: қабылданып, қол қойылды",
        "ru": "Правительственный законопроект 2024 года: принят и подписан"},
    "A 2024 bill vetoed by the President": {
        "kk": "2024 жылғы жоба: Президент қарсылық білдірді",
        "ru": "Законопроект 2024 года с возражениями Президента"},
    "A 2012 bill the Senate rejects": {"kk": "2012 жылғы жоба: Сенат қабылдамайды",
                                       "ru": "Законопроект 2012 года, отклонённый Сенатом"},
    "A Kurultai bill in 2026, voted by a discipline model": {
        "kk": "2026 жылғы Құрылтай жобасы: тәртіп моделімен дауыс беру",
        "ru": "Законопроект Курултая 2026 года: голосование по модели дисциплины"},
    "Initiator": {"kk": "Бастамашы", "ru": "Инициатор"},
    "Kind": {"kk": "Түрі", "ru": "Вид"},
    "ordinary": {"kk": "қарапайым заң", "ru": "обычный закон"},
    "constitutional-law": {"en": "constitutional law", "kk": "конституциялық заң",
                           "ru": "конституционный закон"},
    "constitutional-amendment": {"en": "constitutional amendment",
                                 "kk": "Конституцияға түзету", "ru": "поправка в Конституцию"},
    "president: sign": {"en": "signs", "kk": "қол қояды", "ru": "подписывает"},
    "president: veto": {"en": "returns it with objections", "kk": "қарсылықпен қайтарады",
                        "ru": "возвращает с возражениями"},
    "president: none": {"en": "does nothing", "kk": "ештеңе істемейді",
                        "ru": "ничего не делает"},
    "urgent": {"kk": "шұғыл", "ru": "срочный"},
    "vote: yes": {"en": "yes", "kk": "иә", "ru": "за"},
    "vote: no": {"en": "no", "kk": "жоқ", "ru": "против"},
    "vote: abstain": {"en": "abstain", "kk": "қалыс", "ru": "воздержались"},
    "does not sit on this date": {"kk": "бұл күні жұмыс істемейді",
                                  "ru": "на эту дату не заседает"},
    "votes to override a veto": {"kk": "қарсылықты еңсеру үшін дауыстар",
                                 "ru": "голоса для преодоления возражений"},
    "or a voting model (200 seeded runs) where no votes are given": {
        "kk": "немесе дауыстар берілмеген жерде дауыс беру моделі (200 іске қосу)",
        "ru": "или модель голосования (200 прогонов) там, где голоса не заданы"},
    "party discipline": {"kk": "партиялық тәртіп", "ru": "партийная дисциплина"},
    "factions by default vote": {"kk": "фракциялардың әдепкі дауысы",
                                 "ru": "фракции по умолчанию голосуют"},
    "composition (if unknown)": {"kk": "құрамы (белгісіз болса)",
                                 "ru": "состав (если неизвестен)"},
    "Outcome": {"kk": "Нәтижесі", "ru": "Итог"},
    "Bill of {day}: {status}": {"kk": "{day} жобасы: {status}",
                                "ru": "Законопроект от {day}: {status}"},
    "adopted": {"kk": "қабылданды", "ru": "принят"},
    "not_adopted": {"en": "not adopted", "kk": "қабылданбады", "ru": "не принят"},
    "rejected": {"kk": "қабылданбады (қайтарылды)", "ru": "отклонён"},
    "pending": {"kk": "шешім күтілуде", "ru": "ожидает решения"},
    "decree": {"en": "enacted by decree", "kk": "жарлықпен енгізілді",
               "ru": "введён указом"},
    "Over {n} runs (seed {seed})": {"kk": "{n} іске қосу бойынша (seed {seed})",
                                    "ru": "По {n} прогонам (seed {seed})"},
    "{got} of {needed} needed": {"kk": "{got} / қажет {needed}",
                                 "ru": "{got} из необходимых {needed}"},
    "passed": {"kk": "өтті", "ru": "пройдено"},
    "not passed": {"kk": "өтпеді", "ru": "не пройдено"},
    "The outcome rests on rules no source confirmed": {
        "kk": "Нәтиже дереккөзбен расталмаған ережелерге сүйенеді",
        "ru": "Итог опирается на нормы, не подтверждённые источником"},
}
