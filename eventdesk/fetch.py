"""Fetching http(s) pages: a timeout, a size cap, few redirects, clear errors.

Only the standard library's urllib is used. Every failure becomes a
`FetchError` that names the URL, says what went wrong and what to try.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import IO

from eventdesk.errors import FetchError, InputTooLarge
from eventdesk.settings import Options

USER_AGENT = "eventdesk (news report ingest)"
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """The body of a fetched URL and what the server said about it."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # media type only, lower case: "text/html"
    charset: str | None
    body: bytes

    def text(self) -> str:
        """The body decoded with the server's charset (UTF-8 when it gave none)."""
        return self.body.decode(self.charset or "utf-8", errors="replace")


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most `limit` redirects, and only to http(s) URLs."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.max_redirections = limit
        self.max_repeats = limit

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                         msg: str, headers: Message, newurl: str) -> urllib.request.Request | None:
        """Refuse redirects to other schemes (file:, ftp:)."""
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-http URL {newurl}",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(spec: str) -> bool:
    """Whether an input spec is an http(s) URL."""
    return urllib.parse.urlsplit(spec).scheme in ("http", "https")


def _read_capped(response: IO[bytes], *, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputTooLarge(url, f"response is over the {max_bytes:,}-byte size cap",
                                hint="Raise it with --max-bytes if this page is really an article")
        chunks.append(chunk)
    return b"".join(chunks)


def _declared_length(headers: Message) -> int | None:
    try:
        return int(headers.get("Content-Length", ""))
    except ValueError:
        return None


def _page(url: str, response: http.client.HTTPResponse, options: Options) -> FetchedPage:
    headers = response.headers
    declared = _declared_length(headers)
    if declared is not None and declared > options.max_bytes:
        raise InputTooLarge(url, f"server announces {declared:,} bytes, over the "
                                 f"{options.max_bytes:,}-byte size cap",
                            hint="Raise it with --max-bytes if this page is really an article")
    body = _read_capped(response, url=url, max_bytes=options.max_bytes)
    return FetchedPage(url=url, final_url=response.geturl(), status=response.status,
                       content_type=headers.get_content_type(),
                       charset=headers.get_content_charset(), body=body)


def _explain(url: str, error: Exception, options: Options) -> FetchError:
    """Turn what urllib raised into a FetchError that says what to do."""
    if isinstance(error, urllib.error.HTTPError):
        if 300 <= error.code < 400:
            return FetchError(url, f"too many redirects (more than {options.fetch_max_redirects}) "
                                   f"or a redirect loop: {error.reason}",
                              hint="Open the URL in a browser to find the article's final "
                                   "address and ingest that")
        return FetchError(url, f"server answered HTTP {error.code} {error.reason}",
                          hint="Check the URL; save the page and ingest the file if it needs a login")
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError | socket.timeout):
        return FetchError(url, f"no answer within {options.fetch_timeout:g} s",
                          hint="Try again later or raise fetch_timeout in eventdesk.toml")
    if isinstance(reason, socket.gaierror):
        return FetchError(url, f"cannot resolve the host name ({reason.strerror})",
                          hint="Check the URL, or whether this machine is offline; "
                               "save the page and ingest the file instead")
    if isinstance(reason, ssl.SSLError):
        return FetchError(url, f"TLS error: {reason}", hint="Check the URL's certificate")
    return FetchError(url, f"cannot connect: {reason}",
                      hint="Check the URL, or whether this machine is offline; "
                           "save the page and ingest the file instead")


def fetch_url(url: str, *, options: Options) -> FetchedPage:
    """Fetch one http(s) URL within the options' timeout, size cap and redirect limit."""
    if not is_url(url):
        raise FetchError(url, "only http:// and https:// URLs can be fetched",
                         hint="Give a local path for files")
    opener = urllib.request.build_opener(_LimitedRedirects(options.fetch_max_redirects))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept-Encoding": "identity"})
    try:
        with opener.open(request, timeout=options.fetch_timeout) as response:
            return _page(url, response, options)
    except (urllib.error.URLError, OSError, ValueError) as error:
        # http.client raises OSError subclasses and ValueError on garbled answers
        raise _explain(url, error, options) from error
