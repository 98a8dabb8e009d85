"""clean_text: hostile page text is made safe; clean text of any script passes unchanged."""

from __future__ import annotations

import json

import pytest

from tester.gather.snapshot import TITLE_CAP, PageSnapshot, clean_snapshot_data
from tester.model import Finding, PageResult, RunResult, SiteResult
from tester.textsafe import (
    REPLACEMENT,
    clean_data,
    clean_text,
    encodable,
    holds_lone_surrogate,
    truncate,
)

CLEAN = [
    "Қазақстан Республикасы: әкімдік, ғимарат, қызмет, өтініш, ұлттық, үкімет, һ, ің",
    "Обращения граждан — ёлка",
    "emoji 😀 family 👩‍👩‍👧‍👦 flag 🇰🇿 thumbs 👍🏽 keycap 1️⃣",
    "中文網頁 日本語のページ 한국어",
    "שלום עולם · مرحبا بالعالم",
    "combining: e\u0301 a\u0308 и\u0306",
    "two lines\nand\ta tab",
    "",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_passes_clean_text_through_unchanged(text: str) -> None:
    assert clean_text(text) == text
    assert clean_text(text, limit=10_000) == text


@pytest.mark.parametrize("text", [t for t in CLEAN if "\n" not in t and "\t" not in t])
def test_one_line_mode_leaves_one_line_text_alone(text: str) -> None:
    assert clean_text(text, one_line=True) == text


def test_lone_surrogates_become_replacement_characters() -> None:
    cleaned = clean_text("a\ud800b\udfffc\ud83d")  # the last: an emoji cut in half in UTF-16
    assert cleaned == f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}"
    cleaned.encode("utf-8")  # would raise if a surrogate were left


def test_a_surrogate_pair_split_into_two_code_points_is_joined() -> None:
    assert clean_text("x\ud83d\ude00y") == "x😀y"


def test_control_characters_are_replaced_and_escape_sequences_defused() -> None:
    cleaned = clean_text("nul\x00 esc\x1b]0;pwned\x07\x1b[2J c1\x9b31m del\x7f")
    assert "\x1b" not in cleaned and "\x00" not in cleaned and "\x9b" not in cleaned
    assert cleaned == "nul� esc�]0;pwned��[2J c1�31m del�"


def test_line_breaks_kept_in_text_and_folded_in_one_line_fields() -> None:
    assert clean_text("a\r\nb\rc\u2028d\te") == "a\nb\nc\nd\te"
    assert clean_text("a\r\nb\nc\td\u2029e", one_line=True) == "a b c d e"


def test_truncation_caps_length_and_marks_the_cut() -> None:
    cut = clean_text("x" * 10_000, 300)
    assert len(cut) == 300 and cut.endswith("…") and cut[:-1] == "x" * 299
    assert clean_text("short", 300) == "short"
    assert clean_text("abc", 3) == "abc"
    assert truncate("abcdef", 1) == "…"


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("😀" * 10, 5, "😀😀😀😀…"),  # code points, never half an emoji
        ("abe\u0301cd", 4, "ab…"),  # é as e + combining acute is not split
        ("ab🇰🇿🇰🇿", 4, "ab…"),  # a flag is two regional indicators
        ("ab👍🏽cd", 4, "ab…"),  # emoji and its skin-tone modifier
        ("a👩‍👧bc", 4, "a…"),  # a zero-width-joiner sequence goes whole or not at all
    ],
)
def test_truncation_never_splits_a_character(text: str, limit: int, expected: str) -> None:
    assert truncate(text, limit) == expected


def test_truncation_of_endless_combining_marks_still_cuts_near_the_limit() -> None:
    cut = truncate("a" + "\u0301" * 10_000, 300)
    assert 250 < len(cut) <= 300


def test_encodable_replaces_only_lone_surrogates() -> None:
    assert encodable("a\ud800b\x00\x1b😀") == f"a{REPLACEMENT}b\x00\x1b😀"
    for text in CLEAN:
        assert encodable(text) == text


def test_clean_data_cleans_nested_strings_and_keys_only() -> None:
    data = {"a\ud800": ["x\x1by", ("t\x00",), {"n": 5, "f": 1.5, "b": True, "none": None}]}
    assert clean_data(data) == {
        f"a{REPLACEMENT}": [f"x{REPLACEMENT}y", (f"t{REPLACEMENT}",),
                            {"n": 5, "f": 1.5, "b": True, "none": None}]
    }


def test_snapshot_data_is_cleaned_and_capped_per_field() -> None:
    raw = {
        "url": "http://127.0.0.1/", "title": "t\ud800" + "x" * 600, "lang": "kk\x00",
        "text": "line one\r\nline\x1b two", "main_text": "m", "headings": ["h\ud800"],
        "links": [{"href": "http://127.0.0.1/a", "text": "😀" * 400, "aria_label": "l\x07"}],
        "images": [{"src": "s", "alt": None}, {"src": "s", "alt": "a\udc00"}],
        "hreflang": {}, "meta_viewport": None,
    }
    snap = PageSnapshot.from_dict(clean_snapshot_data(raw))
    assert snap.title.startswith(f"t{REPLACEMENT}x") and len(snap.title) == TITLE_CAP
    assert snap.lang == f"kk{REPLACEMENT}"
    assert snap.text == f"line one\nline{REPLACEMENT} two"
    assert snap.headings == [f"h{REPLACEMENT}"]
    assert set(snap.links[0].text) == {"😀", "…"} and snap.links[0].aria_label == f"l{REPLACEMENT}"
    assert snap.images[0].alt is None and snap.images[1].alt == f"a{REPLACEMENT}"


def test_the_model_repairs_lone_surrogates_and_leaves_the_rest_to_renderers() -> None:
    finding = Finding(rule="r", snippet="<a>\ud800</a>", data={"label\udc00": ["x\ud83d"]})
    assert finding.snippet == f"<a>{REPLACEMENT}</a>"
    assert finding.data == {f"label{REPLACEMENT}": [f"x{REPLACEMENT}"]}
    # Control characters are escaped by each renderer for its own format (and cleaned at the
    # gather boundary); the model keeps what it is given.
    assert Finding(rule="r", snippet="a\x1b[2J\n").snippet == "a\x1b[2J\n"
    assert Finding(rule="Қазақ 😀").rule == "Қазақ 😀"


def test_strings_assigned_after_validation_are_cleaned_too() -> None:
    page = PageResult(url="u")
    page.error = "lone \ud800 and \udfff"
    assert page.error == f"lone {REPLACEMENT} and {REPLACEMENT}"
    page.title = "Қазақ 😀"
    assert page.title == "Қазақ 😀"


def test_result_json_is_written_even_when_a_bad_string_slipped_into_a_dict() -> None:
    finding = Finding(rule="r")
    result = RunResult(sites=[SiteResult(url="http://127.0.0.1/", pages=[
        PageResult(url="u", findings=[finding])])])
    finding.data["label"] = "set \ud800 later"  # mutating a dict runs no validator
    text = result.to_json()
    text.encode("utf-8")
    loaded = RunResult.from_json(text)
    assert loaded.sites[0].pages[0].findings[0].data["label"] == f"set {REPLACEMENT} later"
    assert json.loads(text)["sites"][0]["url"] == "http://127.0.0.1/"


def test_clean_result_json_is_unchanged_by_the_safety_net() -> None:
    result = RunResult(sites=[SiteResult(url="http://127.0.0.1/", name="Қазақстан 😀")])
    assert result.to_json() == result.model_dump_json(indent=2)


def test_holds_lone_surrogate_finds_one_anywhere_and_nothing_in_clean_data() -> None:
    class Opaque:  # not JSON-shaped: the data is walked instead of encoded
        pass

    assert holds_lone_surrogate(["a", ("x", ["y\udc00"])])
    assert holds_lone_surrogate([{"k\ud800": 1}])
    assert holds_lone_surrogate([Opaque(), {"k": "v\ud800"}])
    assert not holds_lone_surrogate(["Қазақ 😀", {"k": "v"}, None, 1, 1.5, [], Opaque()])
    assert not holds_lone_surrogate("\\ud800")  # the escape as text is not a surrogate


def test_a_loaded_result_is_repaired_at_every_level_of_nesting() -> None:
    # json.loads accepts "\ud800" escapes (a hand-edited result.json): the model repairs them
    # in a finding three levels down as it does at the top.
    data = json.loads('{"command": "r\\ud800", "sites": [{"url": "s\\udc00", "pages": [{"url": '
                      '"p", "findings": [{"rule": "x\\ud800", "data": {"k\\ud800": ["v"]}}]}]}]}')
    loaded = RunResult.model_validate(data)
    finding = loaded.sites[0].pages[0].findings[0]
    assert (loaded.command, loaded.sites[0].url) == (f"r{REPLACEMENT}", f"s{REPLACEMENT}")
    assert finding.rule == f"x{REPLACEMENT}" and finding.data == {f"k{REPLACEMENT}": ["v"]}
    loaded.to_json().encode("utf-8")
