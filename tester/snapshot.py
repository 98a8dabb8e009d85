"""What a page held when it was read: the plain data goals and site checks reason about.

The gatherer (tester.gather.snapshot.take_snapshot) fills it from a loaded page; everything
downstream is a pure function of `PageSnapshot`, so goals and checks are unit-tested on
hand-made snapshots and never need the browser (an import-linter contract keeps it so).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Link:
    href: str  # absolute URL as the browser resolved it ('' for none)
    text: str = ""  # visible text (innerText), trimmed
    aria_label: str = ""
    title: str = ""
    img_alt: str = ""  # alt of images inside the link
    rel: str = ""
    target: str = ""
    download: bool = False
    visible: bool = True
    region: str = ""  # header | nav | main | footer | aside | '' (nearest landmark)


@dataclass
class Image:
    src: str
    alt: str | None  # None when the attribute is missing
    width: int = 0  # rendered CSS px
    height: int = 0
    natural_width: int = 0
    natural_height: int = 0
    in_link: bool = False


@dataclass
class DateMark:
    """A date where sites publish dates: metadata, a <time>, a date beside a title.

    `source`: meta (article:published_time and kin) | jsonld (datePublished) | itemprop
    (datePublished on an element) | time (time[datetime]) | text (an element whose short text
    holds a date). `where` places a time/text mark: headline (beside the page's h1), listing
    (a card holding one title and this date), class (a CMS date class: news-date-time,
    entry-date, field--name-created ...) or '' (elsewhere: not a publication date).
    """

    source: str
    text: str  # the attribute value (ISO) or the element's visible text
    where: str = ""
    title: str = ""  # the listing card's title or the page headline
    href: str = ""  # the listing card's link
    hint: str = ""  # class names, meta property or JSON-LD @type: "updated" marks update dates
    group: int = 0  # listing: dated cards under the same parent (2+ is a news listing)


@dataclass
class PageSnapshot:
    url: str
    title: str = ""
    lang: str = ""
    text: str = ""  # body innerText
    main_text: str = ""  # innerText of <main>/[role=main]/<article>, else body
    headings: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    hreflang: dict[str, str] = field(default_factory=dict)
    meta_viewport: str | None = None
    http_status: int | None = None
    dates: list[DateMark] = field(default_factory=list)  # publication-date candidates
    breadcrumb: str = ""  # the breadcrumb trail's text, as shown


    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageSnapshot:
        data = dict(data)
        data["links"] = [Link(**x) for x in data.get("links", [])]
        data["images"] = [Image(**x) for x in data.get("images", [])]
        data["dates"] = [DateMark(**x) for x in data.get("dates", [])]  # absent in old snapshots
        return cls(**data)
