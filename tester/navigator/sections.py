"""Where a task may go on sites that are more than one site: a body's section of a unified
platform, and a language version on its own subdomain.

- A start page deep in a unified platform (gov.kz/memleket/entities/<body>/…) belongs to one
  body: the portal's own header links (its contacts, its appeals) and the neighbouring bodies are
  not that body's pages.
- kk.akimat.kz is the Kazakh version of akimat.kz: the visitor's switch goes there, and it is
  still the audited site, although another host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tester.urlnorm import LANGUAGE_LABELS, is_language_host

__all__ = ["in_section", "is_language_host", "section_of"]

SECTION_MIN_DEPTH = 2  # folders below the site root (language folders not counted)
LANGUAGE_FOLDERS = LANGUAGE_LABELS


def _folders(url: str) -> list[str]:
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if parts and "." in parts[-1]:  # index.html, contacts.php: a file, not a folder
        parts = parts[:-1]
    return [p for p in parts if p.lower() not in LANGUAGE_FOLDERS]


def section_of(url: str) -> str | None:
    """'/memleket/entities/zher/' for a start page at least SECTION_MIN_DEPTH folders deep
    (language folders aside); None for a site's home page, '/ru/' or '/kz/main/'."""
    folders = _folders(url)
    return "/" + "/".join(folders) + "/" if len(folders) >= SECTION_MIN_DEPTH else None


def in_section(url: str, section: str) -> bool:
    return ("/" + "/".join(_folders(url)) + "/").startswith(section)
