"""eventdesk: news reports in, sourced event data out.

The entry points are `eventdesk.api` (ingest, report) and the data model;
everything else is internal.
"""

__version__ = "0.1.0"

from eventdesk.model import (  # noqa: E402 - the version must exist before submodules import it
    Article, Claim, Event, Extraction, Figure, Mention, Place, Story, TimeExpr,
)
from eventdesk.settings import Options, load_options  # noqa: E402

__all__ = [
    "Article", "Claim", "Event", "Extraction", "Figure", "Mention", "Options", "Place",
    "Story", "TimeExpr", "__version__", "load_options",
]
