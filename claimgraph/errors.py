"""Errors shown to users as one clear line."""


class ClaimgraphError(Exception):
    """A problem the user can fix; the message says what and how."""


class InputError(ClaimgraphError):
    """One input could not be read; other inputs go on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ModelNotFound(ClaimgraphError):
    """No spaCy model could be loaded."""


class InvalidAssessment(ClaimgraphError):
    """An assessment's term, probability, confidence or dates do not fit together."""
