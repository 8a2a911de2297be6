"""HTTP GET for feeds and pages: conditional, bounded (size, time, redirects), polite (robots.txt, two requests
per host), and never at private addresses.

Redirects are followed here, hop by hop, so every hop's host is checked before it is contacted.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from briefings.settings import describe
from briefings.sources.robots import allow_all, allowed, parse_robots, robots_url

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
PER_HOST = 2  # requests in flight to one host at a time
TIMEOUT = httpx.Timeout(10.0, connect=5.0)  # per connect / read / write
DEADLINE_S = 30.0  # a whole request, however slowly the server drips bytes
_REDIRECTS = {301, 302, 303, 307, 308}


def _newsbrief_version() -> str:
    try:
        return version("newsbrief")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"newsbrief/{_newsbrief_version()} (news briefing bot; fetches feeds and the articles they link)"


class FetchError(Exception):
    """A URL that could not be had; the message is the reason shown to the user, `status` the HTTP one if any."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Fetched:
    """One response after redirects: `not_modified` when the server answered 304 to a conditional GET."""

    url: str  # the final URL, after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def refusal(address: str) -> str | None:
    """Why an address may not be fetched (loopback, private, link-local, multicast...), or None if it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "private", "unspecified", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return f"{ip}, a {kind.replace('_', '-')} address"
    if not ip.is_global:  # shared (100.64/10), documentation and other special ranges
        return f"{ip}, not a public address"
    return None


def check_url(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; FetchError for any other scheme or a URL without a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'a bare path'!r}")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("the URL has an invalid port") from None
    return parts.hostname, port


_REFUSED = "refused: "


def _refused(host: str, how: str, reason: str) -> str:
    """Why an address may not be fetched, and the setting that would allow it."""
    return f"{_REFUSED}{host} {how} {reason} (set {describe('allow_private_sources')}=1 to allow)"


class _PublicPeerBackend(httpcore.AsyncNetworkBackend):
    """Opens TCP connections and closes, before a byte is sent, any that reached a refused address."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None, socket_options: object = None) -> httpcore.AsyncNetworkStream:
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)  # type: ignore[arg-type]
        peer = stream.get_extra_info("server_addr")
        # The address checked in _check_host may not be the one connected to (DNS can answer differently the
        # second time): the peer of the open socket is what counts.
        reason = refusal(peer[0]) if peer else "an unknown address"
        if reason:
            await stream.aclose()
            raise httpcore.ConnectError(_refused(host, "connected to", reason))
        return stream

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _transport(allow_private: bool, limits: httpx.Limits) -> httpx.AsyncHTTPTransport:
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    if not allow_private:
        # httpx has no public way to pass httpcore a network backend; its pool is the one place that takes it.
        transport._pool._network_backend = _PublicPeerBackend()  # type: ignore[attr-defined]
    return transport


class Fetcher:
    """An httpx client with newsbrief's rules; use as `async with Fetcher(...) as f: await f.get(url)`."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        max_bytes: int = MAX_BODY_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        per_host: int = PER_HOST,
        timeout: httpx.Timeout = TIMEOUT,
        deadline_s: float = DEADLINE_S,
    ) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.deadline_s = deadline_s
        self._timeout = timeout
        self._host_slots: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
        self._robots: dict[str, Protego | str] = {}  # per robots.txt URL: its rules, or why it is unreadable
        self._robots_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=False,  # followed in get(), each hop checked
            timeout=self._timeout,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            transport=_transport(self.allow_private, httpx.Limits(max_connections=64, max_keepalive_connections=16)),
            trust_env=False,  # no proxy from the environment: the address check must see the real host
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client:
            await self._client.aclose()

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET with If-None-Match / If-Modified-Since, following at most max_redirects checked redirects."""
        try:
            async with asyncio.timeout(self.deadline_s):
                return await self._get(url, etag, last_modified)
        except TimeoutError:
            raise FetchError(f"timed out (no complete answer within {self.deadline_s:g} s)") from None

    async def _get(self, url: str, etag: str | None, last_modified: str | None, *, robots: bool = True) -> Fetched:
        seen = {url}
        for _ in range(self.max_redirects + 1):
            host, port = check_url(url)
            await self._check_host(host, port)
            if robots:
                await self._check_robots(url)
            conditional = {}
            if etag:
                conditional["If-None-Match"] = etag
            if last_modified:
                conditional["If-Modified-Since"] = last_modified
            async with self._host_slots[host.lower()]:
                result = await self._one_request(url, conditional)
            if isinstance(result, Fetched):
                return result
            url = urljoin(url, result)
            if url in seen:
                raise FetchError(f"redirect loop (back to {url})")
            seen.add(url)
        raise FetchError(f"too many redirects (more than {self.max_redirects})")

    async def _check_robots(self, url: str) -> None:
        where = robots_url(url)
        async with self._robots_locks[where]:  # one robots.txt request per site, however many items are due
            if where not in self._robots:
                self._robots[where] = await self._read_robots(where)
        rules = self._robots[where]
        if isinstance(rules, str):
            raise FetchError(rules)
        if not allowed(rules, url):
            raise FetchError(f"{where} does not allow newsbrief to fetch this URL")

    async def _read_robots(self, where: str) -> Protego | str:
        try:
            fetched = await self._get(where, None, None, robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return allow_all()
            return f"{exc} (reading {where}: nothing is fetched from the site until it can be read)"
        return parse_robots(fetched.body)

    async def _check_host(self, host: str, port: int) -> None:
        if self.allow_private:
            return
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host} ({exc.strerror})") from None
        for info in infos:
            reason = refusal(info[4][0])
            if reason:
                raise FetchError(_refused(host, "resolves to", reason))

    async def _one_request(self, url: str, headers: dict[str, str]) -> Fetched | str:
        """The response, or the Location of a redirect."""
        assert self._client is not None, "use Fetcher as an async context manager"
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    return response.headers["location"]
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip(), response.status_code)
                body = await self._read_body(response)
        except httpx.TimeoutException:
            raise FetchError("timed out waiting for the server") from None
        except httpx.ConnectError as exc:
            if str(exc).startswith(_REFUSED):  # from _PublicPeerBackend, through httpx's own ConnectError
                raise FetchError(str(exc)) from None
            raise FetchError(f"cannot connect ({str(exc) or 'connection refused'})") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise FetchError(f"connection reset or closed by the server ({str(exc) or type(exc).__name__})") from None
        except httpx.DecodingError as exc:
            raise FetchError(f"the body could not be decoded ({exc})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"HTTP error ({type(exc).__name__}: {exc})") from None
        return Fetched(
            url=str(response.url),
            status=response.status_code,
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            body=body,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    async def _read_body(self, response: httpx.Response) -> bytes:
        too_large = FetchError(f"body larger than the {self.max_bytes / 1024 / 1024:g} MB limit")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)
