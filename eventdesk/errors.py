"""eventdesk's exceptions.

    EventdeskError              anything eventdesk raises on purpose
    ├── InputError              one input cannot be read; the run goes on
    │   ├── UnsupportedInput    no reader for this kind of input
    │   ├── EmptyInput          nothing to read: empty file, HTML with no article
    │   ├── InputTooLarge       over the size cap (--max-bytes)
    │   ├── UndecodableInput    binary, or bytes no encoding explains
    │   ├── MalformedInput      a JSONL line, feed or WARC record that does not parse
    │   └── FetchError          a URL that cannot be fetched (offline, timeout, 4xx/5xx)
    ├── StageError              a pipeline stage broke on one article
    ├── StoreError              the DuckDB store cannot be opened or migrated
    ├── GazetteerError          a gazetteer dump is unreadable or malformed
    ├── EvalDataError           an evaluation data set is missing or malformed
    └── ConfigError             a settings file or option is invalid

Every message says what happened, to which input, and how to fix it.
"""

from __future__ import annotations

from typing import Any


class EventdeskError(Exception):
    """Base class of everything eventdesk raises on purpose."""


class InputError(EventdeskError):
    """One input cannot be read; batch runs record it and go on."""

    def __init__(self, source: str, reason: str, *, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        self.hint = hint
        message = f"{source}: {reason}"
        super().__init__(f"{message}. {hint}" if hint else message)


class UnsupportedInput(InputError):
    """No reader knows this kind of input."""


class EmptyInput(InputError):
    """The input holds no article text."""


class InputTooLarge(InputError):
    """The input is over the configured size cap."""


class UndecodableInput(InputError):
    """The input is binary, or its bytes decode as no text."""


class MalformedInput(InputError):
    """A JSONL line, feed or WARC record does not parse."""


class FetchError(InputError):
    """A URL could not be fetched."""


class StageError(EventdeskError):
    """A pipeline stage raised on one article."""

    def __init__(self, stage: str, article_id: str, source: str, cause: BaseException) -> None:
        self.stage = stage
        self.article_id = article_id
        self.source = source
        self.cause = cause
        super().__init__(
            f"stage {stage!r} failed on article {article_id[:12]} ({source}): "
            f"{type(cause).__name__}: {cause}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # sent back from cluster workers: the cause travels as its text, since not
        # every exception can be rebuilt from its args
        cause = RuntimeError(f"{type(self.cause).__name__}: {self.cause}")
        return _stage_error, (self.stage, self.article_id, self.source, cause, str(self))


def _stage_error(stage: str, article_id: str, source: str, cause: BaseException, message: str) -> StageError:
    error = StageError(stage, article_id, source, cause)
    error.args = (message,)
    return error


class StoreError(EventdeskError):
    """The store cannot be opened, read or migrated."""


class GazetteerError(EventdeskError):
    """A gazetteer dump is unreadable or malformed."""


class EvalDataError(EventdeskError):
    """An evaluation data set is missing or malformed."""


class ConfigError(EventdeskError):
    """A settings file or option value is invalid."""
