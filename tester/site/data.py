"""What `gather_site` collects: plain data, JSON-serialisable, so audits can be re-run offline."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class FetchResult:
    """One HTTP answer (after in-scope redirects), or why there was none."""

    url: str
    status: int | None = None
    final_url: str = ""
    content_type: str = ""
    method: str = ""  # HEAD | GET | snapshot
    error: str | None = None
    ms: int = 0
    redirected_out_of_scope: str | None = None  # the out-of-scope Location we did not follow
    # Why the tool did not go on (tester.fetch): "redirect-outside-scope" or "blocked-address"
    # (the network policy refused the host's address: cloud metadata, link-local, private).
    refused: str | None = None
    refused_reason: str = ""
    body: str = ""  # only kept for sitemap.xml / robots.txt
    truncated: bool = False  # the body went on past the fetch layer's size cap

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400


@dataclass
class VersionInfo:
    """A language version of an audited page, read over HTTP without a browser."""

    url: str
    status: int | None = None
    final_url: str = ""
    error: str | None = None
    lang: str = ""  # <html lang>
    title: str = ""
    text_sample: str = ""  # first characters of the main text (for evidence)
    letters: int = 0
    cyrillic: int = 0
    latin: int = 0
    kazakh: int = 0
    detected: str | None = None  # lexicon.letters.detect_language of the main text


@dataclass
class SiteArtifacts:
    home_url: str
    scope_hosts: list[str] = field(default_factory=list)
    links: dict[str, FetchResult] = field(default_factory=dict)  # normalised URL -> answer
    out_of_scope: list[str] = field(default_factory=list)  # listed, never requested
    unchecked: list[str] = field(default_factory=list)  # in scope but over the count/time budget
    # Why links were left unchecked: {"max-links": n over the count, "time-budget": n out of time}
    unchecked_reasons: dict[str, int] = field(default_factory=dict)
    sitemap: FetchResult | None = None  # /sitemap.xml (or the first Sitemap: in robots.txt)
    child_sitemaps: list[FetchResult] = field(default_factory=list)
    robots: FetchResult | None = None
    versions: dict[str, VersionInfo] = field(default_factory=dict)  # counterpart URL -> info
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SiteArtifacts:
        data = dict(data)
        data["links"] = {k: FetchResult(**v) for k, v in data.get("links", {}).items()}
        data["versions"] = {k: VersionInfo(**v) for k, v in data.get("versions", {}).items()}
        for key in ("sitemap", "robots"):
            if data.get(key) is not None:
                data[key] = FetchResult(**data[key])
        data["child_sitemaps"] = [FetchResult(**x) for x in data.get("child_sitemaps", [])]
        return cls(**data)
