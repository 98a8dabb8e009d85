"""Stable finding fingerprints: the identity a finding keeps between two runs of the same page.

A fingerprint is a hash of what stays the same when a page is deployed again, and of nothing
that does not (docs/fingerprints.md tells the same with examples):

    the rule            `color-contrast`, `min-font-size` ... (another rule: another finding)
    the page            `page_key(url)`: scheme, host, path and the meaningful query parameters;
                        session ids, utm_*, click ids and cache-busters are dropped, and so is a
                        parameter whose value is a token (a UUID, a long hex run, an epoch time)
    the page variant    "" or "low-vision-mode": the same element in the site's low-vision version
                        is a finding of its own
    the element         `element_key(finding)`: the element's stable id when it has one; else its
                        tag, role, accessible name (aria-label, alt, title, its text) and the
                        attributes that say what it is (href, src, name, type, for, lang) and its
                        stable classes. Positions (`nth-child`, a sibling inserted), whitespace,
                        dates, times and counters in text, hashed class names (css-1x2y3z, sc-…,
                        CSS-module `Button_primary__3xYz1`, `_abc123`) and generated ids
                        (`:r1:`, `ember123`, UUIDs) are left out. Only a finding without a
                        snippet falls back to its selector, with the same things taken out.

Two elements that look the same on one page (five `<img src=/spacer.gif>` without alt) would
share a fingerprint; `fingerprints()` numbers such twins in document order, so each keeps its
own identity while the first keeps the plain one.

Bump FINGERPRINT_VERSION whenever the function changes what it returns: baselines and history
record the version they were made with, and comparing fingerprints of two versions is refused.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tester.model import Finding, RunResult, SiteResult

FINGERPRINT_VERSION = 1
SARIF_KEY = f"ashyq/v{FINGERPRINT_VERSION}"  # SARIF partialFingerprints key

# Query parameters that never change what a page shows (analytics, sessions, cache-busters).
NOISE_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "yclid", "msclkid", "mc_cid", "mc_eid",
    "_ga", "_gl", "_hsenc", "_hsmi", "igshid", "ref_src", "spm",
    "sid", "sessionid", "session_id", "session", "jsessionid", "phpsessid", "aspsessionid",
    "cfid", "cftoken", "token", "csrf", "csrftoken", "_token",
    "_", "cb", "cachebust", "cachebuster", "cache", "nocache", "nc", "rnd", "rand", "random",
    "ts", "timestamp", "time", "_t", "__cf_chl_tk", "bitrix_include_areas", "clear_cache",
})
NOISE_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "_ga_")
# A value that is a token, not a choice: a UUID, a long hex run, a long run of letters and
# digits without hyphens (a slug such as novosti-akimata-2026 has them), an epoch time.
TOKEN_VALUE = re.compile(
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|[0-9a-f]{16,}|(?=[^-]*\d)(?=[^-]*[A-Za-z])[A-Za-z0-9_]{24,}|1\d{9}|1\d{12})$",
    re.IGNORECASE,
)
# Parameters that choose content: kept whatever their value looks like (so is any *id:
# ELEMENT_ID, news_id, docId).
MEANINGFUL_PARAMS = frozenset({
    "id", "p", "page", "q", "query", "search", "s", "lang", "category", "cat", "tab", "section",
    "item", "article", "news", "doc", "year", "type", "view",
})
# ;jsessionid=... in the path (Java servlets)
PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)

# Class names a build tool generated: they change with every build (see `stable_class`).
HASHED_CLASS = re.compile(
    r"^(?:css-[a-z0-9]{4,}(?:-.*)?"  # emotion: css-1x2y3z, css-1x2y3z-Button
    r"|sc-[A-Za-z0-9]+"  # styled-components component id
    r"|jsx-\d+|svelte-[a-z0-9]+|astro-[a-z0-9]+|emotion-\d+"
    r"|_(?=[A-Za-z]*\d)[A-Za-z0-9]{5,8})$"  # a CSS-module hash alone: _abc123
)
MODULE_CLASS = re.compile(r"^([A-Za-z][\w-]*?_[A-Za-z][\w-]*?)__(?=[\w-]*\d)[\w-]{5,}$")
NUMBERED_CLASS = re.compile(r"^(makeStyles|jss|Mui[A-Za-z]+)-([A-Za-z]+)-\d+$")
# Ids a framework generated (React useId, Ember, YUI, UUIDs, numbered widgets).
GENERATED_ID = re.compile(
    r":|\d{3,}|[0-9a-f]{8,}|^(?:ember|yui|ext-|gwt|mui-|react-|radix-|headlessui-)",
    re.IGNORECASE,
)
POSITIONAL = re.compile(
    r":(?:nth-child|nth-of-type|nth-last-child|nth-last-of-type)\([^)]*\)"
    r"|:(?:first|last|only)-(?:child|of-type)"
)
# Dates, times and numbers in text: a news date, a counter, a year in a footer.
# Each starts at a digit with no word character before it: written as `\d(?<!\w\d)` rather
# than `\b\d`, so the regex engine skips to the next digit in C instead of trying each place
# (the same matches: a digit is a word character).
DATE = re.compile(
    r"\d(?<!\w\d)(?:\d{0,3}[./-]\d{1,2}[./-]\d{1,4}\b|\d?\s+[^\W\d_]{3,}\.?\s+\d{4}\b)"
)
TIME = re.compile(r"\d(?<!\w\d)\d?:\d{2}(?::\d{2})?\b")
NUMBER = re.compile(r"\d+(?:[.,\s]\d+)*")
# A file name with a build hash: logo.5d5d9eef.svg, main-3f2a1b9c.js
HASHED_FILE = re.compile(
    r"[.-][0-9a-f]{6,}(?=\.[A-Za-z0-9]+$)|[.-](?=[0-9a-z]*\d)[0-9a-z]{8,}(?=\.)"
)

COMBINATOR = re.compile(r"\s*([>+~])\s*")
COMPOUNDS = re.compile(r"[\s>+~]+")
SELECTOR_CLASS = re.compile(r"\.((?:\\.|[\w-])+)")
SELECTOR_ID = re.compile(r"#((?:\\.|[\w:-])+)")
OPENING_TAG = re.compile(r"^\s*<([A-Za-z][\w:-]*)([^>]*)>", re.DOTALL)
ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
TAG = re.compile(r"<[^>]*>?")
WHITESPACE = re.compile(r"\s+")
NAME_ATTRIBUTES = ("aria-label", "alt", "title", "placeholder", "label")
WHAT_ATTRIBUTES = ("role", "name", "type", "for", "lang", "aria-labelledby", "headers")
LINK_ATTRIBUTES = ("href", "src", "action", "data-src")
KEY_ORDER = {a: i for i, a in enumerate((*WHAT_ATTRIBUTES, *NAME_ATTRIBUTES, *LINK_ATTRIBUTES))}
_WHAT, _NAME = frozenset(WHAT_ATTRIBUTES), frozenset(NAME_ATTRIBUTES)
DIGIT = re.compile(r"\d")
TEXT_LIMIT = 80  # characters of normalised text that name an element
DATA_KEYS = ("kind",)  # Finding.data entries that say what was found, not how much


def _noise(name: str, value: str) -> bool:
    key = name.lower()
    if key in NOISE_PARAMS or key.startswith(NOISE_PREFIXES):
        return True
    if key in MEANINGFUL_PARAMS or key.endswith("id"):
        return False
    return bool(TOKEN_VALUE.match(value))


@lru_cache(maxsize=65_536)  # pure, and a run names each page for every one of its findings
def page_key(url: str) -> str:
    """The page a URL names, without what differs between two visits of it.

    Lower-case scheme and host, default port dropped, `index.html`/trailing slash folded, noise
    parameters dropped and the rest sorted, fragment dropped. Relative or odd input is returned
    normalised as far as it goes, never an error.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port if parts.port not in (None, 80, 443) else None
    path = PATH_SESSION.sub("", parts.path)
    path = re.sub(r"/{2,}", "/", path)
    path = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "/", path, flags=re.IGNORECASE)
    path = path.rstrip("/") or "/" if host else path
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _noise(k, v)
    )
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme.lower(), netloc, path, urlencode(query), ""))


@lru_cache(maxsize=65_536)  # a page repeats its class names
def stable_class(name: str) -> str | None:
    """The class name without its build hash, or None when it is all hash."""
    numbered = NUMBERED_CLASS.match(name)
    if numbered:
        return f"{numbered.group(1)}-{numbered.group(2)}"
    module = MODULE_CLASS.match(name)
    if module:
        return module.group(1)
    if HASHED_CLASS.match(name) or _random_looking(name):
        return None
    return name


def _transitions(name: str, kind: str) -> int:
    """How often `name` switches case (kind "case") or letters and digits (kind "digit")."""
    test = str.isupper if kind == "case" else str.isdigit
    return sum(1 for a, b in zip(name, name[1:], strict=False) if test(a) != test(b))


def _random_looking(name: str) -> bool:
    """A hash with no separators: kXqZRc (styled-components), e1x2y3z0 (a bare build hash);
    `navItem`, `banner2024` and `h264video` switch too rarely to be one."""
    if not name.isalnum() or not 5 <= len(name) <= 10:
        return False
    if name.isalpha():
        return _transitions(name, "case") >= 3
    return not name.isdigit() and _transitions(name, "digit") >= 3


def stable_id(value: str) -> str | None:
    value = value.strip()
    return value if value and not GENERATED_ID.search(value) else None


def _may_hold_time(text: str) -> bool:
    """A colon with a digit on each side (TIME needs one): found in C, cheaper than TIME.sub."""
    at = text.find(":", 1)
    while at != -1:
        if text[at - 1].isdecimal() and text[at + 1:at + 2].isdecimal():  # isdecimal: \d
            return True
        at = text.find(":", at + 1)
    return False


def normalise_text(text: str) -> str:
    """Text as it names an element: no tags, dates/times/numbers as placeholders, one space."""
    # Each step only when it can change something: this runs for every finding of a run.
    if "<" in text:
        text = TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if DIGIT.search(text):
        text = DATE.sub("<date>", text)
        if _may_hold_time(text):
            text = TIME.sub("<time>", text)
        text = NUMBER.sub("#", text)
    # str.split() and the regex \s both split on Py_UNICODE_ISSPACE: the same as
    # WHITESPACE.sub(" ", text).strip(), in C.
    return " ".join(text.split()).casefold()[:TEXT_LIMIT]


@lru_cache(maxsize=65_536)
def _link(value: str, attribute: str) -> str:
    value = value.strip()
    if value.startswith("#") or value.lower().startswith(("javascript:", "mailto:", "tel:")):
        return WHITESPACE.sub(" ", value)
    if attribute == "href" and value.startswith("/") and not value.startswith("//") and (
        "?" not in value and "#" not in value
    ):
        return value  # a plain site path: nothing to take out (the common case, kept fast)
    if attribute != "href":  # an asset: its query is a cache-buster, its name may carry a hash
        path = urlsplit(value).path
        return HASHED_FILE.sub("", path)
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return page_key(value)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _noise(k, v))
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def _styled_hash(name: str) -> bool:
    """Beside an `sc-` class, styled-components' per-style hash: gTLZXx, kXqZRc."""
    return name.isalpha() and 5 <= len(name) <= 8 and not name.islower() and not name.isupper()


@lru_cache(maxsize=16_384)  # a site repeats its class lists on every page
def _classes(value: str) -> str:
    names = value.split()
    styled = any(n.startswith("sc-") for n in names)
    kept = {c for c in (stable_class(n) for n in names) if c and not (styled and _styled_hash(c))}
    return " ".join(sorted(kept))


def _selector_key(selector: str) -> str:
    """The selector with positions, hashed classes and generated ids taken out."""
    selector = COMBINATOR.sub(" ", POSITIONAL.sub("", selector))

    def keep_class(match: re.Match[str]) -> str:
        kept = stable_class(match.group(1))
        return f".{kept}" if kept else ""

    def keep_id(match: re.Match[str]) -> str:
        kept = stable_id(match.group(1))
        return f"#{kept}" if kept else ""

    selector = SELECTOR_CLASS.sub(keep_class, selector)
    selector = SELECTOR_ID.sub(keep_id, selector)
    return WHITESPACE.sub(" ", selector).strip()


def _last_id(selector: str) -> str | None:
    if "#" not in selector:  # no id at all (the common case): nothing to split
        return None
    last = COMPOUNDS.split(selector.strip())[-1] if selector.strip() else ""
    found = SELECTOR_ID.search(last)
    return stable_id(found.group(1).replace("\\", "")) if found else None


def element_key(finding: Finding) -> str:
    """What identifies the finding's element across deploys (see the module docstring)."""
    return _element_key(finding.selector, finding.snippet)


# Two runs of an unchanged page repeat their elements (and a page repeats some): worth a cache.
@lru_cache(maxsize=65_536)
def _element_key(selector: str, snippet: str) -> str:
    opening = OPENING_TAG.match(snippet) if snippet else None
    if opening is None:
        element_id = _last_id(selector)
        return f"#{element_id}" if element_id else f"selector={_selector_key(selector)}"
    tag = opening.group(1).lower()
    attributes: dict[str, str] = {}
    # findall: one tuple per attribute, "" for the quotings it did not use (one at most is used)
    for name, double, single, bare in ATTRIBUTE.findall(opening.group(2)):
        name = name.lower()
        if name not in attributes:  # the first of a repeated attribute counts, as in a browser
            value = double or single or bare
            attributes[name] = html.unescape(value) if "&" in value else value
    element_id = ("id" in attributes and stable_id(attributes["id"])) or _last_id(selector)
    if element_id:
        return f"{tag}#{element_id}"
    parts = [tag]
    # The few attributes the element has, in the key's order (not every known name looked up).
    keyed = [name for name in attributes if name in KEY_ORDER]
    if len(keyed) > 1:
        keyed.sort(key=KEY_ORDER.__getitem__)
    for name in keyed:
        value = attributes[name]
        if name in _WHAT:
            parts.append(f"{name}={' '.join(value.split())}")  # = WHITESPACE.sub + strip, in C
        elif name in _NAME:
            parts.append(f"{name}={normalise_text(value)}")
        else:
            parts.append(f"{name}={_link(value, name)}")
    if "class" in attributes:
        parts.append(f"class={_classes(attributes['class'])}")
    parts.append(f"text={normalise_text(snippet[opening.end():])}")
    return "|".join(parts)


VERSION_PART = f"v{FINGERPRINT_VERSION}"


def _fingerprint(finding: Finding, page: str, variant: str, occurrence: int = 1) -> str:
    """`fingerprint` given the page's `page_key` (worked out once per page, not per finding)."""
    # The parts joined by \x1f, as one f-string (no list): v1, rule, page, variant, element,
    # then the data that says what was found, then the twin's number.
    text = (f"{VERSION_PART}\x1f{finding.rule}\x1f{page}\x1f{variant}\x1f"
            f"{_element_key(finding.selector, finding.snippet)}")
    data = finding.data
    if data:  # most findings carry none
        for k in DATA_KEYS:
            if isinstance(data.get(k), str):
                text += f"\x1f{k}={data[k]}"
    if occurrence > 1:
        text += f"\x1f#{occurrence}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def fingerprint(finding: Finding, page_url: str, variant: str = "", occurrence: int = 1) -> str:
    """The finding's stable identity on the page at `page_url` (32 hex characters).

    `occurrence` > 1 tells apart twins: findings of the same rule on elements that look the same
    on one page (`fingerprints()` counts them).
    """
    return _fingerprint(finding, page_key(page_url), variant, occurrence)


def fingerprints(findings: Iterable[Finding], page_url: str, variant: str = "") -> list[str]:
    """The fingerprints of one page's findings, in their order; twins numbered in that order."""
    page = page_key(page_url)
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = _fingerprint(finding, page, variant)
        if base in seen:  # a twin: numbered by its place among them
            seen[base] += 1
            out.append(_fingerprint(finding, page, variant, seen[base]))
        else:
            seen[base] = 1
            out.append(base)
    return out


@dataclass(frozen=True)
class Located:
    """A finding with where it was found and its fingerprint."""

    site: str  # the site's home URL as given
    page: str  # the URL the finding is located at (a site check's finding: its own URL)
    variant: str
    finding: Finding
    fingerprint: str
    check: str = ""  # the page or site check that found it; "" for a page's own findings
    on_site: bool = False  # a site check's finding (located at its own URL, not on a page)


def _site_located(site: SiteResult) -> Iterator[Located]:
    for task in site.tasks:  # a task's findings are about the site: located at its URL
        if task.findings:
            check = f"task/{task.id}"
            prints = fingerprints(task.findings, site.url)
            for finding, fp in zip(task.findings, prints, strict=True):
                yield Located(site.url, site.url, "", finding, fp, check, on_site=True)
    for page in site.pages:
        url = page.final_url or page.url
        owned = [("", f) for f in page.findings]
        owned += [(c.id, f) for c in page.checks for f in c.findings]
        prints = fingerprints([f for _, f in owned], url, page.variant)
        for (check, finding), fp in zip(owned, prints, strict=True):
            yield Located(site.url, url, page.variant, finding, fp, check)
    by_url: dict[str, list[tuple[str, Finding]]] = {}
    for site_check in site.checks:
        for finding in site_check.findings:
            where = finding.data.get("url")
            by_url.setdefault(where if isinstance(where, str) and where else site.url,
                              []).append((site_check.id, finding))
    for url, owned_here in by_url.items():
        prints = fingerprints([f for _, f in owned_here], url)
        for (check, finding), fp in zip(owned_here, prints, strict=True):
            yield Located(site.url, url, "", finding, fp, check, on_site=True)


def located_findings(result: RunResult) -> list[Located]:
    """Every finding of the run (page findings, page-check and site-check findings), located and
    fingerprinted: the one walk that SARIF, baselines and diffs share."""
    return [located for site in result.sites for located in _site_located(site)]
