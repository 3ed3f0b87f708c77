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
