"""fetch_url against a real HTTP server on 127.0.0.1, started by the tests."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import pytest

from eventdesk.errors import FetchError, InputTooLarge
from eventdesk.fetch import fetch_url, is_url
from eventdesk.settings import Options

PAGE = b"<html><body><article><p>Local test page.</p></article></body></html>"
BIG = 5_000


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # close-delimited bodies, so /big-unannounced needs no length

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        routes = {
            "/ok": lambda: self._send(200, PAGE, "text/html; charset=utf-8"),
            "/loop-a": lambda: self._redirect("/loop-b"),
            "/loop-b": lambda: self._redirect("/loop-a"),
            "/hop-2": lambda: self._redirect("/hop-1"),
            "/hop-1": lambda: self._redirect("/ok"),
            "/to-file": lambda: self._redirect("file:///etc/hostname"),
            "/big-announced": lambda: self._send(200, b"x" * BIG, "text/plain"),
            "/big-unannounced": lambda: self._send(200, b"x" * BIG, "text/plain", length=False),
            "/slow": self._slow,
            "/broken": lambda: self._send(500, b"oops", "text/plain"),
        }
        routes.get(self.path, lambda: self._send(404, b"not here", "text/plain"))()

    def _send(self, status: int, body: bytes, ctype: str, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _slow(self) -> None:
        time.sleep(1.5)
        self._send(200, PAGE, "text/html")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        return


class _QuietServer(http.server.ThreadingHTTPServer):
    """A test server that does not print the broken pipes of clients that gave up."""

    def handle_error(self, request: object, client_address: object) -> None:
        return


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests must not be sent to a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1; yields its base URL."""
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_url_returns_page(server: str) -> None:
    page = fetch_url(f"{server}/ok", options=Options())
    assert page.status == 200
    assert page.body == PAGE
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert "Local test page" in page.text()


def test_fetch_url_follows_a_few_redirects(server: str) -> None:
    page = fetch_url(f"{server}/hop-2", options=Options(fetch_max_redirects=3))
    assert page.final_url == f"{server}/ok"
    assert page.body == PAGE


def test_fetch_url_stops_redirect_loop(server: str) -> None:
    with pytest.raises(FetchError, match="redirect") as caught:
        fetch_url(f"{server}/loop-a", options=Options(fetch_max_redirects=4))
    assert f"{server}/loop-a" in str(caught.value)


def test_fetch_url_enforces_redirect_limit(server: str) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(f"{server}/hop-2", options=Options(fetch_max_redirects=1))


def test_fetch_url_refuses_redirect_to_file_url(server: str) -> None:
    with pytest.raises(FetchError):
        fetch_url(f"{server}/to-file", options=Options())


@pytest.mark.parametrize("path,code", [("/missing", "404"), ("/broken", "500")])
def test_fetch_url_reports_http_errors(server: str, path: str, code: str) -> None:
    with pytest.raises(FetchError, match=f"HTTP {code}") as caught:
        fetch_url(server + path, options=Options())
    assert caught.value.source == server + path


@pytest.mark.parametrize("path", ["/big-announced", "/big-unannounced"])
def test_fetch_url_enforces_size_cap(server: str, path: str) -> None:
    with pytest.raises(InputTooLarge, match="size cap"):
        fetch_url(server + path, options=Options(max_bytes=BIG - 1))


def test_fetch_url_accepts_body_at_the_cap(server: str) -> None:
    page = fetch_url(f"{server}/big-unannounced", options=Options(max_bytes=BIG))
    assert len(page.body) == BIG


def test_fetch_url_times_out(server: str) -> None:
    with pytest.raises(FetchError, match="no answer within"):
        fetch_url(f"{server}/slow", options=Options(fetch_timeout=0.3))


def test_fetch_url_unreachable_port_says_offline() -> None:
    # port 1 on loopback: nothing listens there, the connection is refused
    with pytest.raises(FetchError, match="cannot connect") as caught:
        fetch_url("http://127.0.0.1:1/article", options=Options(fetch_timeout=2))
    assert "offline" in str(caught.value)


@pytest.mark.parametrize("spec,expected", [
    ("http://example.org/a", True), ("https://example.org/a", True),
    ("file:///etc/passwd", False), ("reports/a.txt", False), ("-", False),
])
def test_is_url_only_http(spec: str, expected: bool) -> None:
    assert is_url(spec) is expected


def test_fetch_url_rejects_other_schemes() -> None:
    with pytest.raises(FetchError, match="only http"):
        fetch_url("file:///etc/hostname", options=Options())
