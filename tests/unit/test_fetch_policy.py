"""The network policy of the tool's own requests, as a pure function on literal addresses."""

from __future__ import annotations

import pytest

from tester.config import Settings
from tester.netpolicy import NetworkPolicy
from tester.site.data import FetchResult
from tester.site.links import _classify

STRICT = NetworkPolicy(allow_loopback=True, allow_private=False)
PERMISSIVE = NetworkPolicy(allow_loopback=True, allow_private=True)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("169.254.169.254", "cloud-metadata"),
        ("fd00:ec2::254", "cloud-metadata"),
        ("::ffff:169.254.169.254", "cloud-metadata"),  # IPv4-mapped
        ("64:ff9b::a9fe:a9fe", "cloud-metadata"),  # NAT64 of 169.254.169.254
        ("169.254.10.1", "link-local"),
        ("fe80::1", "link-local"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.10", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("0.0.0.0", "unspecified"),  # reaches this machine on Linux
        ("224.0.0.1", "multicast"),
        ("not-an-ip", "not-an-address"),
    ],
)
def test_strict_policy_refuses(address: str, reason: str) -> None:
    assert STRICT.refusal(address) == reason


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "127.0.0.2", "::1", "8.8.8.8", "172.32.0.1", "2a00:1450::1",
                "100.128.0.1"],
)
def test_strict_policy_allows_public_and_loopback(address: str) -> None:
    assert STRICT.refusal(address) is None


def test_allow_private_never_opens_metadata_or_link_local() -> None:
    assert PERMISSIVE.refusal("10.1.2.3") is None and PERMISSIVE.refusal("fc00::1") is None
    assert PERMISSIVE.refusal("169.254.169.254") == "cloud-metadata"
    assert PERMISSIVE.refusal("fe80::1") == "link-local"
    assert NetworkPolicy(allow_loopback=False).refusal("127.0.0.1") == "loopback"


def test_policy_from_settings() -> None:
    assert NetworkPolicy.from_settings(Settings()).allow_private  # the CLI default
    assert not NetworkPolicy.from_settings(Settings(allow_private=False)).allow_private


def test_refused_redirect_is_not_a_broken_link() -> None:
    refused = FetchResult(url="http://a.kz/x", status=302, refused="redirect-outside-scope",
                          redirected_out_of_scope="http://b.kz/")
    blocked = FetchResult(url="http://a.kz/y", refused="blocked-address",
                          refused_reason="cloud-metadata address 169.254.169.254")
    assert _classify(refused) is None and _classify(blocked) is None
    broken = _classify(FetchResult(url="http://a.kz/z", status=404))
    assert broken is not None and broken[0] == "broken"
