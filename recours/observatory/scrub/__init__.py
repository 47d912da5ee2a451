"""Narrative scrubbing: personal data out of French free text, typed placeholders in.

`scrub(text)` is the one entry point; the Presidio engine behind it is built once per
process (`engine.get_engine()`), from spaCy's French pipeline and our own recognisers.
"""

from recours.observatory.scrub.engine import PLACEHOLDERS, find_entities, get_engine, scrub

__all__ = ["PLACEHOLDERS", "find_entities", "get_engine", "scrub"]
