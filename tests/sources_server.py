"""Serving the feed and page fixtures of tests/sources/ from pytest-httpserver on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

FIXTURES = Path(__file__).resolve().parent / "sources"
TYPES = {".xml": "application/rss+xml", ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8"}


def fixture_text(server: HTTPServer, name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", server.url_for("").rstrip("/"))


def serve(server: HTTPServer, path: str, body: str | bytes, content_type: str, *, etag: str | None = None) -> None:
    """Serve `body` at `path` for every request; with an etag, a matching If-None-Match gets 304."""
    data = body.encode() if isinstance(body, str) else body

    def handler(request: Request) -> Response:
        if etag and request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        headers = {"ETag": etag} if etag else {}
        return Response(data, status=200, content_type=content_type, headers=headers)

    server.expect_request(path).respond_with_handler(handler)


def without_robots_txt(server: HTTPServer) -> None:
    """robots.txt answers 404, which lets newsbrief fetch everything on the site."""
    server.expect_request("/robots.txt").respond_with_data("", status=404)


def serve_fixture(server: HTTPServer, path: str, name: str, *, etag: str | None = None) -> None:
    serve(server, path, fixture_text(server, name), TYPES[Path(name).suffix], etag=etag)


def serve_harbour_site(server: HTTPServer) -> str:
    """The Harbour Gazette: a feed of 3 items (the third one's page is missing); returns the feed URL."""
    serve_fixture(server, "/feed.xml", "harbour_feed.xml", etag='"harbour-1"')
    serve_fixture(server, "/news/portmere-flood.html", "portmere_flood.html")
    serve_fixture(server, "/news/ferry-terminal.html", "ferry_terminal.html")
    return server.url_for("/feed.xml")


class RawServer:
    """A TCP server on 127.0.0.1 that reads each request and then resets the connection (RST), or stays silent."""

    def __init__(self, mode: str = "reset") -> None:
        self.mode = mode
        self.held: list[socket.socket] = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.recv(1024)
            if self.mode == "silent":
                self.held.append(conn)  # never answered; closed on exit
                continue
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            conn.close()

    def __enter__(self) -> RawServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for conn in self.held:
            conn.close()
        self.sock.close()
