"""The one place host names and URLs are normalised for comparison (pure, no browser).

Kazakhstan has the `.қаз` top-level domain and agencies use Cyrillic hosts. A person types
`http://акимат.қаз/`, Chromium reports `http://xn--80aaxhl1b.xn--80ao21a/`: the same site.
So every comparison (scope, crawl, link checks, the report's keys) uses the ASCII (IDNA
A-label, "punycode") form made here; only what is shown to people uses `unicode_host`.

Labels are mapped the way Chromium maps them (UTS #46, non-transitional: NFKC and lower
case, `ß` and `ς` kept, not turned into `ss`/`σ` as the stdlib's IDNA 2003 codec does), then
punycode-encoded. For Kazakh letters (ә ғ қ ң ө ұ ү һ і) both agree; tests compare with
Chromium's own `new URL()`.

Every module compares URLs through this one: `normalise_url` (links, pages, the crawl, the
fetch layer's cache), `page_identity` (the navigator's visited set, which keeps client-side
routes) and `same_page_key` (the shortest-path count). The field's libraries were tried and
do not fit a comparison with what Chromium reports: w3lib's `safe_url_string` percent-encodes
ASCII `|{}` that Chromium leaves alone and maps `straße` to `strasse` (IDNA 2003), and
url-normalize re-quotes and sorts query parameters.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

MAX_LABEL = 63
MAX_HOST = 253
DEFAULT_PORTS = {"http": 80, "https": 443}
INDEX_FILES = ("index.html", "index.htm", "index.php", "default.aspx")
ROUTE_MARKS = ("/", "!")  # #/… and #!… fragments are client-side routes
# What may not stand in a host label after mapping: spaces, controls and ASCII punctuation
# other than '-' and '_' (underscores occur in real intranet hosts and Chromium accepts them).
_FORBIDDEN = re.compile(r"[\s\x00-\x2c./:-@\[-\^`{-\x7f]")
# Dots that browsers treat as label separators (ideographic and fullwidth full stops).
_DOTS = re.compile("[\u3002\uff0e\uff61]")
# Non-ASCII letters, spaces and controls in paths and queries are percent-encoded (UTF-8), as
# Chromium does, so a typed URL and the one the browser reports compare equal. ASCII stays as
# written: encoding it too would make URLs differ that Chromium leaves alone.
_TO_ENCODE = re.compile(r"[^\x21-\x7e]")


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def _label_to_ascii(label: str) -> str:
    """One label in ASCII, or '' when it cannot be part of a host name."""
    mapped = unicodedata.normalize("NFKC", label).lower()
    if not mapped or _FORBIDDEN.search(mapped):
        return ""
    if mapped.isascii():
        ascii_label = mapped
        if mapped.startswith("xn--"):
            try:  # an A-label must decode, or Chromium rejects the host
                mapped[4:].encode("ascii").decode("punycode")
            except UnicodeError:
                return ""
    else:
        try:
            ascii_label = "xn--" + mapped.encode("punycode").decode("ascii")
        except UnicodeError:
            return ""
    if len(ascii_label) > MAX_LABEL or ascii_label.startswith("-") or ascii_label.endswith("-"):
        return ""
    return ascii_label


def ascii_host(host: str | None) -> str:
    """`АКИМАТ.ҚАЗ.` -> `xn--80aaxhl1b.xn--80ao21a`; IP literals canonical; '' if invalid.

    Lower case, one trailing dot dropped, IPv6 without brackets (as urlsplit's `hostname`).
    """
    text = _DOTS.sub(".", (host or "").strip())
    if text.endswith(".") and not text.endswith(".."):
        text = text[:-1]
    if not text:
        return ""
    literal = _ip_literal(text)
    if literal is not None:
        return literal
    labels = [_label_to_ascii(label) for label in text.split(".")]
    if not all(labels):
        return ""
    result = ".".join(labels)
    return result if len(result) <= MAX_HOST else ""


def unicode_host(host: str | None) -> str:
    """The readable form of a host, for people: `xn--80ao21a` -> `қаз`. Never for comparing."""
    ascii_form = ascii_host(host)
    if not ascii_form:
        return (host or "").strip().lower()
    # ascii_host has checked that every A-label decodes.
    return ".".join(
        label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label
        for label in ascii_form.split(".")
    )


def same_host(a: str | None, b: str | None) -> bool:
    """Equal once both are in ASCII form (`www.` twins are different hosts here)."""
    left = ascii_host(a)
    return bool(left) and left == ascii_host(b)


def host_of(url: str) -> str:
    """ASCII host of a URL; '' when there is none or it is invalid."""
    try:
        return ascii_host(urlsplit((url or "").strip()).hostname)
    except ValueError:
        return ""


def port_of(url: str) -> int | None:
    """The explicit or default port of an http(s) URL; None when unknown or invalid."""
    try:
        parts = urlsplit((url or "").strip())
        return parts.port or DEFAULT_PORTS.get(parts.scheme.lower())
    except ValueError:
        return None


def netloc(host: str, port: int | None, scheme: str, userinfo: str = "") -> str:
    """`host[:port]` with brackets for IPv6 and no default port."""
    shown = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        shown = f"{shown}:{port}"
    return f"{userinfo}@{shown}" if userinfo else shown


def _encode(text: str) -> str:
    return _TO_ENCODE.sub(lambda m: quote(m.group(0), safe=""), text)


def normalise_url(url: str, *, keep_fragment: bool = False) -> str:
    """An http(s) URL in the form Chromium reports: ASCII host, no default port, non-ASCII
    path and query percent-encoded, no fragment; '' for other schemes or a bad host."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return ""
    host = ascii_host(parts.hostname)
    if not host:
        return ""
    userinfo = parts.netloc.rpartition("@")[0]
    path = _encode(parts.path or "/")
    query = _encode(parts.query)
    fragment = parts.fragment if keep_fragment else ""
    return urlunsplit((scheme, netloc(host, port, scheme, userinfo), path, query, fragment))


def is_route_fragment(fragment: str) -> bool:
    """A client-side route (`#/contacts`, `#!/kk/`) names a page of a single-page app; other
    fragments name a place on one page."""
    return fragment.startswith(ROUTE_MARKS)


def page_identity(url: str) -> str:
    """A page's identity for "visited": `normalise_url`, plus the fragment when it is a
    client-side route. A URL that does not normalise (another scheme, a bad host) keeps its
    own scheme and host, lower-cased, so it is still told apart."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return url
    fragment = parts.fragment if is_route_fragment(parts.fragment) else ""
    plain = normalise_url(url)
    if plain:
        return plain + (f"#{fragment}" if fragment else "")
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query,
                       fragment))


def same_page_key(url: str) -> str:
    """Coarser than `page_identity`, for counting clicks between pages: no scheme, and no trailing
    index file or slash (`/ru/`, `/ru` and `/ru/index.html` are one page)."""
    parts = urlsplit(page_identity(url))
    path = parts.path or "/"
    for name in INDEX_FILES:
        if path.endswith("/" + name):
            path = path[: -len(name)]
    return urlunsplit(("", parts.netloc.lower(), path.rstrip("/") or "/", parts.query,
                       parts.fragment))


def display_url(url: str) -> str:
    """The URL with its host in readable (Unicode) form, for reports and messages."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return url
    if not host or "xn--" not in host.lower():
        return url
    userinfo = parts.netloc.rpartition("@")[0]
    shown = netloc(unicode_host(host), port, parts.scheme.lower(), userinfo)
    return urlunsplit((parts.scheme, shown, parts.path, parts.query, parts.fragment))


# Language codes sites put in a first path folder or a host label (kk.akimat.kz, /qaz/).
LANGUAGE_LABELS = frozenset({"ru", "kk", "kz", "kaz", "qaz", "en", "rus", "eng"})


def is_language_host(url: str, start_url: str) -> bool:
    """`kk.site.kz` (or ru., en., kaz.…) of the start page's site `site.kz` / `www.site.kz`,
    or of `ru.site.kz` when the run starts on a language host itself."""
    host, home = host_of(url), host_of(start_url)
    if not host or not home or host == home or port_of(url) != port_of(start_url):
        return False
    label, _, rest = host.partition(".")
    base = home[4:] if home.startswith("www.") else home
    home_label, _, home_rest = base.partition(".")
    if home_label in LANGUAGE_LABELS and "." in home_rest:
        base = home_rest
    return label in LANGUAGE_LABELS and rest == base
