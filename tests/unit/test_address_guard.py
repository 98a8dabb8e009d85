"""AddressGuard: the network policy's verdict on the hosts a page asks the browser for."""

from __future__ import annotations

import asyncio

import pytest

from tester.browser.addresses import AddressGuard
from tester.netpolicy import NetworkPolicy


def verdict(url: str, *, allow_private: bool = True, resolve: dict[str, str] | None = None,
            names_resolve: bool = False) -> str | None:
    guard = AddressGuard(NetworkPolicy(allow_private=allow_private), resolve,
                         names_resolve=names_resolve)
    return asyncio.run(guard.refusal(url))


@pytest.mark.parametrize(("url", "reason"), [
    ("http://169.254.169.254/latest/meta-data/", "cloud-metadata"),
    ("http://[::ffff:169.254.169.254]/", "cloud-metadata"),
    ("http://[fd00:ec2::254]/", "cloud-metadata"),
    ("http://169.254.10.1:8080/x", "link-local"),
    ("https://[fe80::1]/", "link-local"),
    ("http://0.0.0.0:9000/", "unspecified"),
])
def test_always_refused(url: str, reason: str) -> None:
    assert verdict(url) == reason


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8765/", "http://localhost/", "http://app.localhost/",
    "https://akimat.gov.kz/", "data:image/png;base64,AAAA", "blob:http://x/1", "about:blank",
])
def test_loopback_names_and_other_schemes_pass(url: str) -> None:
    assert verdict(url) is None  # names are not looked up here (names_resolve=False)


def test_private_networks_only_when_allowed() -> None:
    assert verdict("http://10.1.2.3/") is None
    assert verdict("http://10.1.2.3/", allow_private=False) == "private"
    assert verdict("http://[fd12::1]/", allow_private=False) == "private"


def test_a_mapped_name_is_judged_by_its_mapping() -> None:
    resolve = {"meta.test": "169.254.169.254", "xn--80aaxhl1b.xn--80ao21a": "10.0.0.5"}
    assert verdict("http://meta.test/user-data", resolve=resolve) == "cloud-metadata"
    assert verdict("http://акимат.қаз/", resolve=resolve, allow_private=False) == "private"
    assert verdict("http://акимат.қаз/", resolve=resolve) is None


def test_names_are_looked_up_once_and_remembered() -> None:
    guard = AddressGuard(NetworkPolicy(), names_resolve=True)

    async def twice() -> tuple[str | None, str | None]:
        return await guard.refusal("http://localhost:1/a"), await guard.refusal("http://x.invalid/")

    assert asyncio.run(twice()) == (None, None)  # .invalid never resolves: the browser decides
    assert set(guard._verdicts) == {"localhost", "x.invalid"}
