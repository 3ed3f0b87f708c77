"""JSON Schemas of claimgraph's output, and validation against them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator


@cache
def validator(name: str) -> Draft202012Validator:
    """Validator for ``schemas/<name>.schema.json``."""
    text = (resources.files("claimgraph") / "schemas" / f"{name}.schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text))


def validate(name: str, instance: Any) -> None:
    """Raise ``jsonschema.ValidationError`` when ``instance`` does not match."""
    validator(name).validate(instance)
