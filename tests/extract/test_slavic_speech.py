"""Statements in Russian, Ukrainian and Bulgarian: cues by lemma, stance, speakers, via."""

from __future__ import annotations

from .slavic_helpers import by_cue, run


def test_russian_indirect_speech_with_speaker_and_date():
    text = ("Губернатор Курской области Иван Петров в понедельник заявил, что около 4000 "
            "резервистов призваны на службу.")
    st = by_cue(run(text, "ru"), "заявил")
    assert st.speaker.name == "Иван Петров"
    assert st.cue.lemma == "заявить" and st.cue.stance == "neutral"
    assert st.content.text == "около 4000 резервистов призваны на службу"
    assert st.kind == "indirect" and st.said_on == "2025-03-10"
    assert [(q.value, q.approx) for q in st.quantities] == [(4000, "about")]


def test_inflected_cues_and_their_stance():
    ru = run("Мэр похвастался, что город справился. Министр признала, что ошибки были.", "ru")
    assert by_cue(ru, "похвастался").cue.stance == "distancing"
    assert by_cue(ru, "признала").cue.stance == "endorsing"
    uk = run("Речниця стверджувала, що втрат немає.", "uk")
    assert by_cue(uk, "стверджувала").cue.stance == "distancing"


def test_quotation_then_cue_and_a_pronoun_continuing_the_speaker():
    text = ("Министр обороны Олексій Коваль заявив, що понад 1200 військових прибули до міста. "
            "«Ми не відступимо», — наголосив він у вівторок.")
    result = run(text, "uk")
    quoted = by_cue(result, "наголосив")
    assert quoted.kind == "direct" and quoted.content.text == "Ми не відступимо"
    assert quoted.speaker.name == "Олексій Коваль" and quoted.speaker.text == "він"
    assert quoted.said_on == "2025-03-11"


def test_according_to_puts_the_speaker_in_the_nominative():
    result = run("По словам Ивана Петрова, в регионе находятся более 3,7 тыс. военных.", "ru")
    st = by_cue(result, "По словам")
    assert st.speaker.name == "Иван Петров"
    assert st.content.text == "в регионе находятся более 3,7 тыс. военных"
    uk = by_cue(run("За словами речниці компанії Ліни Осберг, трамваї курсуватимуть щодня.",
                    "uk"), "За словами")
    assert uk.speaker.name == "Ліна Осберг"


def test_bulgarian_colon_quotation_and_according_to():
    text = ("Министърът на отбраната Иван Иванов заяви: „Няма да отстъпим“. "
            "Според говорителя на МВР над 300 души са задържани.")
    result = run(text, "bg")
    said = by_cue(result, "заяви")
    assert said.kind == "direct" and said.content.text == "Няма да отстъпим"
    assert said.speaker.name == "Иван Иванов"
    according = by_cue(result, "Според")
    assert according.speaker.name == "говорителят на МВР"
    assert according.content.text == "над 300 души са задържани"


def test_via_chain_outlet_citing_a_body():
    text = ("ТАСС со ссылкой на пресс-службу Минобороны сообщил, что учения продлятся до "
            "пятницы.")
    st = by_cue(run(text, "ru"), "сообщил")
    assert st.speaker.name == "пресс-служба Минобороны"
    assert st.via == ["ТАСС"]


def test_speech_reported_inside_speech_has_the_outer_speaker_as_a_hop():
    text = ("Агентство Укрінформ повідомило, що губернатор Петро Сорін заявив, що міст "
            "зруйновано.")
    result = run(text, "uk")
    inner = by_cue(result, "заявив")
    assert inner.speaker.name == "Петро Сорін"
    assert inner.via and inner.via[-1].startswith("Агентство Укрінформ")


def test_dash_dialogue_and_trailing_cue():
    text = "— Ситуация под контролем, — сказала Мария Захарова. — Паники нет."
    st = by_cue(run(text, "ru"), "сказала")
    assert st.speaker.name == "Мария Захарова"
    assert [text[s:e] for s, e in st.content.spans] == ["Ситуация под контролем", "Паники нет"]
    trailing = by_cue(run("Огонь удалось локализовать, сообщил глава МЧС.", "ru"), "сообщил")
    assert trailing.content.text == "Огонь удалось локализовать"
    assert trailing.speaker.name == "глава МЧС"


def test_this_was_stated_by_takes_the_sentence_before():
    text = "Мостът ще бъде затворен до 5 април. Това заяви кметът Петър Стоянов."
    st = by_cue(run(text, "bg"), "заяви")
    assert st.content.text == "Мостът ще бъде затворен до 5 април"
    assert st.speaker.name == "Петър Стоянов"


def test_no_statement_without_a_cue():
    assert run("Мост через реку открыли после ремонта.", "ru").statements == []


def test_a_participle_of_a_cue_verb_is_no_cue():
    text = "Губернатор заявил, что резервисты призваны на службу."
    assert [s.cue.text for s in run(text, "ru").statements] == ["заявил"]


def test_bulgarian_phrase_runs_through_adjectives_after_na_to_the_person():
    text = ("Болните са над 200, съобщи директорът на областната здравна служба д-р Мила "
            "Стоева.")
    st = by_cue(run(text, "bg"), "съобщи")
    assert st.speaker.name == "Мила Стоева"


def test_bulgarian_body_name_keeps_the_noun_after_an_adjective():
    text = ("Преговорите ще продължат, заяви говорителят на Министерството на външните "
            "работи Ана Петрова.")
    result = run(text, "bg")
    assert by_cue(result, "заяви").speaker.name == "Ана Петрова"
    assert "Министерството на външните работи" in [e.name for e in result.entities]


def test_a_rector_named_before_his_name_is_that_person():
    text = "Ректор Лісового університету Іван Бондар заявив, що місць бракує."
    assert by_cue(run(text, "uk"), "заявив").speaker.name == "Іван Бондар"


def test_a_quoted_outlet_before_the_cue_is_a_hop_not_the_content():
    text = ("Директор завода Олег Сомов в интервью телеканалу «Норд-5» утверждал, что "
            "сокращений не будет.")
    st = by_cue(run(text, "ru"), "утверждал")
    assert st.speaker.name == "Олег Сомов"
    assert st.content.text == "сокращений не будет"
    assert st.via == ["Норд-5"]


def test_the_publisher_spoken_to_is_no_hop():
    text = "Депутат Анна Белова в беседе с «Вечерним Ольмаром» заявила, что мост не готов."
    st = by_cue(run(text, "ru", publisher="Вечерний Ольмар"), "заявила")
    assert st.speaker.name == "Анна Белова" and st.via == []


def test_a_body_and_its_field_in_the_nominative():
    text = "По данным областного управления по чрезвычайным ситуациям, подтоплены 300 домов."
    st = by_cue(run(text, "ru"), "По данным")
    assert st.speaker.name == "областное управление по чрезвычайным ситуациям"
    assert st.content.text == "подтоплены 300 домов"


def test_a_body_named_after_an_impersonal_cue_speaks():
    text = ("Пострадали 7 человек, сообщили в областном управлении по чрезвычайным "
            "ситуациям.")
    st = by_cue(run(text, "ru"), "сообщили")
    assert st.speaker.name == "областное управление по чрезвычайным ситуациям"


def test_an_unnamed_source_keeps_its_place():
    text = ("Агентство «Тарн-Інфо» з посиланням на джерело в міністерстві повідомило, що "
            "підрядника оштрафовано.")
    st = by_cue(run(text, "uk"), "повідомило")
    assert st.speaker.name == "джерело в міністерстві"
    assert st.via == ["Тарн-Інфо"]
    ru = by_cue(run("Источник в правительстве заявил, что отставки не будет.", "ru"), "заявил")
    assert ru.speaker.name.lower() == "источник в правительстве"


def test_a_bare_outlet_noun_is_the_outlet_named_before():
    text = ("Порт откроют осенью, заявил министр Павел Ремезов, передаёт агентство «Норд-Инфо». "
            "Как сообщило агентство со ссылкой на пресс-службу министерства, причалы готовы.")
    st = by_cue(run(text, "ru"), "сообщило")
    assert st.speaker.name == "пресс-служба министерства"
    assert st.via == ["Норд-Инфо"]


def test_bulgarian_relaying_subject_before_a_citing_participle():
    text = ("Магистралата ще бъде готова през 2027 г., съобщи агенция „Ард-Прес“. "
            "Агенцията, позовавайки се на източник в министерството, съобщава, че "
            "изпълнителят е глобен.")
    st = next(s for s in run(text, "bg").statements if s.content.text.startswith("изпълнителят"))
    assert st.speaker.name == "източник в министерството"
    assert st.via == ["Ард-Прес"]


def test_calling_something_a_name_is_a_statement_and_its_speaker_continues():
    text = ("Депутат Анна Белова назвала эти обещания «рекламой». «Мы ждём третий год», — "
            "сказала она.")
    result = run(text, "ru")
    assert by_cue(result, "назвала").speaker.name == "Анна Белова"
    assert by_cue(result, "сказала").speaker.name == "Анна Белова"


def test_a_parenthetical_between_speaker_and_cue_is_skipped():
    text = "Главный врач Елена Орлова, в свою очередь, заявила, что школы не закроют."
    assert by_cue(run(text, "ru"), "заявила").speaker.name == "Елена Орлова"


def test_a_pronoun_with_no_earlier_speaker_is_the_person_named_before():
    text = ("Говорителят на кабинета Иван Дичев отрече информацията. „Никой не обсъжда "
            "данъци“, каза той.")
    assert by_cue(run(text, "bg"), "каза").speaker.name == "Иван Дичев"


def test_an_abbreviated_ministry_is_named_in_full():
    text = ("МЗС Тарнії: переговори не відновляться\n\n"
            "Переговори не відновляться до літа, заявила речниця Міністерства закордонних "
            "справ Тарнії Олена Ковбас. За даними МЗС, рейси скасовано.")
    result = run(text, "uk")
    assert by_cue(result, "заявила").speaker.name == "Олена Ковбас"
    assert by_cue(result, "За даними").speaker.name == "Міністерство закордонних справ Тарнії"
    assert by_cue(result, ":").speaker.name == "Міністерство закордонних справ Тарнії"
    ru = run("МИД Ольвии: переговоры отложены\n\nПереговоры отложены до мая, заявила "
             "официальный представитель МИД Ольвии Ирина Лось.", "ru")
    assert by_cue(ru, ":").speaker.name == "Министерство иностранных дел Ольвии"
    bg = run("МВнР: преговорите са отложени\n\nПреговорите са отложени до май, заяви "
             "говорителят на Министерството на външните работи Ана Петрова.", "bg")
    assert by_cue(bg, ":").speaker.name == "Министерството на външните работи"


def test_a_bulletin_speaks_for_the_body_that_issued_it():
    text = ("Министерството на отбраната на Тарния съобщи в бюлетин, че загубите растат. "
            "Според бюлетина атаките са били 25.")
    st = by_cue(run(text, "bg"), "Според")
    assert st.speaker.name == "Министерството на отбраната на Тарния"


def test_a_counted_group_of_officials_is_not_their_ministry():
    text = ("Уряд готує підвищення акцизу, повідомила газета «Кур'єр» з посиланням на двох "
            "високопосадовців Міністерства фінансів. Співрозмовники газети стверджують, що "
            "рішення ухвалять у травні.")
    result = run(text, "uk")
    st = by_cue(result, "повідомила")
    assert st.speaker.name == "два високопосадовці Міністерства фінансів"
    assert st.via == ["Кур'єр"]
    later = by_cue(result, "стверджують")  # the paper's interlocutors: the officials it cited
    assert later.speaker.name == "два високопосадовці Міністерства фінансів"
    assert later.via == ["Кур'єр"]


def test_a_cited_outlet_citing_on_adds_a_hop():
    text = ("Правительство уйдёт в отставку, сообщил телеканал «Восход-7» со ссылкой на газету "
            "«Вечерний курьер», которая, в свою очередь, ссылается на источник в администрации "
            "президента. Источник утверждает, что преемником Ивана Лосева станет Глеб Орлов.")
    result = run(text, "ru")
    st = by_cue(result, "сообщил")
    assert st.speaker.name == "источник в администрации президента"
    assert st.via == ["Восход-7", "Вечерний курьер"]
    assert by_cue(result, "утверждает").speaker.name == "источник в администрации президента"


def test_bulgarian_chains_cited_by_and_citing_on():
    text = ("Магистралата ще бъде готова до 2027 г., заяви министърът Стефан Ковачев, цитиран "
            "от агенция „Ард-Прес“.")
    result = run(text, "bg")
    st = by_cue(result, "заяви")
    assert st.speaker.name == "Стефан Ковачев" and st.via == ["Ард-Прес"]
    assert [s.cue.text for s in result.statements if s.cue] == ["заяви"]
    text = ("Правителството обмисля вдигане на ДДС, съобщи телевизия „Канал Север“, "
            "позовавайки се на публикация във вестник „Глас“, който цитира двама министри. "
            "По информация на вестника, цитирана от телевизията, решението ще бъде взето до юни.")
    result = run(text, "bg")
    first = by_cue(result, "съобщи")
    assert first.speaker.name == "двама министри" and first.via == ["Канал Север", "Глас"]
    second = by_cue(result, "По информация на")
    assert second.speaker.name == "Глас" and second.via == ["Канал Север"]
    assert second.content.text == "решението ще бъде взето до юни"
    assert {s.cue.text for s in result.statements if s.cue} == {"съобщи", "По информация на"}


def test_a_press_office_after_an_impersonal_cue_speaks():
    text = "У простій відправлять 900 працівників, уточнили в пресслужбі комбінату."
    assert by_cue(run(text, "uk"), "уточнили").speaker.name == "пресслужба комбінату"


def test_a_channel_named_by_a_phrase_is_a_hop_in_the_nominative():
    text = ("Генерал Тимур Аркин утверждал в эфире государственного телевидения, что потери "
            "минимальны.")
    st = by_cue(run(text, "ru"), "утверждал")
    assert st.via == ["государственное телевидение"]


def test_a_pronoun_is_the_person_named_since_the_last_statement():
    text = ("Мэр Семён Котов заявил, что тепло вернётся к пятнице. Директор теплосети Олег "
            "Прудов оказался осторожнее. По его словам, работы затянутся.")
    assert by_cue(run(text, "ru"), "По его словам").speaker.name == "Олег Прудов"


def test_bulgarian_phrase_ends_before_a_second_definite_noun():
    text = "По данни на разследващите групата е регистрирала фиктивни фирми."
    st = by_cue(run(text, "bg"), "По данни на")
    assert st.speaker.name == "разследващите"
    assert st.content.text == "групата е регистрирала фиктивни фирми"


def test_a_person_named_after_a_body_is_no_part_of_its_name():
    text = ("Речник військово-морського Штабу Тимофій Гребенюк заявив, що кораблі в порту. "
            "Про це також повідомив речник МВС Богдан Швець.")
    result = run(text, "uk")
    assert by_cue(result, "заявив").speaker.name == "Тимофій Гребенюк"
    names = {e.name for e in result.entities if e.type == "PERSON"}
    assert {"Тимофій Гребенюк", "Богдан Швець"} <= names


def test_a_role_in_the_genitive_before_an_abbreviation_is_the_person_with_that_role():
    text = ("Голова ОДА Мирон Ткаченко повідомив, що дороги розчищено. За словами голови ОДА, "
            "школи відкриються в понеділок.")
    st = by_cue(run(text, "uk"), "За словами")
    assert st.speaker.name == "Мирон Ткаченко"
    assert st.content.text == "школи відкриються в понеділок"


def test_an_epithet_no_one_was_introduced_with_is_the_last_speaker_of_its_gender():
    text = ("Міністр транспорту Любомир Данилюк повідомив, що рейси відновлять у четвер. "
            "«Ми вже перевірили всі літаки», — додав посадовець. Мерка Орися Грабовська "
            "заявила, що аеропорт готовий. «Персонал на місці», — наголосила очільниця міста.")
    result = run(text, "uk")
    assert by_cue(result, "додав").speaker.name == "Любомир Данилюк"
    assert by_cue(result, "наголосила").speaker.name == "Орися Грабовська"


def test_an_indeclinable_surname_leaves_the_gender_to_the_first_name():
    text = ("Прокурор Назар Гнатюк заявив, що справу передано до суду. «Доказів достатньо», "
            "— сказав він.")
    assert by_cue(run(text, "uk"), "сказав").speaker.name == "Назар Гнатюк"


def test_the_body_named_after_an_impersonal_cue_speaks_in_the_nominative():
    text = ("Служба погоди Тарнії: тиждень буде холодним\n\n"
            "Нічні заморозки триматимуться до суботи, йдеться в щотижневому огляді "
            "Гідрометеорологічного центру Тарнії. За оцінкою синоптиків, врожай не постраждає.")
    result = run(text, "uk")
    assert by_cue(result, "йдеться").speaker.name == "Гідрометеорологічний центр Тарнії"


def test_a_body_in_a_prepositional_phrase_before_a_plural_cue_speaks():
    text = ("Міністерство аграрної політики Тарнії повідомило, що посіви не постраждали. "
            "Водночас у міністерстві зазначили, що ціни на зерно можуть зрости.")
    st = by_cue(run(text, "uk"), "зазначили")
    assert st.speaker.name == "Міністерство аграрної політики Тарнії"
    assert st.content.text == "ціни на зерно можуть зрости"


def test_a_sentence_first_common_noun_opens_no_personal_name():
    text = "Фермери Південного краю вважають, що врожай буде рекордним."
    result = run(text, "uk")
    assert by_cue(result, "вважають").speaker.name == "Фермери Південного краю"
    assert not [e for e in result.entities if e.type == "PERSON"]


def test_an_abbreviation_after_a_body_noun_is_spelled_out_as_the_document_names_it():
    text = ("Про затримання повідомила пресслужба Міністерства юстиції Тарнії. Як уточнили "
            "в пресслужбі МЮТ, підозрюваних двоє.")
    st = by_cue(run(text, "uk"), "уточнили")
    assert st.speaker.name == "пресслужба Міністерства юстиції Тарнії"


def test_a_cue_in_the_future_tense_is_no_statement():
    text = "Прем'єр-міністр Тарнії Ілля Стасюк прокоментує рішення уряду в п'ятницю."
    assert run(text, "uk").statements == []


def test_a_phrase_with_no_nominative_reading_is_no_speaker_of_its_verb():
    text = ("Прокурор Зеновій Бабич розповів, що фігурантам справи повідомили про підозру.")
    result = run(text, "uk")
    assert [s.cue.text for s in result.statements if s.cue] == ["розповів"]


def test_a_bare_outlet_noun_spoken_to_is_the_outlet_named_before_with_its_hops():
    text = ("Як повідомляє радіо «Хвиля-FM» з посиланням на тижневик «Північний огляд», завод "
            "закриють. Директорка заводу Ганна Кушнір в інтерв'ю тижневику заявила, що "
            "робітників переведуть на інші підприємства.")
    st = by_cue(run(text, "uk"), "заявила")
    assert st.speaker.name == "Ганна Кушнір"
    assert st.via == ["Хвиля-FM", "Північний огляд"]


def test_a_report_after_its_content_takes_the_day_of_the_event_it_reports():
    text = ("Уряд Тарнії у вівторок затвердив новий бюджет, повідомила речниця Кабміну "
            "Олеся Варич.")
    st = by_cue(run(text, "uk", published="2025-03-12"), "повідомила")
    assert st.speaker.name == "Олеся Варич" and st.said_on == "2025-03-11"


def test_a_time_before_the_cue_is_no_speaker():
    text = ("Генерал-майор Андрій Гнатюк у середу ввечері в ефірі радіо «Голос Тернавії» "
            "заявив, що прямої загрози наступу наразі немає.")
    assert by_cue(run(text, "uk"), "заявив").speaker.name == "Андрій Гнатюк"
    text = "Вчера вечерта министърът каза, че няма заплаха."
    assert by_cue(run(text, "bg"), "каза").speaker.name == "министърът"


def test_a_body_abbreviated_in_brackets_before_the_name_after_the_cue():
    text = ("Без електропостачання залишаються понад 40 тисяч родин, заявила у вівторок голова "
            "Державної агенції цивільного захисту (ДАЦЗ) Олена Вербицька.")
    assert by_cue(run(text, "uk"), "заявила").speaker.name == "Олена Вербицька"


def test_the_first_part_of_a_hyphenated_role_names_the_person_too():
    text = ("Кордон не закриють, заявив у вівторок прем'єр-міністр Острелії Стоян Миладінов.\n\n"
            "За словами прем'єра, ремонт триватиме близько трьох тижнів.")
    assert by_cue(run(text, "uk"), "За словами").speaker.name == "Стоян Миладінов"
