"""The CI recipes in docs/ci/ and the examples of the README and docs/ work as written: every
`ashyq` command line in them (also `.venv/bin/ashyq …`, `python -m tester …`,
`docker run … ashyq …`) is parsed by ashyq's own argument parser, `--fail-on` and `--formats`
values by its own readers, every ASHYQ_* variable the recipes set is a setting, and both
recipes are valid YAML of the expected shape."""

from __future__ import annotations

import io
import re
import shlex
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from tester.cli import UsageError, build_parser, parse_fail_on, parse_formats
from tester.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]
CI_DIR = ROOT / "docs/ci"
GITHUB = CI_DIR / "github-actions.yml"
GITLAB = CI_DIR / "gitlab-ci.yml"
# The README, docs/ci/README.md and every other page whose examples a user copies.
MARKDOWN_FILES = (ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")),
                  ROOT / "scenarios/README.md")
SAMPLE_URL = "https://preview.example.gov.kz/"
# Values for the recipes' placeholders; any other variable becomes "sample".
SAMPLE_VALUES = {"PREVIEW_URL": SAMPLE_URL, "CI_ENVIRONMENT_URL": SAMPLE_URL}
CONTROL_OPERATORS = {"&&", "||", ";", "|", "&"}
REDIRECTION = re.compile(r"\s\d?(>>?|<)&?\s*\S+")  # `> comment.md`, `2>/dev/null`, `2>&1`
FENCE = re.compile(r"^[ \t]*```[^\n]*\n(.*?)^[ \t]*```", re.M | re.S)


def logical_lines(script: str) -> list[str]:
    """The script's lines with `\\` continuations joined."""
    lines: list[str] = []
    pending = ""
    for raw in script.splitlines():
        line = raw.strip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        lines.append(pending + line)
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def with_samples(line: str) -> str:
    """Placeholders replaced by sample values: `${{ … }}` expressions, `$(…)` substitutions,
    `${VAR}`, `${VAR:-default}` and `$VAR`."""
    line = re.sub(r"\$\{\{(.*?)\}\}",
                  lambda m: SAMPLE_URL if "url" in m[1].lower() else "sample", line)
    line = re.sub(r"\$\([^)]*\)", "1000", line)
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}?",
                  lambda m: SAMPLE_VALUES.get(m[1], "sample"), line)


def ashyq_arguments(words: list[str]) -> list[str] | None:
    """The arguments ashyq gets from one simple command, or None when it does not run ashyq."""
    if not words:
        return None
    if words[0] in ("ashyq", ".venv/bin/ashyq"):
        return words[1:]
    if words[0] in ("python", "python3") and words[1:3] == ["-m", "tester"]:
        return words[3:]
    if words[:2] == ["docker", "run"] and "ashyq" in words[2:]:
        return words[words.index("ashyq", 2) + 1:]  # after the image's name
    return None


def ashyq_commands(script: str) -> list[tuple[str, list[str]]]:
    """(line, arguments) of each ashyq command in a shell script. Redirections are dropped, and
    the README's optional-part brackets (`[--json]`, `[URL ...]`) read as if the part were given."""
    found: list[tuple[str, list[str]]] = []
    for line in logical_lines(script):
        plain = REDIRECTION.sub(" ", with_samples(line))
        lexer = shlex.shlex(plain, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        try:
            tokens = list(lexer)
        except ValueError:  # not shell (an unclosed quote in prose or in Python): no command
            continue
        command: list[str] = []
        for token in [*tokens, ";"]:
            if token not in CONTROL_OPERATORS:
                command.append(token.removeprefix("[").removesuffix("]"))
                continue
            arguments = ashyq_arguments([word for word in command if word])
            if arguments is not None:
                found.append((line, arguments))
            command = []
    return found


def markdown_scripts(path: Path) -> list[str]:
    return FENCE.findall(path.read_text(encoding="utf-8"))


def github_scripts(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
            if "run" in step]


def gitlab_scripts(pipeline: dict) -> list[str]:
    jobs = [job for job in pipeline.values() if isinstance(job, dict) and "script" in job]
    return [line for job in jobs for part in ("before_script", "script", "after_script")
            for line in job.get(part, [])]


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def every_command() -> list[tuple[str, str, list[str]]]:
    """(where, line, arguments) of every ashyq command in the recipes and the Markdown."""
    scripts = [(GITHUB.name, s) for s in github_scripts(load(GITHUB))]
    scripts += [(GITLAB.name, s) for s in gitlab_scripts(load(GITLAB))]
    scripts += [(str(p.relative_to(ROOT)), s) for p in MARKDOWN_FILES for s in markdown_scripts(p)]
    return [(where, line, args) for where, script in scripts
            for line, args in ashyq_commands(script)]


def parse_problem(arguments: list[str]) -> str | None:
    """Why ashyq would refuse these arguments before doing anything, or None."""
    errors = io.StringIO()
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(errors):
            args = build_parser().parse_args(arguments)
    except SystemExit as exc:  # --help and --version exit 0; a usage error exits 1
        return None if exc.code in (0, None) else errors.getvalue().strip().splitlines()[-1]
    if not args.command:
        return "no command"
    try:
        if isinstance(getattr(args, "fail_on", None), str):
            parse_fail_on(args.fail_on)
        if isinstance(getattr(args, "formats", None), str):
            parse_formats(args.formats)
    except UsageError as exc:
        return str(exc)
    return None


COMMANDS = every_command()


def test_the_recipes_and_the_readme_have_the_commands_to_check():
    places = {where for where, _, _ in COMMANDS}
    assert {"github-actions.yml", "gitlab-ci.yml", "README.md", "docs/ci/README.md"} <= places
    runs = [args for where, _, args in COMMANDS if where.endswith(".yml") and args[:1] == ["run"]]
    assert len(runs) == 2 and all("--baseline" in args and SAMPLE_URL in args for args in runs)


@pytest.mark.parametrize(("where", "line", "arguments"), COMMANDS,
                         ids=[f"{w}:{' '.join(a)[:60]}" for w, _, a in COMMANDS])
def test_every_command_line_is_one_ashyq_accepts(where, line, arguments):
    problem = parse_problem(arguments)
    assert problem is None, f"{where}: `{line}`: {problem}"


@pytest.mark.parametrize("line", [
    "ashyq run https://a.example/ --out out/ --fail-on new:serious --baseline-file b.json",
    "ashyq run https://a.example/ --fail-on new:seriuos",
    "ashyq run https://a.example/ --formats json,htm",
    "ashyq baseline save --from out/ --output ashyq-baseline.json",
    "ashyq audit https://a.example/",
    ".venv/bin/ashyq run --max-pages abc",
    "python -m tester",
])
def test_a_recipe_line_with_a_wrong_flag_or_value_fails(line):
    [(_, arguments)] = ashyq_commands(line)
    assert parse_problem(arguments) is not None


def test_lines_are_read_as_a_shell_reads_them():
    script = """
      echo start && ashyq run "$PREVIEW_URL" \\
        --out out/ --fail-on ${{ inputs.level }}   # a comment is not read
      ashyq diff before/ after/ > comment.md 2>/dev/null
      ashyq history URL [--limit 12] [--json]
      docker run --rm --user "$(id -u):$(id -g)" -v "$PWD/out:/work/out" \\
        ashyq run ${{ inputs.preview_url }}
      echo ashyq run --not-a-flag
    """
    assert [args for _, args in ashyq_commands(script)] == [
        ["run", SAMPLE_URL, "--out", "out/", "--fail-on", "sample"],
        ["diff", "before/", "after/"],
        ["history", "URL", "--limit", "12", "--json"],
        ["run", SAMPLE_URL],
    ]


def test_the_github_workflow_has_the_steps_it_promises():
    workflow = load(GITHUB)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"pull_request", "workflow_dispatch"} <= set(triggers)
    steps = workflow["jobs"]["audit"]["steps"]
    uses = {step["uses"].split("@")[0]: step for step in steps if "uses" in step}
    assert {"actions/checkout", "github/codeql-action/upload-sarif", "actions/upload-artifact",
            "actions/github-script"} <= set(uses)
    assert uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"] == "out/results.sarif"
    assert uses["actions/upload-artifact"]["with"]["path"] == "out/"
    audit = next(i for i, step in enumerate(steps) if "ashyq run" in step.get("run", ""))
    # Reports are uploaded even when the gate failed.
    assert all(step.get("if", "").startswith("always()") for step in steps[audit + 1:])
    assert workflow["permissions"]["security-events"] == "write"


def test_the_gitlab_job_keeps_its_reports_whatever_the_exit_code():
    job = load(GITLAB)["accessibility"]
    artifacts = job["artifacts"]
    assert artifacts["when"] == "always" and artifacts["paths"] == ["out/"]
    assert artifacts["reports"]["junit"] == "out/junit.xml" and artifacts["expose_as"]
    assert any("merge_requests/$CI_MERGE_REQUEST_IID/notes" in s for s in job["after_script"])
    assert job["retry"]["exit_codes"] == [3]


def recipe_settings_env() -> dict[str, str]:
    """The ASHYQ_* variables the recipes set (job and workflow `env`, GitLab `variables`)."""
    github, gitlab = load(GITHUB), load(GITLAB)
    blocks = [github.get("env", {}), *(job.get("env", {}) for job in github["jobs"].values())]
    blocks += [gitlab.get("variables", {})]
    blocks += [job.get("variables", {}) for job in gitlab.values() if isinstance(job, dict)]
    return {k: str(v) for block in blocks for k, v in block.items() if k.startswith("ASHYQ_")}


def test_the_recipes_set_only_real_settings():
    env = recipe_settings_env()
    assert env == {"ASHYQ_EXECUTABLE_PATH": "/usr/bin/chromium"}
    load_settings(ROOT / "playwright.config.toml", env=env)
    with pytest.raises(ConfigError, match="ASHYQ_PIP_SPEC"):
        load_settings(ROOT / "playwright.config.toml", env={**env, "ASHYQ_PIP_SPEC": "x"})
