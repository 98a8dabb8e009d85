"""The host and URL normaliser: every comparison of hosts goes through tester.urlnorm."""

from __future__ import annotations

import pytest

from tester.browser import Scope, host_resolver_rules, is_loopback_host
from tester.config import ConfigError, Settings, load_settings
from tester.runner.crawl import CrawlQueue
from tester.site.urls import in_scope
from tester.urlnorm import (
    ascii_host,
    display_url,
    host_of,
    normalise_url,
    page_identity,
    same_host,
    same_page_key,
    unicode_host,
)

AKIMAT = "xn--80aaxhl1b.xn--80ao21a"  # акимат.қаз, as Chromium reports it


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("акимат.қаз", AKIMAT),
        ("АКИМАТ.ҚАЗ", AKIMAT),  # mixed and upper case
        ("Акимат.Қаз.", AKIMAT),  # trailing dot
        ("акимат。қаз", AKIMAT),  # ideographic full stop separates labels too
        (AKIMAT.upper(), AKIMAT),
        ("министрлік.қаз", "xn--h1aagdchwhj6r.xn--80ao21a"),
        ("әкімдік.қаз", "xn--d1albg3kc62g.xn--80ao21a"),  # ә і: Kazakh letters
        ("Example.GOV.kz", "example.gov.kz"),
        ("straße.de", "xn--strae-oqa.de"),  # non-transitional like Chromium (not "strasse")
        ("intra_net.kz", "intra_net.kz"),
        ("[::1]", "::1"),
        ("127.0.0.1", "127.0.0.1"),
    ],
)
def test_ascii_host(host: str, expected: str) -> None:
    assert ascii_host(host) == expected


@pytest.mark.parametrize(
    "host",
    ["", "a..kz", "a b.kz", "-a.kz", "a-.kz", "x" * 64 + ".kz", "xn--zz.kz", "a/b.kz", "a%41.kz",
     ".".join(["abcdefghij"] * 24), "ак имат.қаз"],
)
def test_invalid_hosts_give_empty(host: str) -> None:
    assert ascii_host(host) == ""


def test_unicode_and_punycode_are_the_same_host() -> None:
    assert same_host("акимат.қаз", AKIMAT)
    assert same_host("АКИМАТ.ҚАЗ.", "акимат.қаз")
    assert not same_host("акимат.қаз", "министрлік.қаз")
    assert not same_host("", "")  # two invalid hosts are not "the same"
    assert unicode_host(AKIMAT) == "акимат.қаз"
    assert unicode_host("example.kz") == "example.kz"


def test_normalise_url_matches_what_chromium_reports() -> None:
    typed = "HTTP://Акимат.ҚАЗ:80/байланыс?q=а б#top"
    reported = "http://xn--80aaxhl1b.xn--80ao21a/%D0%B1%D0%B0%D0%B9%D0%BB%D0%B0%D0%BD%D1%8B%D1%81?q=%D0%B0%20%D0%B1"
    assert normalise_url(typed) == reported
    assert normalise_url(reported) == reported  # idempotent
    assert normalise_url("https://a.kz:443") == "https://a.kz/"
    assert normalise_url("http://a.kz:8080/x") == "http://a.kz:8080/x"
    assert normalise_url("http://a.kz/a|b{c}") == "http://a.kz/a|b{c}"  # ASCII left as written
    assert normalise_url("mailto:a@b.kz") == "" and normalise_url("http://a..kz/") == ""
    assert host_of(typed) == AKIMAT
    assert display_url(reported).startswith("http://акимат.қаз/")


def test_page_identity_keeps_routes_and_same_page_key_drops_index_files() -> None:
    assert page_identity("http://Акимат.ҚАЗ/kk/#top") == f"http://{AKIMAT}/kk/"
    assert page_identity("http://a.kz/#/contacts") == "http://a.kz/#/contacts"  # an SPA route
    assert page_identity("http://a.kz/#!/kk") == "http://a.kz/#!/kk"
    assert page_identity("ftp://A.kz/x#/y") == "ftp://a.kz/x#/y"  # not normalised, still apart
    assert same_page_key("http://a.kz/ru/index.html") == same_page_key("https://a.kz/ru/")
    assert same_page_key("http://a.kz/ru") == same_page_key("http://A.KZ/ru/#top")
    assert same_page_key("http://a.kz/#/contacts") != same_page_key("http://a.kz/#/news")
    assert same_page_key("http://a.kz/ru/?p=1") != same_page_key("http://a.kz/ru/?p=2")


def test_scope_compares_ascii_hosts() -> None:
    scope = Scope.for_url("http://акимат.қаз:8123/")
    assert scope.hosts == {AKIMAT, "www." + AKIMAT}
    assert scope.contains(f"http://{AKIMAT}:8123/kk/")  # what Chromium reports: in scope
    assert scope.contains("http://WWW.Акимат.ҚАЗ./")  # the www twin, any case, trailing dot
    assert not scope.contains("http://министрлік.қаз:8123/")  # another Cyrillic host
    assert in_scope(f"http://{AKIMAT}/x", ["акимат.қаз"])  # stored Unicode entries still match
    loop = Scope.for_url("http://127.0.0.1:8000/")
    assert loop.contains("http://127.0.0.1:8000/a") and not loop.contains("http://127.0.0.1:8001/")


def test_crawl_queue_sees_typed_and_reported_home_as_one_page() -> None:
    scope = Scope.for_url("http://акимат.қаз/")
    queue = CrawlQueue(scope)
    queue.mark_seen("http://акимат.қаз/")
    assert not queue.push(f"http://{AKIMAT}/")  # the home again, as Chromium writes it
    assert queue.push(f"http://{AKIMAT}/kk/")
    assert not queue.push("http://министрлік.қаз/")


def test_loopback_host() -> None:
    assert is_loopback_host("LOCALHOST.") and is_loopback_host("[::1]")
    assert is_loopback_host("127.0.0.2") and not is_loopback_host("акимат.қаз")


def test_resolve_setting_parses_and_rejects() -> None:
    settings = Settings(resolve=("акимат.қаз=127.0.0.1", "v6.kz=[::1]")).validate()
    assert settings.resolve_map() == {AKIMAT: "127.0.0.1", "v6.kz": "::1"}
    env = load_settings(env={"ASHYQ_RESOLVE": "a.kz=10.0.0.5, b.kz=127.0.0.1"})
    assert env.resolve_map() == {"a.kz": "10.0.0.5", "b.kz": "127.0.0.1"}
    for bad in ("a.kz", "a.kz=not-an-ip", "=127.0.0.1", "*.kz=127.0.0.1", "a..kz=127.0.0.1"):
        with pytest.raises(ConfigError, match="HOST=IP"):
            Settings(resolve=(bad,)).validate()


def test_host_resolver_rules_are_one_flag_with_maps_before_the_catch_all() -> None:
    mapping = {AKIMAT: "127.0.0.1", "v6.kz": "::1"}
    (flag,) = host_resolver_rules(mapping, loopback_only=True)
    assert flag.startswith("--host-resolver-rules=MAP xn--80aaxhl1b.xn--80ao21a 127.0.0.1, ")
    assert "MAP v6.kz [::1]" in flag
    assert flag.index("MAP v6.kz") < flag.index("MAP * ~NOTFOUND")
    assert flag.endswith("EXCLUDE 127.0.0.1, EXCLUDE localhost")
    assert host_resolver_rules({}, loopback_only=False) == []
    assert host_resolver_rules(mapping, loopback_only=False) == [
        f"--host-resolver-rules=MAP {AKIMAT} 127.0.0.1, MAP v6.kz [::1]"]
