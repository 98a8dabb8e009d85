"""The audit's scope: which sites a run may navigate to, as a pure rule on URLs.

The browser enforces it (tester.browser.contexts aborts out-of-scope navigations); crawling,
link checks and site checks read it too, so it lives outside the browser package and imports
nothing from Playwright.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from tester.urlnorm import ascii_host, host_of, port_of


def is_loopback_host(host: str) -> bool:
    host = ascii_host(host) if host else ""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False



@dataclass
class Scope:
    """The sites a run may navigate to. Outbound links are recorded, never followed.

    Entries are host names in ASCII (IDNA) form, so `акимат.қаз` typed by a person and
    `xn--80aaxhl1b.xn--80ao21a` reported by Chromium are one site. On loopback the port is part
    of the entry (`127.0.0.1:8000`), because there every port is a different site (tests serve
    several at once).
    """

    hosts: set[str]

    @staticmethod
    def key(url: str) -> str:
        host = host_of(url)
        if is_loopback_host(host) and host:
            port = port_of(url)
            return f"{host}:{port}" if port is not None else host
        return host

    @classmethod
    def for_url(cls, url: str) -> Scope:
        scope = cls(set())
        scope.add(url)
        return scope

    def add(self, url: str) -> None:
        """Admit the site of `url` (and its www./bare twin)."""
        key = self.key(url)
        if not key:
            return
        self.hosts.add(key)
        if key.startswith("www."):
            self.hosts.add(key[4:])
        elif not is_loopback_host(host_of(url)):
            self.hosts.add("www." + key)

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("about", "data", "blob"):
            return True
        if parts.scheme not in ("http", "https"):
            return False
        return self.key(url) in self.hosts
