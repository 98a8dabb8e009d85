"""The HTML diff (tester/report/diff_html.py): new, fixed and persisting findings per page, task and
score changes, before and after screenshots side by side (a note where there is none), escaped
hostile text, and `ashyq diff --out` writing all three files with the screenshots copied."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tester.cli import main
from tester.diff import diff_runs
from tester.model import Finding, PageResult, RunResult, SiteResult, Step, TaskResult
from tester.report.diff_html import render_diff_html, shot_path, wanted_screenshots

SITE = "https://akimat.gov.kz/"
HOSTILE = "<script>alert(1)</script></svg>\u202eevil" + "x" * 400
GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def finding(rule: str, selector: str, impact: str = "serious") -> Finding:
    return Finding(rule=rule, source="axe", impact=impact, selector=selector,
                   snippet=f'<a href="/{rule}" class="x">{rule}</a>')


def run(later: bool) -> RunResult:
    kept = finding("link-name", "nav > a.kept")
    changing = finding("image-alt", f"img.{HOSTILE}") if later else finding("color-contrast",
                                                                            "p.fixed-one")
    home = PageResult(url=SITE, findings=[kept, changing],
                      screenshot="screenshots/0001-page.jpg" if not later else
                      "screenshots/0009-page.jpg")
    news = PageResult(url=SITE + "news/", findings=[],
                      screenshot=None if later else "screenshots/0002-page.jpg")
    steps = [Step(action="goto", label="home page", screenshot="screenshots/0003-goto.jpg"),
             Step(action="click", label=HOSTILE, screenshot="screenshots/0004-click.jpg")]
    task = TaskResult(id="find-contacts", title=HOSTILE, status="failed" if later else "passed",
                      clicks=4 if later else 1, steps=steps if later else steps[:1])
    return RunResult(sites=[SiteResult(url=SITE, pages=[home, news], tasks=[task],
                                       scores={"accessibility": 60.0 if later else 80.0})])


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    before, after = run(False), run(True)
    diff = diff_runs(before, after)
    copied = {("before", "screenshots/0001-page.jpg"), ("after", "screenshots/0003-goto.jpg")}
    assert ("after", "screenshots/0009-page.jpg") in wanted_screenshots(diff, before, after)
    return {language: render_diff_html(diff, before, after, copied, language)
            for language in ("en", "kk")}


class Tags(HTMLParser):
    """Every start tag with its attributes, and whether each opened element was closed."""

    VOID = {"meta", "img", "br", "hr", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()


def test_page_parses_with_every_element_closed(rendered: dict[str, str]) -> None:
    parser = Tags()
    parser.feed(rendered["en"])
    parser.close()
    assert parser.open == []
    assert [tag for tag, _ in parser.tags].count("script") == 0
    csp = [a["content"] for tag, a in parser.tags if a.get("http-equiv")]
    assert csp == ["default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'"]


def test_new_fixed_and_persisting_each_in_their_place(rendered: dict[str, str]) -> None:
    page = rendered["en"]
    new = page.index('id="page-1-new"')
    fixed = page.index('id="page-1-fixed"')
    persisting = page.index('id="page-1-persisting"')
    assert "1 new issue" in page and "1 fixed issue" in page and "1 persisting issue" in page
    assert new < page.index("image-alt", new) < fixed < page.index("color-contrast", fixed)
    assert page.rindex("<details", 0, persisting) > fixed  # persisting ones are folded
    assert page.index("link-name", persisting) > persisting
    assert "No issues on this page in either run." in page  # the news page


def test_tasks_and_scores(rendered: dict[str, str]) -> None:
    page = rendered["en"]
    assert "Passed (1 click)" in page and "Failed (4 clicks)" in page
    assert "⚠ regression" in page
    assert "80.0" in page and "60.0" in page


def test_screenshots_side_by_side_and_missing_ones_noted(rendered: dict[str, str]) -> None:
    parser = Tags()
    parser.feed(rendered["en"])
    sources = sorted(a["src"] or "" for tag, a in parser.tags if tag == "img")
    assert sources == ["screenshots/after/0003-goto.jpg", "screenshots/before/0001-page.jpg"]
    assert all(a.get("alt") for tag, a in parser.tags if tag == "img")
    page = rendered["en"]
    assert "The screenshot file was not found." in page  # recorded, not copied
    assert "No screenshot in this run." in page  # the news page after
    assert "This run has no such step." in page  # the click step before
    assert page.count('class="diff-pair"') == 4  # two pages, two steps


def test_hostile_text_is_escaped(rendered: dict[str, str]) -> None:
    for page in rendered.values():
        assert "<script>alert(1)" not in page and "</svg>\u202e" not in page
        assert "&lt;script&gt;alert(1)" in page
        assert "\u202e" not in page  # bidi controls dropped, as in the run report


def test_localised(rendered: dict[str, str]) -> None:
    assert 'lang="kk"' in rendered["kk"] and "Жаңа мәселелер" in rendered["kk"]
    assert "New issues" not in rendered["kk"]


@pytest.mark.parametrize("recorded,expected", [
    ("screenshots/0001-page.jpg", "screenshots/before/0001-page.jpg"),
    ("shots/a b.png", "screenshots/before/shots/a b.png"),
    ("../0001-page.jpg", None), ("/etc/passwd.jpg", None), ("C:/x.jpg", None),
    ("screenshots/notes.txt", None), ("", None),
])
def test_shot_path_stays_in_the_diff_folder(recorded: str, expected: str | None) -> None:
    assert shot_path("before", recorded) == expected


def _run_folder(tmp: Path, name: str, golden: Path) -> Path:
    folder = tmp / name
    shutil.copytree(golden, folder, ignore=shutil.ignore_patterns("*.py"))
    return folder


def test_cli_writes_markdown_json_and_html_with_the_screenshots(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _run_folder(tmp_path, "before", GOLDEN / "demo")
    after = _run_folder(tmp_path, "after", GOLDEN / "demo")
    (after / "screenshots" / "0001-page.jpg").unlink()  # gone since: a note, not a broken image
    result = json.loads((after / "result.json").read_text(encoding="utf-8"))
    result["sites"][0]["pages"][1]["screenshot"] = "../../outside.jpg"  # hostile: never copied
    (tmp_path / "outside.jpg").write_bytes(b"not yours")
    (after / "result.json").write_text(json.dumps(result), encoding="utf-8")
    out = tmp_path / "diff"
    assert main(["diff", str(before), str(after / "result.json"), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["diff.html", "diff.json", "diff.md",
                                                     "screenshots"]
    assert (out / "screenshots" / "before" / "0001-page.jpg").is_file()
    assert not (out / "screenshots" / "after" / "0001-page.jpg").exists()
    assert (out / "screenshots" / "after" / "0003-find-contacts-goto.jpg").is_file()
    assert not list(tmp_path.glob("diff/**/outside.jpg"))
    page = (out / "diff.html").read_text(encoding="utf-8")
    assert page.count("The screenshot file was not found.") == 2
    assert 'src="screenshots/before/0001-page.jpg"' in page
    assert json.loads((out / "diff.json").read_text(encoding="utf-8"))["totals"]["new"] == 0
    capsys.readouterr()

    only = tmp_path / "only-html"
    assert main(["diff", str(before), str(after), "--out", str(only), "--format", "html"]) == 0
    assert sorted(p.name for p in only.iterdir()) == ["diff.html", "screenshots"]
    assert capsys.readouterr().out.strip().endswith("diff.html")


@pytest.mark.parametrize("argv,message", [
    (["--out", "{tmp}/x", "--format", "pdf"], "--format pdf: choose from md,json,html"),
    (["--format", "html"], "--format chooses the files --out writes"),
])
def test_cli_refuses_a_bad_format_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              argv: list[str], message: str) -> None:
    demo = str(GOLDEN / "demo")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(["diff", demo, demo, *argv]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_recorded_runs_bring_their_screenshots_from_the_report_folders_recorded(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _run_folder(tmp_path, "before", GOLDEN / "demo")
    after = _run_folder(tmp_path, "after", GOLDEN / "demo")
    db = str(tmp_path / "history.sqlite")
    assert main(["db", "import", str(before), str(after), "--db", db]) == 0
    shutil.rmtree(after / "screenshots")  # the later run's folder lost its screenshots since
    out = tmp_path / "diff"
    assert main(["diff", "1", "2", "--db", db, "--out", str(out)]) == 0
    capsys.readouterr()
    assert len(list((out / "screenshots" / "before").iterdir())) > 10
    assert not (out / "screenshots" / "after").exists()
    page = (out / "diff.html").read_text(encoding="utf-8")
    assert page.count('src="screenshots/before/') > 10 and 'src="screenshots/after/' not in page
    assert "The screenshot file was not found." in page
