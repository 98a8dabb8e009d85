"""broken-links on hand-made snapshots and link answers."""

from __future__ import annotations

from tester.gather.snapshot import Link, PageSnapshot
from tester.site.data import FetchResult, SiteArtifacts
from tester.site.links import audit_broken_links, link_targets

SITE = "http://gov.test"


def page(path: str, *links: Link) -> PageSnapshot:
    return PageSnapshot(url=SITE + path, lang="ru", links=list(links), http_status=200)


def artifacts(**answers: int | str) -> SiteArtifacts:
    links = {}
    for path, answer in answers.items():
        url = SITE + "/" + path.replace("_", "-") + ".html"
        if isinstance(answer, int):
            links[url] = FetchResult(url=url, status=answer, method="HEAD")
        else:
            links[url] = FetchResult(url=url, error=answer, method="GET")
    return SiteArtifacts(home_url=SITE + "/", scope_hosts=["gov.test"], links=links)


def test_broken_link_fails_with_page_text_target_and_status() -> None:
    pages = [
        page("/", Link(SITE + "/ok.html", "Контакты"), Link(SITE + "/gone.html", "Отчёт 2023")),
        page("/b.html", Link(SITE + "/gone.html#part", "Отчёт 2023")),
    ]
    result = audit_broken_links(artifacts(ok=200, gone=404), pages)
    assert result.status == "failed"
    [finding] = result.findings
    assert finding.rule == "broken-link" and finding.impact == "serious"
    assert finding.data["target"] == SITE + "/gone.html"
    assert finding.data["status"] == 404
    assert finding.data["link_text"] == "Отчёт 2023"
    assert finding.data["found_on"] == [SITE + "/", SITE + "/b.html"]
    assert result.data["broken"] == 1 and result.data["checked"] == 2


def test_working_links_pass() -> None:
    pages = [page("/", Link(SITE + "/ok.html", "Контакты"), Link(SITE + "/moved.html", "Старое"))]
    result = audit_broken_links(artifacts(ok=200, moved=301), pages)
    assert result.status == "passed" and result.findings == []


def test_connection_errors_are_broken_but_timeouts_and_403_need_review() -> None:
    pages = [page("/", Link(SITE + "/a.html", "A"), Link(SITE + "/b.html", "B"),
                  Link(SITE + "/c.html", "C"))]
    result = audit_broken_links(
        artifacts(a="connection refused", b="timed out", c=403), pages
    )
    by_target = {f.data["target"].rsplit("/", 1)[1]: f for f in result.findings}
    assert not by_target["a.html"].needs_review
    assert by_target["b.html"].needs_review and by_target["c.html"].needs_review
    assert result.status == "failed"  # because of the refused connection
    only_doubtful = audit_broken_links(artifacts(b="timed out", c=403), pages[:1])
    assert only_doubtful.status == "passed" and len(only_doubtful.findings) == 2


def test_out_of_scope_links_are_listed_not_judged() -> None:
    pages = [page("/", Link("https://eotinish.kz/sendAppeal", "eOtinish"),
                  Link("mailto:akimat@gov.test", "Почта"), Link(SITE + "/ok.html", "OK"))]
    targets, outside = link_targets(pages, ["gov.test"])
    assert list(targets) == [SITE + "/ok.html"]
    assert outside == ["https://eotinish.kz/sendAppeal"]
    result = audit_broken_links(artifacts(ok=200), pages)
    assert result.status == "passed" and result.data["out_of_scope"] == 1


def test_unchecked_links_are_counted_not_failed() -> None:
    pages = [page("/", Link(SITE + "/never.html", "Never"))]
    result = audit_broken_links(artifacts(), pages)
    assert result.status == "passed" and result.data["unchecked"] == 1
    assert "not checked" in result.message


def test_inactive_logo_and_banner_links_need_review() -> None:
    here = SITE + "/"
    pages = [page("/", Link(here + "#", "", img_alt="Герб района"),
                  Link("javascript:void(0)", "", img_alt="Баннер: Год рабочих профессий"),
                  Link(here + "#", ""))]
    result = audit_broken_links(artifacts(), pages)
    labels = sorted(f.data["label"] for f in result.findings)
    assert labels == ["(no text)", "Баннер: Год рабочих профессий", "Герб района"]
    assert all(f.rule == "inactive-link" and f.needs_review for f in result.findings)
    assert result.status == "passed"  # needs review, not a confirmed failure


def test_hash_links_of_accessible_js_buttons_are_not_inactive() -> None:
    here = SITE + "/"
    pages = [page("/",
                  Link(here + "#", "О районе ▾"),  # dropdown toggle with text
                  Link(here + "#", "", aria_label="Открыть поиск"),  # labelled icon button
                  Link(here + "#content", "К содержанию"),  # skip link
                  Link(SITE + "/other.html#", "", img_alt="Логотип"))]  # logo to another page
    result = audit_broken_links(artifacts(other=200), pages)
    assert [f for f in result.findings if f.rule == "inactive-link"] == []
    assert result.status == "passed"


def test_no_links_is_skipped() -> None:
    assert audit_broken_links(artifacts(), [page("/")]).status == "skipped"
