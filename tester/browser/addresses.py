"""Which addresses the browser may load from: the tool's NetworkPolicy, applied to every request.

A hostile page (or a submitted URL) can point the browser at the cloud-metadata service or the
machine's link-local neighbours: an <iframe> of `http://169.254.169.254/…` would be drawn into
the report's screenshots, credentials and all. Every request the browser makes passes the
context's route (tester/browser/contexts.py), which asks this guard first. A host is judged by
its address: an IP literal as written, a name by the `--resolve` mapping or else by one lookup
per run. A refused request is aborted as `accessdenied` (net::ERR_ACCESS_DENIED) and logged.

Best effort for names: the browser resolves names itself, so a name whose answer changes
between the two lookups (DNS rebinding) can still slip through; IP literals and mapped names
cannot.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from tester.netpolicy import NetworkPolicy
from tester.urlnorm import ascii_host

LOOKUP_TIMEOUT_S = 2.0  # a name that does not resolve by then is left to the browser to fail
WEB_SCHEMES = ("http", "https", "ws", "wss")


class AddressGuard:
    """The NetworkPolicy's verdict on each host a page asks for, remembered for the run."""

    def __init__(self, policy: NetworkPolicy, resolve: dict[str, str] | None = None,
                 *, names_resolve: bool = True) -> None:
        self.policy = policy
        self.resolve = resolve or {}
        # False when the browser itself resolves nothing but loopback (the demo and test
        # sites): a name lookup could then only wait for a DNS server it never needs.
        self.names_resolve = names_resolve
        self._verdicts: dict[str, str | None] = {}

    async def refusal(self, url: str) -> str | None:
        """Why the browser may not load `url` ('cloud-metadata', 'link-local', …), or None."""
        parts = urlsplit(url)
        if parts.scheme not in WEB_SCHEMES or not parts.hostname:
            return None
        host = ascii_host(parts.hostname) or parts.hostname.lower()
        if host not in self._verdicts:
            self._verdicts[host] = await self._judge(host)
        return self._verdicts[host]

    async def _judge(self, host: str) -> str | None:
        mapped = self.resolve.get(host)
        if mapped is not None:
            return self.policy.refusal(mapped)
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            pass
        else:
            return self.policy.refusal(host)
        if host == "localhost" or host.endswith(".localhost"):
            return self.policy.refusal("127.0.0.1")
        if not self.names_resolve:
            return None
        try:
            infos = await asyncio.wait_for(
                asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM),
                LOOKUP_TIMEOUT_S,
            )
        except (OSError, TimeoutError, UnicodeError):
            return None  # no answer here: the browser's own lookup decides
        for info in infos:
            reason = self.policy.refusal(str(info[4][0]))
            if reason is not None:
                return reason
        return None
