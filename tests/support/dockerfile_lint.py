"""A small Dockerfile reader and linter for tests/unit/test_packaging.py (Docker is not installed
where the tests run, so the image is never built there): instructions, the apt-get packages,
and the rules the project's Dockerfile keeps."""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

KNOWN_INSTRUCTIONS = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})
ROOT_USERS = frozenset({"root", "0"})
APT_LISTS_CLEANUP = "rm -rf /var/lib/apt/lists/*"


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case
    arguments: str  # continuation lines joined with single spaces
    line: int  # where it starts, 1-based


def read_instructions(text: str) -> list[Instruction]:
    """The instructions in order: comments and blank lines skipped, `\\` continuations joined
    (a comment line inside a continuation is dropped, as Docker does)."""
    found: list[Instruction] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not pending:
            start = number
        continued = stripped.endswith("\\")
        pending.append(stripped[:-1].strip() if continued else stripped)
        if not continued:
            keyword, _, arguments = " ".join(pending).partition(" ")
            found.append(Instruction(keyword.upper(), " ".join(arguments.split()), start))
            pending = []
    if pending:
        found.append(Instruction("<unfinished>", " ".join(pending), start))
    return found


def apt_packages(instructions: list[Instruction]) -> set[str]:
    """Every package named after `apt-get install` in a RUN (options left out)."""
    packages: set[str] = set()
    for instruction in instructions:
        if instruction.keyword != "RUN":
            continue
        for command in re.split(r"&&|;|\|\|", instruction.arguments):
            words = shlex.split(command)
            if words[:2] == ["apt-get", "install"]:
                packages.update(w for w in words[2:] if not w.startswith("-"))
    return packages


def dockerignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore's patterns leave `path` (relative, `/`-separated) out of the build
    context: the last pattern matching the path or one of its parent folders wins, `!` keeps."""
    parts = path.strip("/").split("/")
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    ignored = False
    for pattern in patterns:
        keep = pattern.startswith("!")
        glob = pattern.lstrip("!").strip("/")
        if glob.startswith("**/"):
            hit = any(fnmatch.fnmatch(c.rsplit("/", 1)[-1], glob[3:]) for c in candidates)
        else:
            hit = any(fnmatch.fnmatch(c, glob) for c in candidates)
        if hit:
            ignored = not keep
    return ignored


def read_dockerignore(root: Path) -> list[str]:
    path = root / ".dockerignore"
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def lint(text: str, root: Path) -> list[str]:
    """What is wrong with the Dockerfile `text` whose build context is `root`, one line each;
    empty when it keeps every rule."""
    instructions = read_instructions(text)
    problems: list[str] = []
    ignore = read_dockerignore(root)
    for ins in instructions:
        where = f"line {ins.line}"
        if ins.keyword not in KNOWN_INSTRUCTIONS:
            problems.append(f"{where}: unknown instruction {ins.keyword}")
        elif ins.keyword == "FROM":
            problems += from_problems(ins.arguments, where)
        elif ins.keyword == "RUN":
            problems += apt_problems(ins.arguments, where)
        elif ins.keyword in ("COPY", "ADD"):
            problems += copy_problems(ins.arguments, root, ignore, where)
    keywords = [ins.keyword for ins in instructions]
    first = next((k for k in keywords if k != "ARG"), None)
    if first != "FROM":
        problems.append("the first instruction (after ARGs) is not FROM")
    problems += user_and_entrypoint_problems(instructions)
    return problems


def from_problems(arguments: str, where: str) -> list[str]:
    words = [w for w in arguments.split() if not w.startswith("--")]
    image = words[0] if words else ""
    if "@sha256:" in image:
        return []
    name, _, tag = image.rpartition(":") if ":" in image.rsplit("/", 1)[-1] else (image, "", "")
    if not tag:
        return [f"{where}: FROM {image} is not pinned to a tag"]
    if tag == "latest":
        return [f"{where}: FROM {name}:latest is not pinned (name a version tag)"]
    return []


def apt_problems(arguments: str, where: str) -> list[str]:
    commands = [c.strip() for c in re.split(r"&&|;", arguments)]
    installs = [c for c in commands if c.startswith("apt-get install")]
    updates = [c for c in commands if c.startswith("apt-get update")]
    problems: list[str] = []
    for command in installs:
        if "--no-install-recommends" not in command.split():
            problems.append(f"{where}: apt-get install without --no-install-recommends")
        if not {"-y", "--yes", "-qy", "-yq"} & set(command.split()):
            problems.append(f"{where}: apt-get install without -y")
    if (installs or updates) and APT_LISTS_CLEANUP not in commands:
        problems.append(f"{where}: apt-get without `{APT_LISTS_CLEANUP}` in the same RUN")
    if updates and not installs:
        problems.append(f"{where}: apt-get update alone in a RUN (its lists go stale in the cache)")
    return problems


def copy_problems(arguments: str, root: Path, ignore: list[str], where: str) -> list[str]:
    words = shlex.split(arguments)
    if any(w.startswith("--from") for w in words):
        return []  # copies from another stage or image, not from the build context
    paths = [w for w in words if not w.startswith("--")]
    if arguments.lstrip().startswith("["):
        paths = json.loads(arguments)
    problems: list[str] = []
    for source in paths[:-1]:
        if not list(root.glob(source)):
            problems.append(f"{where}: COPY source {source} does not exist")
        elif dockerignored(source, ignore):
            problems.append(f"{where}: COPY source {source} is left out by .dockerignore")
    return problems


def user_and_entrypoint_problems(instructions: list[Instruction]) -> list[str]:
    user = "root"
    problems: list[str] = []
    entrypoints = [i for i in instructions if i.keyword == "ENTRYPOINT"]
    if not entrypoints:
        return ["no ENTRYPOINT"]
    for ins in instructions:
        if ins.keyword == "USER":
            user = ins.arguments.split(":", 1)[0]
        if ins is entrypoints[-1] and user in ROOT_USERS:
            problems.append(f"line {ins.line}: ENTRYPOINT runs as root (no USER, or USER root)")
    try:
        form = json.loads(entrypoints[-1].arguments)
    except json.JSONDecodeError:
        form = None
    if form != ["ashyq"]:
        problems.append(f"line {entrypoints[-1].line}: ENTRYPOINT is not the exec form "
                        f'["ashyq"]: {entrypoints[-1].arguments}')
    return problems
