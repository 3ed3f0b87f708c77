def test_people_merged_by_surname_with_roles(extract):
    text = ("Port governor Ivan Petrov spoke on Monday. Petrov said the port was calm. "
            "Anna Kova, the head of the border agency, disagreed.")
    entities = {e.name: e for e in extract(text).entities}
    petrov = entities["Ivan Petrov"]
    assert petrov.type == "PERSON" and len(petrov.mentions) == 2
    assert "port governor" in petrov.roles
    assert any("head of" in r for r in entities["Anna Kova"].roles)


def test_acronym_joins_its_organisation(extract):
    text = "The Ministry of Defence (MoD) published its update. The MoD said the port was closed."
    [ministry] = [e for e in extract(text).entities if e.type == "ORG"]
    assert ministry.name == "Ministry of Defence" and "MoD" in ministry.aliases
    assert len(ministry.mentions) == 3


def test_a_body_after_a_rank_is_no_person(extract):
    text = "On Sunday, Velsia's General Staff said that its forces had struck a depot."
    names = {e.name: e.type for e in extract(text).entities}
    assert "Staff" not in names
    assert names.get("General Staff") == "ORG"


def test_an_organisation_keeps_a_capitalised_first_word(extract):
    from spacy.tokens import Span

    from claimgraph.extract.entities import entity_spans
    from claimgraph.nlp import load_model

    doc = load_model()("The press freedom group Clear Record said 12 journalists were held.")
    doc.ents = [Span(doc, 5, 6, label="ORG")]  # the NER cut the name: 'Record'
    assert [s.text for s in entity_spans(doc)] == ["Clear Record"]


def test_one_name_is_one_entity_however_the_tagger_labels_it(extract):
    text = ("Norrhaven Motors to cut 1,500 jobs\n\n"
            "VENNSBY, Oct 21 (Brightline) - Norrhaven Motors will cut 1,500 jobs over the next "
            "18 months, the Kaldoran carmaker said on Tuesday.")
    record = extract(text)
    [company] = [e for e in record.entities if e.name == "Norrhaven Motors"]
    assert company.type == "ORG" and len(company.mentions) == 2
    [st] = [s for s in record.statements if "will cut" in s.content.text]
    assert st.speaker.name == "Norrhaven Motors"


def test_a_company_the_tagger_misses_is_named_by_its_last_word(extract):
    text = ("VENNSBY, Oct 21 (Brightline) - Norrhaven Motors will cut 1,500 jobs over the next "
            "18 months, the Kaldoran carmaker said on Tuesday.")
    record = extract(text)
    assert [e.type for e in record.entities if e.name == "Norrhaven Motors"] == ["ORG"]
    [st] = [s for s in record.statements if "will cut" in s.content.text]
    assert st.speaker.name == "Norrhaven Motors"
