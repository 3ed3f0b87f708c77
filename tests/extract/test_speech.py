import pytest

from claimgraph.extract.speech import kind_of

UPDATE = (
    "On 3 March, the governor of Velmora, Arkady Sorin, claimed that about 4,000 reservists had "
    "been called up. Sorin also boasted that 1,500 of them were already guarding the coast.\n\n"
    "\"We will defend every metre of the coast,\" he said.\n\n"
    "The port was closed on Monday, officials said. According to the ministry, the governor has "
    "no authority to mobilise."
)


def _by_cue(extraction):
    return {s.cue.lemma: s for s in extraction.statements if s.cue}


def test_indirect_speech_with_distancing_cues(extract):
    result = extract(UPDATE, publisher="Daily Planet", published="2024-03-05")
    cues = _by_cue(result)
    claimed, boasted = cues["claim"], cues["boast"]
    assert claimed.speaker.name == "Arkady Sorin"
    assert claimed.cue.lemma == "claim" and claimed.cue.stance == "distancing"
    assert "4,000 reservists had been called up" in claimed.content.text
    assert claimed.kind == "indirect"
    assert boasted.speaker.name == "Arkady Sorin" and boasted.speaker.text == "Sorin"
    assert "guarding the coast" in boasted.content.text


def test_direct_quote_speaker_resolved_through_pronoun(extract):
    result = extract(UPDATE)
    quote = next(s for s in result.statements if "every metre" in s.content.text)
    assert quote.kind == "direct"
    assert quote.speaker.text == "he" and quote.speaker.name == "Arkady Sorin"
    assert quote.content.text.startswith("We will defend")


def test_trailing_cue_and_unnamed_source(extract):
    result = extract(UPDATE)
    st = next(s for s in result.statements if "port was closed" in s.content.text)
    assert st.speaker.name == "officials"
    assert st.cue.lemma == "say"


def test_according_to(extract):
    result = extract(UPDATE)
    st = next(s for s in result.statements if "no authority" in s.content.text)
    assert st.cue.lemma == "according to"
    assert st.speaker.text == "the ministry"


def test_role_noun_resolves_to_person(extract):
    text = ("Port governor Ivan Petrov visited the harbour on Friday. "
            "The governor said that the coast was secure.")
    st = next(s for s in extract(text).statements if "secure" in s.content.text)
    assert st.speaker.name == "Ivan Petrov"


def test_headline_speaker_colon_claim(extract):
    text = "Petrov: 4,000 reservists called up\n\nThe governor spoke in Velmora on Monday."
    first = extract(text).statements[0]
    assert first.speaker.text == "Petrov"
    assert "4,000 reservists called up" in first.content.text


def test_headline_claim_then_who_says_it(extract):
    text = ("Inflation to peak at 14 per cent in December, central bank says\n\n"
            "The National Bank of Lisandria said inflation would peak at about 14 per cent.")
    first = extract(text).statements[0]
    assert first.speaker.text == "central bank"
    assert first.content.text == "Inflation to peak at 14 per cent in December"


def test_headline_tagged_with_its_source(extract):
    text = ("Shelling cuts power to 40,000 homes - MorPress\n\n"
            "Shelling cut electricity to about 40,000 homes, the agency MorPress reported.")
    first = extract(text).statements[0]
    assert first.speaker.name == "MorPress"
    assert first.content.text == "Shelling cuts power to 40,000 homes"


def test_a_dash_before_words_in_lower_case_tags_no_source(extract):
    text = "Norrhaven to close plant - a blow to Tolbridge\n\nThe carmaker said it would close."
    assert not [s for s in extract(text).statements if "a blow" in s.content.text
                or s.content.text.startswith("Norrhaven to close")]


def test_nested_report_keeps_chain(extract):
    text = ("The Ministry of Defence said in its update on Tuesday that the governor of Velmora, "
            "Arkady Sorin, claimed on 3 March that about 4,000 reservists had been called up.")
    result = extract(text, publisher="The Daily Herald", published="2024-03-07")
    inner = next(s for s in result.statements if s.cue and s.cue.lemma == "claim")
    assert inner.speaker.name == "Arkady Sorin"
    assert inner.via == ["Ministry of Defence"]
    assert inner.said_on == "2024-03-03"
    pairs = {(c.citing, c.cited) for c in result.citations}
    assert ("The Daily Herald", "Ministry of Defence") in pairs
    assert ("Ministry of Defence", "Arkady Sorin") in pairs


def test_sentence_outside_speech_with_estimate_is_an_assessment(extract):
    text = ("It is highly likely that the call-up is a way of filling units without a public "
            "mobilisation.")
    result = extract(text, publisher="Ministry of Defence")
    [st] = result.statements
    assert st.kind == "assessment" and st.speaker.name == "Ministry of Defence"
    assert st.estimates and st.estimates[0].scale == "PHIA"
    assert (st.estimates[0].low, st.estimates[0].high) == pytest.approx((0.80, 0.90))


@pytest.mark.parametrize("text,kind", [
    ("“We are ready to defend the coast,”", "direct"),
    ("that the city was “ready for anything” and calm", "mixed"),
    ("that the city was ready for anything", "indirect"),
])
def test_kind_of(text, kind):
    assert kind_of(text, [(0, len(text))]) == kind


def test_cue_span_leaves_out_edge_adverbs(extract):
    result = extract("Sorin also boasted that 1,500 of them were already guarding the coast.")
    [st] = [s for s in result.statements if s.cue]
    assert st.cue.text == "boasted" and st.cue.stance == "distancing"


def test_as_reported_by(extract):
    text = ("More than 4,000 reservists have been called up in Velmora, as reported by the state "
            "news agency Velpress.")
    [st] = [s for s in extract(text).statements if s.cue]
    assert "Velpress" in st.speaker.name
    assert st.content.text.startswith("More than 4,000 reservists")


def test_content_cut_short_runs_to_the_end_of_its_sentence(extract):
    text = ("Velsian Defence Intelligence assesses that it is likely the fire was the result "
            "of a drone strike on the depot.")
    st = next(s for s in extract(text).statements if s.cue and s.cue.lemma == "assess")
    assert st.content.text.endswith("a drone strike on the depot")


def test_report_closed_by_another_reporting_verb_is_kept(extract):
    # The parser tags 'hydrologist' as a verb and leaves 'warned' without a subject; the
    # tagger finds the second paragraph's report only.
    text = ("The flood in Korvel will reach the old town by Friday, hydrologist Ines Malto "
            "of the National Water Office warned on Monday.\n\n"
            "The office has recorded 12 breaches of the river's banks since early April.")
    st = next(s for s in extract(text).statements if "old town" in s.content.text)
    assert st.speaker.name == "Ines Malto"
    assert st.cue.text == "warned"
    assert st.content.text == "The flood in Korvel will reach the old town by Friday"


def test_aside_inside_a_quotation_is_no_report(extract):
    text = '"We will rebuild the bridge, I believe, before the winter," the mayor said.'
    assert not any(s.speaker.name in ("I", "we") for s in extract(text).statements)


def test_a_plan_closed_by_an_announcement_is_the_announcer_s(extract):
    # the tagger reads 'plans' as the cue; it reports no speech, 'announced' does
    text = ("Dorvik Rail plans to cut about 300 jobs and will close its Selm depot in May, "
            "the rail operator announced on Monday, as ticket sales fell 12%.\n\n"
            "Chief executive Aino Park said most of the cuts would fall on office staff.")
    st = next(s for s in extract(text).statements if "300 jobs" in s.content.text)
    assert st.cue.text == "announced" and st.kind == "indirect"
    assert st.speaker.name == "Dorvik Rail"


def test_a_noun_outside_the_cue_lexicon_with_no_source_reports_no_speech(extract):
    text = ("Vote on harbour casino\n\nA decision on whether to allow the council to license a "
            "harbour casino is set to be made by councillors on Friday.")
    assert not any(s.cue and "decision" in s.cue.text.lower() for s in extract(text).statements)


def test_a_bare_object_is_no_claim_but_a_denial_is(extract):
    said = extract("Mayor urges Korr apology\n\nMayor Anna Lind urged Tomas Korr to apologise in "
                   "person. The ministry said on Monday that Korr had been suspended. Korr's "
                   "lawyer, Eva Sand, denied the accusation.").statements
    assert not any(s.content.text.strip() == "Korr" for s in said)
    assert any(s.cue and s.cue.lemma == "deny" and s.content.text == "the accusation"
               for s in said)


def test_a_pronoun_is_the_paragraph_s_speaker_not_the_subject_of_what_he_believes(extract):
    text = ("Sir Tom Harlow has called on the league to punish Rovers' Luis Moreno for an "
            "incident involving Karl Heinz.\n\n"
            "Harlow believes Moreno deliberately caught Heinz on the head with his knee during "
            "City's win. The City boss said it was worse than Ivan Petrov's foul for which he got "
            "a ban. \"We shall send it to the league. The tackle was terrible,\" he said.")
    st = next(s for s in extract(text).statements if "shall send" in s.content.text)
    assert st.speaker.name == "Tom Harlow"


def test_a_capitalised_word_of_a_name_is_no_cue(extract):
    text = ("But Mr Oakes - who runs his own campaign beside the official Vale Says No campaign "
            "- said he was not convinced by the mayor's arguments.")
    assert not any(s.cue and s.cue.text == "Says" for s in extract(text).statements)
