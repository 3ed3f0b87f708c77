"""Source-cue-content triples from a trained tagger (model not shipped yet: none found)."""

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Attribution


def find_attributions(doc: Doc) -> list[Attribution]:
    return []


@Language.factory("claimgraph_attributions", assigns=["doc._.attributions"])
def make_component(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc._.attributions = find_attributions(doc)
        return doc
    return component
