"""The tool's own HTTP requests (link checks, sitemaps, shortest paths, images and PDFs for OCR).

Chromium's navigations are guarded by the context's scope guard, but requests made with a
context's APIRequestContext are not, and Playwright would follow their redirects to any host.
Every tool-originated request goes through `Fetcher.fetch` instead, which:

* follows redirects itself, hop by hop (at most MAX_REDIRECTS), and only while each hop stays in
  the audit's scope; a URL outside the scope (an image on a CDN) gets its first answer only;
* refuses, before connecting, any hop whose host resolves to an address the `NetworkPolicy`
  forbids (cloud metadata, link-local, and private networks unless allowed);
* honours the user's `resolve` mappings (HOST=IP, like curl's --resolve): it connects to the
  mapped IP and sends the original Host header, as Chromium does with --host-resolver-rules.
  Over https the TLS name (SNI) is then the IP, so name-based TLS virtual hosts may answer with
  their default site; certificate errors are ignored by the contexts anyway.

A refusal is an answer, not an error: `refused` says which rule stopped it and `refused_target`
where the site wanted to go, so link checks report it as such and never as a broken link.
Hosts not mapped are resolved here for the policy check and again by Playwright when it
connects; a host that changes its answer in between (DNS rebinding) is not caught by this.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import re
import socket
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from playwright.async_api import APIRequestContext, BrowserContext
from playwright.async_api import Error as PlaywrightError

from tester.browser import Scope, describe_error
from tester.config import Settings
from tester.urlnorm import host_of, netloc, normalise_url, port_of

MAX_REDIRECTS = 5
DNS_TIMEOUT_S = 5.0
DNS_CACHE_S = 60.0  # OCR fetches make a Fetcher per image; one lookup per host is enough
REDIRECT_OUTSIDE_SCOPE = "redirect-outside-scope"
BLOCKED_ADDRESS = "blocked-address"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# Instance-metadata services hand out cloud credentials: never a target of an audit.
CLOUD_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
    "fd00:ec2::254",  # AWS over IPv6
    "169.254.170.2",  # AWS ECS task metadata
    "100.100.100.200",  # Alibaba Cloud
))
LINK_LOCAL = tuple(ipaddress.ip_network(n) for n in ("169.254.0.0/16", "fe80::/10"))
PRIVATE = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7",
))
NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CHARSET = re.compile(rb"""charset=["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_dns_cache: dict[str, tuple[float, list[str]]] = {}  # host -> (when, addresses)


def embedded_ipv4(ip: IPAddress) -> IPAddress:
    """The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64, 6to4), else itself:
    `::ffff:169.254.169.254` reaches the metadata service just as well."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour or ip


@dataclass(frozen=True)
class NetworkPolicy:
    """Which addresses the tool's own requests may connect to.

    Cloud-metadata and link-local addresses are always refused; loopback is allowed for the
    CLI (local testing); private networks only when `allow_private`.
    """

    allow_loopback: bool = True
    allow_private: bool = False

    @classmethod
    def from_settings(cls, settings: Settings) -> NetworkPolicy:
        return cls(allow_loopback=True, allow_private=settings.allow_private)

    def refusal(self, address: str) -> str | None:
        """Why a connection to this IP is refused ('cloud-metadata', 'private', …), or None."""
        try:
            ip: IPAddress = ipaddress.ip_address(address.strip("[]"))
        except ValueError:
            return "not-an-address"
        ip = embedded_ipv4(ip)
        if ip in CLOUD_METADATA:
            return "cloud-metadata"
        if any(ip in net for net in LINK_LOCAL):
            return "link-local"
        if ip.is_loopback:
            return None if self.allow_loopback else "loopback"
        if ip.is_unspecified or ip.is_multicast:  # 0.0.0.0 reaches this machine on Linux
            return "unspecified" if ip.is_unspecified else "multicast"
        if any(ip in net for net in PRIVATE) or ip.is_private:
            return None if self.allow_private else "private"
        return None


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
    error: str | None = None
    refused: str | None = None  # REDIRECT_OUTSIDE_SCOPE | BLOCKED_ADDRESS
    refused_target: str | None = None  # where the refused hop would have gone
    refused_reason: str = ""  # for BLOCKED_ADDRESS: 'cloud-metadata', 'private', …
    hops: int = 0
    ms: int = 0
    visited: list[str] = field(default_factory=list)

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


class Fetcher:
    """Requests for one audit: its scope, the network policy and the user's host mappings."""

    def __init__(
        self,
        request: APIRequestContext,
        scope: Scope,
        *,
        policy: NetworkPolicy | None = None,
        resolve: dict[str, str] | None = None,
        timeout_ms: int = 10_000,
    ) -> None:
        self.request = request
        self.scope = scope
        self.policy = policy or NetworkPolicy()
        self.resolve = dict(resolve or {})
        self.timeout_ms = timeout_ms

    @classmethod
    def for_context(
        cls, context: BrowserContext | APIRequestContext, scope: Scope, settings: Settings
    ) -> Fetcher:
        request = context.request if isinstance(context, BrowserContext) else context
        return cls(request, scope, policy=NetworkPolicy.from_settings(settings),
                   resolve=settings.resolve_map(), timeout_ms=settings.navigation_timeout_ms)

    async def addresses(self, host: str, port: int) -> list[str]:
        """IPs the host stands for: the user's mapping, the literal, or the system resolver."""
        if host in self.resolve:
            return [self.resolve[host]]
        with contextlib.suppress(ValueError):
            return [str(ipaddress.ip_address(host))]
        cached = _dns_cache.get(host)
        if cached is not None and time.monotonic() - cached[0] < DNS_CACHE_S:
            return cached[1]
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), DNS_TIMEOUT_S)
        except (OSError, TimeoutError, UnicodeError):
            infos = []
        found = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if found:  # a failed lookup is asked again next time
            if len(_dns_cache) > 1024:
                _dns_cache.clear()
            _dns_cache[host] = (time.monotonic(), found)
        return found

    async def refusal(self, url: str) -> tuple[str, str] | None:
        """(rule, detail) if the policy forbids connecting for `url`; ('dns', …) if unresolved."""
        host, port = host_of(url), port_of(url)
        if not host or port is None:
            return ("invalid", "not a valid http(s) URL")
        found = await self.addresses(host, port)
        if not found:
            return ("dns", "host name not resolved")
        for address in found:
            reason = self.policy.refusal(address)
            if reason:
                return (BLOCKED_ADDRESS, f"{reason} address {address}")
        return None

    def _wire(self, url: str) -> tuple[str, dict[str, str]]:
        """The URL to connect to and extra headers: mapped hosts go to their IP with Host set."""
        parts = urlsplit(url)
        host, port = host_of(url), port_of(url)
        if host not in self.resolve:
            return url, {}
        scheme = parts.scheme.lower()
        target = urlunsplit((scheme, netloc(self.resolve[host], port, scheme), parts.path or "/",
                             parts.query, ""))
        return target, {"Host": netloc(host, port, scheme)}

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        timeout_ms: int | None = None,
        keep_body: bool = False,
        max_body: int = 5_000_000,
        headers: dict[str, str] | None = None,
    ) -> FetchAnswer:
        """One request with redirects followed only within scope; never raises for site problems.

        A URL outside the scope is asked once and its redirect, if any, is not followed.
        """
        started = time.monotonic()
        timeout = timeout_ms or self.timeout_ms
        answer = FetchAnswer(url=url, method=method)
        current = normalise_url(url)
        follow = self.scope.contains(current)

        def done(**values: Any) -> FetchAnswer:
            for key, value in values.items():
                setattr(answer, key, value)
            answer.final_url = answer.final_url or current or url
            answer.ms = int((time.monotonic() - started) * 1000)
            return answer

        if not current:
            return done(error="not a valid http(s) URL")
        for hop in range(MAX_REDIRECTS + 1):
            answer.hops = hop
            refused = await self.refusal(current)
            if refused is not None:
                rule, detail = refused
                if rule != BLOCKED_ADDRESS:
                    return done(final_url=current, error=detail)
                return done(final_url=current, refused=BLOCKED_ADDRESS, refused_target=current,
                            refused_reason=detail)
            answer.visited.append(current)
            status, response_headers, body, error = await self._one(
                current, method, timeout, headers, keep_body, max_body)
            if error is not None:
                return done(final_url=current, error=error)
            location = response_headers.get("location")
            content_type = response_headers.get("content-type", "")
            length = response_headers.get("content-length", "")
            common = {"status": status, "final_url": current, "content_type": content_type,
                      "content_length": int(length) if length.isdigit() else None}
            if status is not None and 300 <= status < 400 and location:
                target = normalise_url(urljoin(current, location.strip()))
                if not follow or not target or not self.scope.contains(target):
                    return done(**common, refused=REDIRECT_OUTSIDE_SCOPE,
                                refused_target=(target or location)[:500])
                current = target
                continue
            return done(**common, body=body)
        return done(error="too many redirects")

    async def _one(
        self, url: str, method: str, timeout_ms: int, headers: dict[str, str] | None,
        keep_body: bool, max_body: int,
    ) -> tuple[int | None, dict[str, str], bytes, str | None]:
        """(status, headers, body, error) of one request that never follows a redirect."""
        wire_url, wire_headers = self._wire(url)
        try:
            response = await asyncio.wait_for(
                # One retry on ECONNRESET: servers close kept-alive sockets under our feet.
                self.request.fetch(wire_url, method=method, timeout=timeout_ms, max_redirects=0,
                                   max_retries=1, fail_on_status_code=False,
                                   headers={**(headers or {}), **wire_headers} or None),
                timeout=timeout_ms / 1000 + 2,
            )
        except TimeoutError:
            return None, {}, b"", "timed out"
        except PlaywrightError as exc:
            text = str(exc).lower()
            timed_out = "timeout" in text or "timed out" in text
            return None, {}, b"", "timed out" if timed_out else describe_error(exc)
        try:
            body = b""
            if keep_body and response.status < 400 and method != "HEAD":
                body = (await response.body())[:max_body]
            return response.status, dict(response.headers), body, None
        except PlaywrightError as exc:
            return None, {}, b"", describe_error(exc)
        finally:
            with contextlib.suppress(PlaywrightError):
                await response.dispose()
