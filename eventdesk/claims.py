"""Placeholder for the claims stage (being built now; see the issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from eventdesk.model import Extraction
from eventdesk.settings import Options


def attribute_claims(doc: Doc, draft: Extraction, options: Options) -> Extraction:
    """Return the draft unchanged until the stage lands."""
    del doc, options
    return draft
