"""The tool's own HTTP requests: one client (httpx) for link checks, sitemap.xml and robots.txt,
language versions, images and PDFs for OCR, the find-sitemap task and the shortest-path count.

Chromium's navigations are guarded by the context's scope guard; these requests are not made by
Chromium, so every one of them goes through `Fetcher.fetch`, which:

* follows redirects itself, hop by hop (at most MAX_REDIRECTS), and only while each hop stays in
  the audit's scope; a URL outside the scope (an image on a CDN) gets its first answer only.
  The client itself never follows a redirect;
* looks each hop's host up once and refuses it, before connecting, when one of its addresses is
  forbidden by the `NetworkPolicy` (tester.netpolicy: cloud metadata, link-local, private
  networks unless allowed); then it connects to the very address it checked, so a host that
  changes its DNS answer in between (DNS rebinding) cannot slip a forbidden address in;
* honours the user's `resolve` mappings (HOST=IP, like curl's --resolve) the same way: it
  connects to the IP, sends the original Host header and names the host in TLS (SNI), as
  Chromium does with --host-resolver-rules. Certificate errors are ignored, as in the browser
  contexts;
* is bounded: a timeout on each hop as a whole (connecting, headers and body), bodies read as a
  stream and cut at `max_body` after decompression (which is bounded too, so a gzip bomb stops
  at the cap), a User-Agent naming ashyq;
* answers from the site's cache (tester.fetchcache) what this audit has already asked.

A refusal is an answer, not an error: `refused` says which rule stopped it and `refused_target`
where the site wanted to go, so link checks report it as such and never as a broken link.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.cookiejar
import ipaddress
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from tester import __version__
from tester.fetchcache import CacheKey, RunCache, run_cache
from tester.netpolicy import NetworkPolicy
from tester.politeness import request_slot
from tester.urlnorm import host_of, netloc, normalise_url, port_of

if TYPE_CHECKING:
    from tester.config import Settings
    from tester.scope import Scope

MAX_REDIRECTS = 5
MAX_BODY = 5_000_000
DNS_TIMEOUT_S = 5.0
MAX_ADDRESSES_TRIED = 3
# A browser-shaped User-Agent that still names ashyq: many state bodies' firewalls answer 403 to
# clients that do not look like a browser, which would turn working links and sitemaps into
# findings (Playwright's request context sent Chromium's own string before this layer).
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              f"Chrome/120.0.0.0 Safari/537.36 ashyq/{__version__}")
REDIRECT_OUTSIDE_SCOPE = "redirect-outside-scope"
BLOCKED_ADDRESS = "blocked-address"

_CHARSET = re.compile(rb"""charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


@dataclass
class FetchAnswer:
    """The last answer of a request (after in-scope redirects), a refusal, or why none came."""

    url: str
    method: str = "GET"
    status: int | None = None
    final_url: str = ""
    content_type: str = ""
    content_length: int | None = None
    body: bytes = b""
    truncated: bool = False  # the body went on past max_body and was cut there
    error: str | None = None
    refused: str | None = None  # REDIRECT_OUTSIDE_SCOPE | BLOCKED_ADDRESS
    refused_target: str | None = None  # where the refused hop would have gone
    refused_reason: str = ""  # for BLOCKED_ADDRESS: 'cloud-metadata', 'private', …
    hops: int = 0
    ms: int = 0
    visited: list[str] = field(default_factory=list)
    cached: bool = False  # given from the site's cache, not asked again

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400

    @property
    def text(self) -> str:
        return decode_body(self.body, self.content_type)


def decode_body(raw: bytes, content_type: str) -> str:
    """Text of a response: charset from the header, else from a <meta>, else UTF-8."""
    match = _CHARSET.search(content_type.encode("latin-1", "replace")) or _CHARSET.search(
        raw[:2048]
    )
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return raw.decode(encoding, errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


class _BadBody(Exception):
    """A compressed body that does not decompress."""


class BoundedDecoder:
    """Content-Encoding gzip/deflate undone piece by piece, never more than asked for at once:
    a small compressed chunk may stand for gigabytes."""

    def __init__(self, encoding: str) -> None:
        name = encoding.strip().lower()
        self._raw_deflate_tried = name != "deflate"
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS,
                 "deflate": zlib.MAX_WBITS}.get(name)
        self._z = zlib.decompressobj(wbits) if wbits is not None else None

    def feed(self, data: bytes, limit: int) -> bytes:
        """Up to `limit` decoded bytes of `data` (what is beyond the limit is dropped)."""
        if self._z is None:
            return data[:limit]
        try:
            return self._z.decompress(data, limit)
        except zlib.error as exc:
            if self._raw_deflate_tried:  # some servers send raw deflate without the header
                raise _BadBody(str(exc)) from exc
            self._raw_deflate_tried = True
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.feed(data, limit)



class _RefuseCookies(http.cookiejar.DefaultCookiePolicy):
    """Neither keeps a cookie a site sets nor sends one back."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


_NO_COOKIES = _RefuseCookies()


async def read_capped(response: httpx.Response, max_body: int) -> tuple[bytes, bool]:
    """(body, truncated): the decoded body, read as a stream and cut after `max_body` bytes."""
    decoder = BoundedDecoder(response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    async for raw in response.aiter_raw():
        piece = decoder.feed(raw, max_body + 1 - size)
        parts.append(piece)
        size += len(piece)
        if size > max_body:
            break
    return b"".join(parts)[:max_body], size > max_body


def describe_http_error(exc: BaseException) -> str:
    """A one-line reason, worded as the browser's (tester.browser.BROWSER_ERRORS) where both
    can happen, so reports and error codes treat them alike."""
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return "timed out"
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if isinstance(exc, _BadBody | httpx.DecodingError):
        return "server sent an invalid response"
    if isinstance(exc, httpx.ConnectError):
        if "refused" in low:
            return "connection refused"
        if "ssl" in low or "tls" in low or "certificate" in low:
            return "TLS connection failed"
        if "unreachable" in low:
            return "address unreachable"
    if isinstance(exc, httpx.RemoteProtocolError):
        if "without sending" in low or "disconnected" in low:
            return "server sent an empty response"
        return "server sent an invalid response"
    if isinstance(exc, httpx.ReadError | httpx.WriteError) or "reset" in low:
        return "connection reset"
    return text.strip().splitlines()[0][:200] if text.strip() else type(exc).__name__


_TLS: ssl.SSLContext | None = None


def _tls_context() -> ssl.SSLContext:
    """Certificate errors ignored, as in the browser contexts (ignore_https_errors)."""
    global _TLS
    if _TLS is None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        _TLS = context
    return _TLS


class Fetcher:
    """Requests for one audit: its scope, the network policy and the user's host mappings.

    Use it as `async with Fetcher.for_scope(scope, settings) as fetcher:`; the connections it
    opened are closed at the end of the block. Answers are shared through the site's cache.
    """

    def __init__(
        self,
        scope: Scope,
        *,
        policy: NetworkPolicy | None = None,
        resolve: dict[str, str] | None = None,
        timeout_ms: int = 10_000,
        cache: RunCache | None = None,
    ) -> None:
        self.scope = scope
        self.policy = policy or NetworkPolicy()
        self.resolve = dict(resolve or {})
        self.timeout_ms = timeout_ms
        self.cache = cache if cache is not None else run_cache(scope)
        # One client per host: a pooled TLS connection then always carries that host's SNI.
        self._clients: dict[str, httpx.AsyncClient] = {}

    @classmethod
    def for_scope(cls, scope: Scope, settings: Settings) -> Fetcher:
        return cls(scope, policy=NetworkPolicy.from_settings(settings),
                   resolve=settings.resolve_map(), timeout_ms=settings.navigation_timeout_ms)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = list(self._clients.values()), {}
        for client in clients:
            with contextlib.suppress(Exception):
                await client.aclose()

    def _client(self, host: str) -> httpx.AsyncClient:
        client = self._clients.get(host)
        if client is None:
            client = self._clients[host] = httpx.AsyncClient(
                verify=_tls_context(), follow_redirects=False, trust_env=False,
                limits=httpx.Limits(max_connections=8, max_keepalive_connections=4),
                headers={"User-Agent": USER_AGENT, "Accept": "*/*",
                         "Accept-Encoding": "gzip, deflate"})  # what BoundedDecoder undoes
            # A link that sets a cookie (a /lang/kk switch) must not change what every later
            # check is answered: each request is judged as a fresh visitor would see it.
            client.cookies.jar.set_policy(_NO_COOKIES)
        return client

    async def addresses(self, host: str, port: int) -> list[str]:
        """IPs the host stands for: the user's mapping, the literal, or the system resolver."""
        if host in self.resolve:
            return [self.resolve[host]]
        with contextlib.suppress(ValueError):
            return [str(ipaddress.ip_address(host))]
        cached = self.cache.addresses(host)
        if cached is not None:
            return cached
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), DNS_TIMEOUT_S)
        except (OSError, TimeoutError, UnicodeError):
            infos = []
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if found:  # a failed lookup is asked again next time
            self.cache.remember_addresses(host, found)
        return found

    async def checked_addresses(self, url: str) -> tuple[list[str], tuple[str, str] | None]:
        """(addresses to connect to, None) or ([], (rule, detail)) when the URL may not be
        asked: ('dns', …) unresolved, (BLOCKED_ADDRESS, …) forbidden by the policy."""
        host, port = host_of(url), port_of(url)
        if not host or port is None:
            return [], ("invalid", "not a valid http(s) URL")
        found = await self.addresses(host, port)
        if not found:
            return [], ("dns", "host name not resolved")
        for address in found:
            reason = self.policy.refusal(address)
            if reason:
                return [], (BLOCKED_ADDRESS, f"{reason} address {address}")
        return found, None

    async def refusal(self, url: str) -> tuple[str, str] | None:
        """(rule, detail) if the policy forbids connecting for `url`; ('dns', …) if unresolved."""
        return (await self.checked_addresses(url))[1]

    def cache_key(self, url: str, method: str, headers: dict[str, str] | None) -> CacheKey:
        extra = tuple(sorted((k.lower(), v) for k, v in (headers or {}).items()))
        return (method.upper(), normalise_url(url) or url, extra)

    def known(self, url: str) -> FetchAnswer | None:
        """What this site's audit already got for `url` by HEAD or by a plain GET (no body)."""
        scope_hosts = frozenset(self.scope.hosts)
        return (self.cache.peek(self.cache_key(url, "HEAD", None), scope_hosts)
                or self.cache.peek(self.cache_key(url, "GET", None), scope_hosts))

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        timeout_ms: int | None = None,
        keep_body: bool = False,
        max_body: int = MAX_BODY,
        headers: dict[str, str] | None = None,
    ) -> FetchAnswer:
        """One request with redirects followed only within scope; never raises for site problems.

        A URL outside the scope is asked once and its redirect, if any, is not followed. An
        answer this site's audit already got is given again from the cache.
        """
        key = self.cache_key(url, method, headers)
        scope_hosts = frozenset(self.scope.hosts)
        cached = method.upper() in ("GET", "HEAD")
        if cached:
            while (pending := self.cache.in_flight.get(key)) is not None:
                await pending.wait()  # the same request is on the wire: share its answer
                known = self.cache.get(key, scope_hosts, keep_body=keep_body, max_body=max_body)
                if known is not None:
                    return known
            known = self.cache.get(key, scope_hosts, keep_body=keep_body, max_body=max_body)
            if known is not None:
                return known
        done = None
        if cached:  # no await since the loop above: nobody else can have taken the turn
            done = self.cache.in_flight[key] = asyncio.Event()
        try:
            async with request_slot(url):
                answer = await self._fetch(url, method, timeout_ms or self.timeout_ms,
                                           keep_body, max_body, headers)
            if cached:
                self.cache.put(key, answer, scope_hosts, keep_body=keep_body, max_body=max_body)
        finally:
            if done is not None:
                del self.cache.in_flight[key]
                done.set()
        return answer

    async def _fetch(self, url: str, method: str, timeout_ms: int, keep_body: bool,
                     max_body: int, headers: dict[str, str] | None) -> FetchAnswer:
        started = time.monotonic()
        answer = FetchAnswer(url=url, method=method)
        current = normalise_url(url)
        follow = self.scope.contains(current)

        def done(**values: Any) -> FetchAnswer:
            for name, value in values.items():
                setattr(answer, name, value)
            answer.final_url = answer.final_url or current or url
            answer.ms = int((time.monotonic() - started) * 1000)
            return answer

        if not current:
            return done(error="not a valid http(s) URL")
        for hop in range(MAX_REDIRECTS + 1):
            answer.hops = hop
            addresses, refused = await self.checked_addresses(current)
            if refused is not None:
                rule, detail = refused
                if rule != BLOCKED_ADDRESS:
                    return done(final_url=current, error=detail)
                return done(final_url=current, refused=BLOCKED_ADDRESS, refused_target=current,
                            refused_reason=detail)
            answer.visited.append(current)
            try:
                async with asyncio.timeout(timeout_ms / 1000):
                    status, found, body, truncated = await self._one(
                        current, addresses, method, timeout_ms, headers, keep_body, max_body)
            except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError, TimeoutError,
                    _BadBody) as exc:
                return done(final_url=current, error=describe_http_error(exc))
            location = found.get("location")
            length = found.get("content-length", "")
            common = {"status": status, "final_url": current,
                      "content_type": found.get("content-type", ""),
                      "content_length": int(length) if length.isdigit() else None}
            if 300 <= status < 400 and location:
                target = normalise_url(urljoin(current, location.strip()))
                if not follow or not target or not self.scope.contains(target):
                    return done(**common, refused=REDIRECT_OUTSIDE_SCOPE,
                                refused_target=(target or location)[:500])
                current = target
                continue
            return done(**common, body=body, truncated=truncated)
        return done(error="too many redirects")

    async def _one(
        self, url: str, addresses: list[str], method: str, timeout_ms: int,
        headers: dict[str, str] | None, keep_body: bool, max_body: int,
    ) -> tuple[int, httpx.Headers, bytes, bool]:
        """(status, headers, body, truncated) of one request to one of the checked addresses;
        it never follows a redirect. Raises httpx errors for the caller to describe."""
        parts = urlsplit(url)
        scheme, host, port = parts.scheme, host_of(url), port_of(url)
        tries = addresses[:MAX_ADDRESSES_TRIED]
        for index, address in enumerate(tries):
            wire = urlunsplit((scheme, netloc(address, port, scheme), parts.path or "/",
                               parts.query, ""))
            extensions: dict[str, Any] = {}
            if scheme == "https" and host != address:
                extensions["sni_hostname"] = host
            client = self._client(host)
            request = client.build_request(
                method, wire, headers={**(headers or {}), "Host": netloc(host, port, scheme)},
                timeout=httpx.Timeout(timeout_ms / 1000), extensions=extensions)
            for attempt in range(2):
                try:
                    response = await client.send(request, stream=True, follow_redirects=False)
                except httpx.ConnectError:
                    if index + 1 < len(tries):
                        break  # the next address of the host
                    raise
                except (httpx.RemoteProtocolError, httpx.ReadError):
                    if attempt:  # once more: servers close kept-alive sockets under our feet
                        raise
                    continue
                try:
                    body, truncated = b"", False
                    if keep_body and response.status_code < 400 and method.upper() != "HEAD":
                        body, truncated = await read_capped(response, max_body)
                    return response.status_code, response.headers, body, truncated
                finally:
                    await response.aclose()
        raise httpx.ConnectError("no address of the host could be reached")
