"""Language versions: which language each page is really in, its counterparts, and parity.

`counterpart_map` is shared by gather (which fetches counterparts nobody audited) and audit,
so both agree on what "the Kazakh version of this page" is: hreflang first, then the same URL
with its language marker swapped (/ru/x → /kk/x, ?lang=ru → ?lang=kk), then the page's own
language switch link.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tester.i18n import Message, has, message_fields, say
from tester.lexicon.letters import (
    MIN_LETTERS,
    LetterStats,
    classify_letters,
    count_letters,
    detect_language,
    letter_stats,
)
from tester.lexicon.normalise import normalise
from tester.model import CheckResult, Finding
from tester.site.base import SiteCheck, SiteContext
from tester.site.common import by_url, clip, page_ok, result, short_url, skipped
from tester.site.data import SiteArtifacts, VersionInfo
from tester.site.urls import (
    LANG_MARKERS,
    LANGS,
    is_language_root,
    is_search_results,
    language_marker,
    swap_language,
)
from tester.snapshot import PageSnapshot
from tester.urlnorm import normalise_url

CHECK_ID = "language-parity"
_SWITCH_WORDS: dict[str, set[str]] = {
    "kk": {"қаз", "қазақша", "қазақ тілі", "қазақ", "мемлекеттік тілде", "kaz", "kz", "kk", "qaz",
           "qazaqsha", "qazaqşa", "каз", "казакша", "казахша", "казахский", "kazakh", "қаз kk"},
    "ru": {"рус", "русский", "орысша", "орыс тілі", "ru", "rus", "russian", "по-русски"},
    "en": {"eng", "en", "english", "ағылшынша", "ағылшын тілі", "английский"},
}
# Normalised like the labels they are compared with ("по-русски" → "по русски").
SWITCH_LABELS = {lang: {normalise(w) for w in words} for lang, words in _SWITCH_WORDS.items()}
_LANG_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.IGNORECASE)
# Version missing: Kazakh is the state language, so its absence weighs most.
MISSING_IMPACT = {"kk": "serious", "ru": "moderate", "en": "minor"}


def canonical_lang(value: str) -> str | None:
    primary = (value or "").strip().lower().replace("_", "-").split("-")[0]
    if not primary:
        return None
    return LANG_MARKERS.get(primary, primary)


@dataclass
class PageLanguage:
    url: str
    declared: str  # the raw lang attribute
    declared_lang: str | None
    url_lang: str | None
    detected: str | None  # kk | ru | en | mixed | None (too little text)
    stats: LetterStats

    @property
    def intended(self) -> str | None:
        """What the site says the page is in: its URL marker, else its lang attribute."""
        return self.url_lang or (self.declared_lang if self.declared_lang in LANGS else None)

    @property
    def effective(self) -> str | None:
        """What the page is really in: the text when it tells, else what the site says."""
        return self.detected if self.detected in LANGS else self.intended


LANGUAGE_SAMPLE = 30_000  # characters enough to tell a page's language


def _text_for_language(main_text: str, text: str) -> str:
    # The main content decides; the whole page (menus too) only when the main part is tiny.
    main_text = main_text[:LANGUAGE_SAMPLE]
    return main_text if count_letters(main_text) >= MIN_LETTERS else text[:LANGUAGE_SAMPLE]


def page_language(snap: PageSnapshot) -> PageLanguage:
    marker = language_marker(snap.url)
    text = _text_for_language(snap.main_text, snap.text)
    return PageLanguage(
        url=snap.url,
        declared=snap.lang,
        declared_lang=canonical_lang(snap.lang),
        url_lang=marker[0] if marker else None,
        detected=detect_language(text),
        stats=letter_stats(text),
    )


def version_language(info: VersionInfo) -> PageLanguage:
    marker = language_marker(info.url)
    stats = LetterStats(info.letters, info.cyrillic, info.latin, info.kazakh)
    return PageLanguage(
        url=info.url,
        declared=info.lang,
        declared_lang=canonical_lang(info.lang),
        url_lang=marker[0] if marker else None,
        detected=info.detected if info.detected is not None else classify_letters(stats),
        stats=stats,
    )


def switch_links(snap: PageSnapshot) -> dict[str, str]:
    """Links of the page's language switch, by language (labels like ҚАЗ / RU / English)."""
    found: dict[str, str] = {}
    for link in snap.links:
        for label in (link.text, link.aria_label, link.title):
            if not label or len(label) > 40:
                continue  # switch labels are short; skip normalising long texts
            norm = normalise(label)
            for lang, labels in SWITCH_LABELS.items():
                if norm in labels and lang not in found:
                    href = normalise_url(link.href)
                    if href:
                        found[lang] = href
    return found


def site_language_tokens(snapshots: list[PageSnapshot]) -> dict[str, str]:
    """How this site spells each language in URLs (kk vs kz), from every URL it shows."""
    counts: dict[str, Counter[str]] = {lang: Counter() for lang in LANGS}
    for snap in snapshots:
        for url in [snap.url, *(link.href for link in snap.links)]:
            marker = language_marker(url)
            if marker and marker[0] in counts:
                counts[marker[0]][marker[2]] += 1
    return {lang: c.most_common(1)[0][0] for lang, c in counts.items() if c}


def _options(
    snap: PageSnapshot, tokens: dict[str, str], lang: str, switch: dict[str, str]
) -> list[tuple[str, str]]:
    own_url = normalise_url(snap.url)
    hreflang = {canonical_lang(k): v for k, v in snap.hreflang.items() if k != "x-default"}
    raw = [
        (hreflang.get(lang), "hreflang"),
        # Only languages the site itself marks in URLs: "/" may be Kazakh and "/ru/" Russian.
        (swap_language(own_url, lang, tokens[lang]) if lang in tokens else None, "url-pattern"),
        (switch.get(lang), "switch"),
    ]
    out = []
    for url, source in raw:
        norm = normalise_url(url or "")
        if norm and norm != own_url:
            out.append((norm, source))
    return out


def _drops_home(url: str, page_url: str) -> bool:
    return is_language_root(url) and not is_language_root(page_url)


def counterparts(
    snap: PageSnapshot, tokens: dict[str, str], own: str | None
) -> dict[str, tuple[str, str]]:
    """{lang: (url, source)} for the other-language versions of one page.

    A hreflang or switch link that leads a deep page to a language's home page names no
    counterpart; the next option is tried, and when none is left the source ends in "-home".
    """
    out: dict[str, tuple[str, str]] = {}
    switch = switch_links(snap)
    for lang in LANGS:
        if lang == own:
            continue
        options = _options(snap, tokens, lang, switch)
        proper = [o for o in options if not _drops_home(o[0], snap.url)]
        if proper:
            out[lang] = proper[0]
        elif options:
            out[lang] = (options[0][0], options[0][1] + "-home")
    return out


def home_links(snap: PageSnapshot, own: str | None) -> dict[str, str]:
    """Languages whose hreflang or switch link drops this (deep) page to a home page."""
    hreflang = {canonical_lang(k): normalise_url(v) for k, v in snap.hreflang.items()}
    links = {**hreflang, **switch_links(snap)}
    return {lang: url for lang, url in links.items()
            if lang in LANGS and lang != own and url and _drops_home(url, snap.url)}


def _claimed(lang: PageLanguage) -> str | None:
    return lang.intended or lang.effective


def claimed_language(snap: PageSnapshot) -> str | None:
    """What the site says the page is in (URL marker, lang attribute), else what its text is.

    A /kk/ page left in Russian is the Kazakh version: its Russian version is elsewhere.
    """
    marker = language_marker(snap.url)
    if marker:
        return marker[0]
    declared = canonical_lang(snap.lang)
    return declared if declared in LANGS else page_language(snap).effective


def counterpart_map(snapshots: list[PageSnapshot]) -> dict[str, dict[str, tuple[str, str]]]:
    tokens = site_language_tokens(snapshots)
    return {
        normalise_url(s.url): counterparts(s, tokens, claimed_language(s))
        for s in snapshots
        if page_ok(s) and normalise_url(s.url)
    }


def discover_languages(snapshots: list[PageSnapshot]) -> dict[str, str | None]:
    """The home page of each language version: {"kk": url | None, "ru": ..., "en": ...}."""
    found: dict[str, str | None] = {lang: None for lang in LANGS}
    pages = [s for s in snapshots if normalise_url(s.url) and page_ok(s)]
    if not pages:
        return found
    home = min(
        enumerate(pages),
        key=lambda item: (not is_language_root(item[1].url), item[1].url.count("/"), item[0]),
    )[1]
    own = claimed_language(home)
    if own in found:
        found[own] = normalise_url(home.url)
    for lang, (url, _source) in counterparts(home, site_language_tokens(pages), own).items():
        found[lang] = found[lang] or url
    for snap in pages:
        lang = claimed_language(snap)
        if lang in found and found[lang] is None and is_language_root(snap.url):
            found[lang] = normalise_url(snap.url)
    return found


def language(code: str | None, form: str) -> Message | str:
    """A language's name in the grammatical form a message needs: "name" (the {Kazakh} language
    link), "in" (written {in Kazakh}) or "of" (the {Kazakh} version); an unknown code as itself."""
    key = f"check.language-parity.{form}.{code}"
    return say(key) if has(key) else str(code)


def _lang_attr_findings(lang: PageLanguage) -> list[Finding]:
    value = lang.declared.strip()
    where = short_url(lang.url)
    if not value:
        return [Finding(rule="html-lang-missing", impact="serious", wcag=["3.1.1"],
                        selector="html",
                        **message_fields(say("check.language-parity.lang-missing", page=where)),
                        data={"page": lang.url})]
    primary = value.lower().split("-")[0]
    if primary == "kz" or not _LANG_TAG.match(value):
        note = say("check.language-parity.kz-note") if primary == "kz" else None
        return [Finding(rule="html-lang-invalid", impact="moderate", wcag=["3.1.1"],
                        selector="html", snippet=f'<html lang="{clip(value, 40)}">',
                        **message_fields(say("check.language-parity.lang-invalid", page=where,
                                             value=clip(value, 40), note=note)),
                        data={"page": lang.url, "lang": value})]
    if primary in ("kaz", "rus", "eng"):
        return [Finding(rule="html-lang-invalid", impact="minor", wcag=["3.1.1"], selector="html",
                        **message_fields(say("check.language-parity.lang-legacy", page=where,
                                             value=value, code=LANG_MARKERS[primary])),
                        data={"page": lang.url, "lang": value})]
    return []


def _content_findings(lang: PageLanguage) -> list[Finding]:
    if is_search_results(lang.url):
        return []  # results pages echo the query: their language says nothing about the site
    detected, share = lang.detected, round(lang.stats.kazakh_share_of_cyrillic * 100, 1)
    data = {"page": lang.url, "detected": detected, "kazakh_letters_pct": share,
            "declared": lang.declared, "url_lang": lang.url_lang}
    intended = lang.intended
    if intended == "kk" and detected == "mixed":
        return [Finding(rule="kazakh-page-partly-russian", impact="moderate", needs_review=True,
                        **message_fields(say("check.language-parity.partly-russian",
                                             page=short_url(lang.url), share=share)),
                        data=data)]

    def differs(claim: str | None) -> bool:
        # A Latin-script text on a page claimed Kazakh may be Kazakh in the Latin alphabet.
        return bool(claim and detected in LANGS and detected != claim
                    and not (claim == "kk" and detected == "en"))

    if differs(intended):
        if intended == "kk" and detected == "ru":
            message = say("check.language-parity.russian-on-kazakh-page",
                          page=short_url(lang.url), share=share)
        else:
            message = say("check.language-parity.wrong-language", page=short_url(lang.url),
                          intended=language(intended, "in"),
                          detected=language(detected, "in"))
        return [Finding(rule="wrong-language-content",
                        impact="serious" if intended == "kk" else "moderate",
                        **message_fields(message), data=data)]
    if lang.declared_lang in LANGS and differs(lang.declared_lang):
        return [Finding(rule="html-lang-mismatch", impact="moderate", wcag=["3.1.1"],
                        selector="html", snippet=f'<html lang="{clip(lang.declared, 40)}">',
                        **message_fields(say("check.language-parity.lang-mismatch",
                                             page=short_url(lang.url),
                                             value=clip(lang.declared, 40),
                                             detected=language(detected, "in"))), data=data)]
    return []


def audit_language_parity(artifacts: SiteArtifacts, snapshots: list[PageSnapshot]) -> CheckResult:
    pages = [s for s in snapshots if page_ok(s) and normalise_url(s.url)]
    if not pages:
        return skipped(CHECK_ID, say("check.language-parity.none"))
    snaps = by_url(pages)
    languages: dict[str, PageLanguage] = {url: page_language(s) for url, s in snaps.items()}
    findings: list[Finding] = []
    for lang in languages.values():
        findings += _lang_attr_findings(lang) + _content_findings(lang)

    missing: list[dict[str, str]] = []
    unverified = 0
    to_home: dict[str, list[str]] = {}
    reported_versions: set[str] = set()
    for page_url, options in counterpart_map(pages).items():
        own = _claimed(languages[page_url])
        for lang in home_links(snaps[page_url], own):
            to_home.setdefault(lang, []).append(page_url)
        for lang, (url, source) in options.items():
            if source.endswith("-home"):
                continue  # only a home page is linked: no counterpart to judge
            status, error = _status_of(url, snaps, artifacts)
            if status is None and error is None:
                unverified += 1
            elif error is not None or (status or 0) >= 400:
                answer = f"HTTP {status}" if status else error
                missing.append({"page": page_url, "lang": lang, "url": url, "answer": str(answer)})
                findings.append(Finding(
                    rule="missing-language-version", impact=MISSING_IMPACT[lang],
                    **message_fields(say("check.language-parity.missing-version",
                                         language=language(lang, "of"), url=short_url(url),
                                         page=short_url(page_url), answer=answer)),
                    data={"page": page_url, "version": url, "lang": lang, "source": source,
                          "status": status}))
            elif url not in snaps and url not in reported_versions and url in artifacts.versions:
                reported_versions.add(url)
                version = version_language(artifacts.versions[url])
                version.url_lang = lang  # reached as the `lang` version, so claimed as such
                findings += _content_findings(version)
        if not {"kk"} & set(options) and own != "kk" and options:
            findings.append(Finding(
                rule="no-kazakh-version-link", impact="moderate",
                **message_fields(say("check.language-parity.no-kazakh-link",
                                     page=short_url(page_url))),
                data={"page": page_url, "languages": sorted(options)}))

    for lang, pages_to_home in to_home.items():
        findings.append(Finding(
            rule="language-link-to-home", impact="moderate" if lang == "kk" else "minor",
            **message_fields(say("check.language-parity.link-to-home",
                                 language=language(lang, "name"), count=len(pages_to_home),
                                 example=short_url(pages_to_home[0]))),
            data={"lang": lang, "pages": pages_to_home[:20], "count": len(pages_to_home)}))

    counts = _language_counts(languages, artifacts, snaps)
    gap = round(max(0.0, 1 - counts["kk"] / counts["ru"]), 3) if counts["ru"] else None
    if counts["ru"] and not counts["kk"]:
        findings.append(Finding(
            rule="no-kazakh-pages", impact="serious",
            **message_fields(say("check.language-parity.no-kazakh-pages")),
            data={"pages_by_language": counts}))
    data = {
        "pages_by_language": counts,
        "parity_gap": gap,
        "missing_versions": missing[:100],
        "unverified_versions": unverified,
        "links_to_home": {lang: len(p) for lang, p in to_home.items()},
        "pages": [
            {"url": u, "declared": p.declared, "url_lang": p.url_lang, "detected": p.detected,
             "kazakh_letters_pct": round(p.stats.kazakh_share_of_cyrillic * 100, 1)}
            for u, p in list(languages.items())[:200]
        ],
    }
    wrong = sum(f.rule == "wrong-language-content" for f in findings)
    parity = say("check.language-parity.parity-gap", gap=f"{gap:.0%}") if gap is not None else None
    message = say("check.language-parity.summary", kk=counts["kk"], ru=counts["ru"],
                  en=counts["en"], gap=parity, missing=len(missing), wrong=wrong)
    return result(CHECK_ID, findings, data, message, wcag=["3.1.1"])


def _status_of(
    url: str, snaps: dict[str, PageSnapshot], artifacts: SiteArtifacts
) -> tuple[int | None, str | None]:
    if url in snaps:
        return snaps[url].http_status or 200, None
    if url in artifacts.versions:
        info = artifacts.versions[url]
        return info.status, info.error
    if url in artifacts.links:
        answer = artifacts.links[url]
        return answer.status, answer.error
    return None, None


def _language_counts(
    languages: dict[str, PageLanguage], artifacts: SiteArtifacts, snaps: dict[str, PageSnapshot]
) -> dict[str, int]:
    counts = {"kk": 0, "ru": 0, "en": 0, "unknown": 0}
    every = list(languages.values()) + [
        version_language(info) for url, info in artifacts.versions.items()
        if url not in snaps and info.error is None and info.status is not None and info.status < 400
    ]
    for lang in every:
        counts[lang.effective if lang.effective in LANGS else "unknown"] += 1
    return counts


def _audit(ctx: SiteContext) -> CheckResult:
    return audit_language_parity(ctx.artifacts, ctx.snapshots)


SITE_CHECK = SiteCheck(
    id=CHECK_ID,
    audit=_audit,
    title="Language versions",
    wcag=("3.1.1",),
    rules=("N01",),  # three language versions, the Kazakh one complete (Language Law practice)
)
