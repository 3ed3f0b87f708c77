"""Relayed attribution: via chains, utterance dates and speakers through the relay.

Invented texts, one pattern each (fictional names and places).
"""

from __future__ import annotations

from claimgraph.extract.relay_names import same_body
from claimgraph.extract.speech_rules import quotation_blocks


def _about(result, words: str):
    """The innermost statement whose content holds ``words``."""
    found = [s for s in result.statements if words in s.content.text]
    assert found, f"no statement holds {words!r}: {[s.content.text for s in result.statements]}"
    return min(found, key=lambda s: len(s.content.text))


LONG_QUOTE = (
    "Ministry doubts Brask's figures\n\n"
    "The Velsian defence ministry published its weekly assessment on Tuesday. The assessment "
    "says:\n\n"
    "\"Brask's forces have lost at least 300 armoured vehicles since January. The commander of "
    "the northern group, General Oto Fennick, also bragged that his units had taken the "
    "hills above Rosk.\n\n"
    "\"These claims are highly likely to be false. Fennick has made similar claims before.\"\n\n"
    "The ministry did not say how it had counted the losses."
)


def test_quotation_over_paragraphs_belongs_to_its_introducer(extract):
    result = extract(LONG_QUOTE, publisher="Lorn Gazette", published="2025-04-10")
    first = _about(result, "300 armoured vehicles")
    later = _about(result, "highly likely to be false")
    for st in (first, later):
        assert st.speaker.name and "ministry" in st.speaker.name.lower()
        assert st.kind == "direct" and st.via == []
        assert st.said_on == "2025-04-08"  # the assessment published on Tuesday
    bragged = _about(result, "taken the hills")
    assert bragged.speaker.name == "Oto Fennick"
    assert bragged.cue.lemma == "brag" and bragged.cue.stance == "distancing"
    assert len(bragged.via) == 1 and "ministry" in bragged.via[0].lower()


def test_quotation_blocks_run_on_when_the_next_paragraph_reopens():
    text = "He said:\n\n\"One two three.\n\n\"Four five six.\"\n\nNot quoted."
    blocks = quotation_blocks(text)
    assert [[text[s:e] for s, e in b] for b in blocks] == [["One two three.", "Four five six."]]


def test_trailing_reads_the_post(extract):
    text = ("Drone attack repelled\n\n"
            "\"Air defence units destroyed 14 drones over the Harl region overnight. No damage "
            "was reported,\" reads the army's post on Telegram.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "14 drones")
    assert st.speaker.name and st.speaker.name.lower().endswith("army")
    assert st.cue.text == "reads"


def test_nested_reports_list_every_hop(extract):
    text = ("Minister told lawmakers of new border posts\n\n"
            "The Tarvik Courier, citing the state agency Velpress, said the interior minister, "
            "Hanne Ostrup, had told lawmakers on Monday that 12 new border posts would open "
            "this year.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    st = _about(result, "12 new border posts")
    assert st.speaker.name == "Hanne Ostrup"
    assert st.via == ["Tarvik Courier", "Velpress"]
    assert st.said_on == "2025-04-07"
    links = {(c.citing, c.cited) for c in result.citations}
    assert ("Lorn Gazette", "Tarvik Courier") in links
    assert ("Tarvik Courier", "Velpress") in links


def test_told_an_outlet_and_quoted_as_saying(extract):
    text = ("Navy short of sailors\n\n"
            "The commander of the navy, Admiral Petra Lund, told the Harbour Herald on Wednesday "
            "that the fleet was short of 600 sailors. The Herald quoted her as saying that "
            "two ships would stay in port.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    told = _about(result, "short of 600 sailors")
    assert told.speaker.name == "Petra Lund" and told.via == ["Harbour Herald"]
    quoted = _about(result, "two ships would stay in port")
    assert quoted.speaker.name == "Petra Lund"
    assert quoted.via and same_body(quoted.via[-1], "Harbour Herald")


def test_told_the_publisher_is_no_hop(extract):
    text = ("Mayor: bridge to reopen\n\n"
            "The mayor of Rosk, Ilse Varn, told the Lorn Gazette that the bridge would reopen "
            "in May.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "bridge would")
    assert st.speaker.name == "Ilse Varn" and st.via == []


def test_this_was_stated_by(extract):
    text = ("Fuel depot fire contained\n\n"
            "The fire at the Osk fuel depot was contained after nine hours. This was stated by "
            "the head of the regional fire service, Marit Holm.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"),
                "contained after nine hours")
    assert st.speaker.name == "Marit Holm"


def test_continuations_inherit_via_and_date(extract):
    text = ("Minister warns of shortages\n\n"
            "The economy minister, Aron Velk, told the broadcaster Radio Tarvik on Monday that "
            "fuel would be rationed from May. He added that prices would be frozen. According "
            "to him, stocks would last six weeks.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    for words in ("fuel would be rationed", "prices would be frozen", "stocks would last"):
        st = _about(result, words)
        assert st.speaker.name == "Aron Velk", words
        assert st.via == ["Radio Tarvik"], words
        assert st.said_on == "2025-04-07", words


def test_time_phrase_before_the_speaker(extract):
    text = ("Service reports arrests\n\n"
            "At a briefing on 9 April, the head of the security service, Jonas Brell, announced "
            "that 11 people had been arrested.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "11 people")
    assert st.speaker.name == "Jonas Brell"
    assert st.said_on == "2025-04-09"


def test_source_line_covers_the_document(extract):
    text = ("Brask moves artillery north\n\n"
            "Brask has moved at least 40 artillery pieces to the northern border since March.\n\n"
            "The region's governor, Ulf Maren, claimed on 7 April that the guns were there for "
            "exercises.\n\n"
            "Source: Velsian Ministry of Defence intelligence update, 8 April 2025")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    own = _about(result, "40 artillery pieces")
    assert own.speaker.name == "Velsian Ministry of Defence"
    assert own.via == [] and own.said_on == "2025-04-08"
    claimed = _about(result, "guns were there")
    assert claimed.speaker.name == "Ulf Maren"
    assert claimed.via == ["Velsian Ministry of Defence"]
    assert claimed.said_on == "2025-04-07"
    assert not any("Source:" in s.content.text for s in result.statements)
    assert ("Lorn Gazette", "Velsian Ministry of Defence") in {
        (c.citing, c.cited) for c in result.citations}


def test_embedded_post_line(extract):
    text = ("Ministry condemns shelling\n\n"
            "\"Overnight shelling damaged the water plant in Osk. Repairs will take weeks,\" "
            "the ministry wrote.\n\n"
            "— Ministry of Foreign Affairs of Velsia (@VelsiaMFA) April 6, 2025\n\n"
            "Brask denied any shelling.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    st = _about(result, "water plant in Osk")
    assert st.speaker.name == "Ministry of Foreign Affairs of Velsia"
    assert st.said_on == "2025-04-06"
    ministry = next(e for e in result.entities if e.name == "Ministry of Foreign Affairs of Velsia")
    assert "@VelsiaMFA" in ministry.aliases


def test_wire_dateline_is_a_hop(extract):
    text = ("Port reopens\n\n"
            "TARVIK, 9 April (Velpress) - The harbour master, Sven Holt, said on Wednesday that "
            "the port would reopen on Friday.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"),
                "port would reopen")
    assert st.speaker.name == "Sven Holt"
    assert st.via == ["Velpress"] and st.said_on == "2025-04-09"


def test_own_dateline_is_no_hop_but_dates(extract):
    text = ("Port reopens\n\n"
            "TARVIK, 9 April (Velpress) - The harbour master, Sven Holt, said the port would "
            "reopen on Friday.")
    st = _about(extract(text, publisher="Velpress", published="2025-04-10"), "port would reopen")
    assert st.via == [] and st.said_on == "2025-04-09"


def test_a_dateline_without_a_wire_is_no_part_of_what_was_said(extract):
    text = ("Forest loss doubles\n\n"
            "VENNSBY, 20 October 2025 - About 3,200 hectares of forest were felled illegally in "
            "2024, the Forest Watch group said in a report published on Monday.")
    st = _about(extract(text, publisher="Forest Watch", published="2025-10-20"), "3,200 hectares")
    assert st.content.text.startswith("About 3,200") and st.via == []


def test_a_dateline_is_no_speaker_of_the_verb_after_it(extract):
    text = ("WENDMOOR, Dec 4 (ENB) - The Bank of Elbrania raised its main interest rate by a "
            "quarter of a percentage point to 4.75 percent on Thursday, its third increase this "
            "year, and said inflation would fall back to its 2 percent target by the end of 2026.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-12-04"), "inflation")
    assert st.speaker.name == "Bank of Elbrania" and st.via == ["ENB"]
    assert st.said_on == "2025-12-04"  # 'on Thursday', not 'this year'; the dateline agrees


def test_a_dateline_with_an_accented_place_is_a_hop(extract):
    text = ("March against closures\n\n"
            "HRADLÍN, Oct 18 (Velpress) - About 8,000 people marched through Hradlín on Saturday, "
            "police said.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-10-19"), "8,000 people")
    assert st.content.text.startswith("About 8,000") and st.via == ["Velpress"]


def test_a_described_outlet_spoken_to_is_no_wire_named_before(extract):
    text = ("Swap frees civilians\n\n"
            "KORVIN, Nov 24 (Velpress) - The two countries exchanged 180 prisoners on Sunday.\n\n"
            "The ombudsman, Viktor Sallay, told Lisandrian public television on Monday that 22 of "
            "the freed prisoners were civilians.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-11-25"), "civilians")
    assert st.via == ["Velpress", "Lisandrian public television"]


def test_a_document_speaks_for_whom_it_is_from(extract):
    text = ("Commander removed\n\n"
            "A post published on the Grey Bastion channel on Friday said the commander had been "
            "removed. A statement from the ministry's press service said the units had repelled "
            "seven attacks.")
    result = extract(text, publisher="Lorn Gazette", published="2025-10-07")
    assert _about(result, "commander had been").speaker.name == "Grey Bastion channel"
    assert _about(result, "repelled").speaker.name == "ministry's press service"


def test_headline_role_resolves_to_the_body_person(extract):
    text = ("Army chief says 2,000 troops moved to border\n\n"
            "The commander of the army, General Rune Vask, said on Tuesday that 2,000 troops "
            "had been moved to the border.")
    head = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"),
                  "2,000 troops moved")
    assert head.speaker.name == "Rune Vask"
    assert head.said_on == "2025-04-08"


def test_speaker_is_the_whole_noun_phrase(extract):
    text = ("Drills reported\n\n"
            "Velsian military intelligence said that 9,000 troops were taking part in drills. "
            "Brask's exile media claimed that the drills had been cut short.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    assert _about(result, "9,000 troops").speaker.name == "Velsian military intelligence"
    assert _about(result, "cut short").speaker.name == "Brask's exile media"


def test_non_speech_verbs_are_no_statements(extract):
    text = ("Budget plans\n\n"
            "The ministry plans to publish new figures in May. The statistics office published "
            "data on wages on Monday. The minister was expected to resign. Police released the "
            "suspects without confirming their names.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    cues = {s.cue.lemma for s in result.statements if s.cue}
    assert not cues & {"plan", "publish", "expect", "confirm", "release"}


def test_said_on_ignores_dates_of_the_content_and_of_other_clauses(extract):
    text = ("Floods\n\n"
            "The head of the water authority, Ola Brun, warned that floods were expected to "
            "peak on Thursday. Her deputy, Kai Lind, who took office last week, "
            "insisted that the dams would hold.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-08")
    assert _about(result, "floods were expected").said_on is None
    assert _about(result, "dams would hold").said_on is None


def test_role_with_apostrophe_keeps_its_spelling(extract):
    text = ("Fire\n\n"
            "The county's chief fire officer, Peter Dahl, said the fire was out.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-08")
    dahl = next(e for e in result.entities if e.name == "Peter Dahl")
    assert "county's chief fire officer" in dahl.roles


def test_same_body_names():
    assert same_body("TNA", "Tervan News Agency")
    assert same_body("the Herald", "The Eskeld Herald")
    assert same_body("Altherian defence ministry", "Altherian Defence Ministry")
    assert not same_body("Altherian Ministry of Defence", "Karsovian Ministry of Defence")
    assert same_body("LINA", "Lisandrian National News Agency")  # letters of words, in order
    assert not same_body("LINA", "Lorn Gazette") and not same_body("BW", "Lorn Gazette")


def test_refusals_and_open_questions_are_no_statements(extract):
    text = ("Port closed\n\n"
            "The navy declined to comment on the closure. The ministry did not say whether the "
            "port would reopen this week.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    assert [s for s in result.statements if s.cue is not None] == []


def test_a_clause_describing_the_speaker_names_no_one_else(extract):
    text = ("Monitor counts strikes\n\n"
            "Strikes on bridges doubled in March, the Corvel Centre for Conflict Studies said on "
            "Friday. The centre, which is funded from Ardell, said it had logged 31 strikes.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-12"), "31 strikes")
    assert st.speaker.name == "Corvel Centre for Conflict Studies"
    assert st.said_on == "2025-04-11"  # as said by the same source in the sentence before


def test_a_report_of_what_others_said_keeps_both(extract):
    text = ("Fraud charges filed\n\n"
            "The fraud was run from a call centre abroad, prosecutors said on Monday, the state "
            "news agency VERA reported.\n\n"
            "The chief prosecutor, Ilka Brun, said 14 people had been charged.")
    result = extract(text, publisher="Lorn Gazette", published="2025-04-10")
    inner = [s for s in result.statements if "call centre" in s.content.text
             and s.speaker.name == "prosecutors"]
    assert inner and inner[0].via == ["VERA"] and inner[0].said_on == "2025-04-07"
    assert _about(result, "14 people").via == ["VERA"]  # the agency stays the source below


def test_headline_in_other_words_takes_its_lead(extract):
    text = ("Port officials report jump in container thefts\n\n"
            "Thefts from containers at Skelby have risen sharply this year, a senior port "
            "official said on Wednesday.\n\n"
            "The official, Mara Holm, head of the port authority's security office, said 212 "
            "containers had been broken into.")
    head = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"),
                  "jump in container thefts")
    assert head.said_on == "2025-04-09"


def test_the_occasion_dates_what_was_said_there(extract):
    text = ("Road plans questioned\n\n"
            "The update notes remarks by Transport Minister Eda Lunn at a trade fair on 2 April, "
            "where she claimed that 300 kilometres of road would be built this year.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "300 kilometres")
    assert st.speaker.name == "Eda Lunn"
    assert st.said_on == "2025-04-02"


def test_remarks_on_an_outlet_date_and_relay_what_follows(extract):
    text = ("Navy claims are doubted\n\n"
            "The assessment points to remarks by the head of the Velsian navy, Admiral Karl "
            "Osk, on the state broadcaster VTV on Monday. Osk claimed that 12 patrol boats "
            "had been sunk.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "12 patrol")
    assert st.speaker.name == "Karl Osk"
    assert st.via[-1:] == ["VTV"]
    assert st.said_on == "2025-04-07"


def test_a_report_closing_the_sentence_is_a_hop(extract):
    text = ("Grain exports rise\n\n"
            "Speaking in Lorn on 3 April, the trade minister, Ilse Varga, announced that grain "
            "exports had doubled since January, the state news agency VelPress reported.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "doubled")
    assert st.speaker.name == "Ilse Varga"
    assert st.via == ["VelPress"]
    assert "VelPress" not in st.content.text


def test_an_agency_named_like_one_is_a_hop(extract):
    text = ("Dispute over navy figures\n\n"
            "Navy spokesman Captain Olaf Brin, who spoke to TarnInform on Monday, insisted that "
            "the fleet had not moved.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "not moved")
    assert st.via == ["TarnInform"]
    assert st.said_on == "2025-04-07"  # when he spoke to it


def test_an_outlet_in_capitals_after_an_outlet_word_is_a_hop(extract):
    text = ("Ferry dispute\n\n"
            "In Lorn, the transport ministry's spokesman, Aldo Brisk, told the broadcaster KRT "
            "on Tuesday evening that the ferry would sail again in May.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "ferry would")
    assert st.via == ["KRT"]


def test_a_date_right_after_the_cue_dates_it_without_that(extract):
    text = ("Smuggling case\n\n"
            "The state attorney's office said on Monday it had charged four port workers with "
            "smuggling, a Lorn shipping firm among them.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "four port")
    assert st.said_on == "2025-04-07"
    assert not st.content.text.startswith("on Monday")


def test_a_lead_paragraph_is_no_headline(extract):
    # no title line: the first paragraph is the lead, and its speaker is its own
    text = ("KESSEL, June 7 (NPA) - About 120,000 homes in the Kessel region lost power on "
            "Saturday after a fault at the Ostra substation, grid operator Ostland Power said.\n\n"
            "The company's operations director, Lena Sorvik, said the fault at the Ostra "
            "substation had been caused by ageing equipment.")
    result = extract(text, publisher="Kessel Herald", published="2025-06-07")
    assert _about(result, "120,000 homes").speaker.name == "Ostland Power"
    assert _about(result, "ageing equipment").speaker.name == "Lena Sorvik"


def test_a_claim_attributed_twice_is_the_outlets_report_of_the_speaker(extract):
    text = ("Flood to peak\n\n"
            "The flooding in Brenholm will peak on Wednesday, Interior Ministry spokeswoman Ana "
            "Petrik said, The Brenholm Post reported.")
    st = _about(extract(text, publisher="Riverside Gazette", published="2025-06-03"),
                "will peak on Wednesday")
    assert st.speaker.name == "Ana Petrik"
    assert st.content.text == "The flooding in Brenholm will peak on Wednesday"
    assert st.via == ["Brenholm Post"]


def test_a_place_after_the_source_is_no_speaker(extract):
    text = ("TARSK, June 6 (BW) - Police in Tarsk said on Friday they had arrested 23 people "
            "after clashes near the city stadium.")
    st = _about(extract(text, publisher="Coast Times", published="2025-06-07"), "arrested 23")
    assert st.speaker.name == "Police in Tarsk"


def test_the_company_is_the_organisation_the_paragraph_is_about(extract):
    text = ("Plant to shut\n\n"
            "Drensk Steel will close its plant at Orlov by March, the company said on Wednesday.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "Orlov")
    assert st.speaker.name == "Drensk Steel"


def test_a_company_described_by_its_country_is_the_organisation_before(extract):
    text = ("Steel cuts\n\n"
            "Drensk Steel will close its plant at Orlov by March, the Tarvian steelmaker said on "
            "Wednesday, after sales fell.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-04-10"), "Orlov")
    assert st.speaker.name == "Drensk Steel"


def test_the_company_is_no_wire_in_the_dateline(extract):
    text = ("Jobs to go\n\n"
            "VELBURY, June 18 (CWS) - Danmor Foods will close its Velbury bakery by March, the "
            "company said on Wednesday.")
    st = _about(extract(text, publisher="Lorn Gazette", published="2025-06-20"), "bakery")
    assert st.speaker.name != "CWS"


def test_fullest_name_ties_go_to_the_first_in_the_text():
    from claimgraph.extract.relay import _fullest_names
    from claimgraph.model import Content, Speaker, Statement

    def said(speaker: str, via: list[str]) -> Statement:
        return Statement(id="", kind="indirect", speaker=Speaker(name=speaker), cue=None,
                         content=Content(text="x", spans=[(0, 1)]), via=via)

    for first, second in (("reports", "Reports"), ("Reports", "reports")):
        statements = [said("Fernando Morientes", [first]), said("Madrid", [second])]
        _fullest_names(statements)
        assert [st.via for st in statements] == [[first], [first]]
