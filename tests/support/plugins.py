"""Install a throwaway plugin distribution without pip: a `*.dist-info` folder with METADATA and
entry_points.txt beside the plugin's modules, in a folder put on sys.path or PYTHONPATH.

importlib.metadata finds it exactly as it finds a pip-installed package, so the registry's
entry-point discovery is exercised for real.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Mapping
from pathlib import Path

EXAMPLE_PLUGIN = Path(__file__).resolve().parents[2] / "docs" / "examples" / "ashyq-example"


def install_distribution(
    root: Path,
    name: str,
    entry_points: Mapping[str, Mapping[str, str]],
    modules: Mapping[str, str] | None = None,
    version: str = "0.1.0",
) -> Path:
    """Write `modules` ({"pkg/mod.py": source}) and the distribution's metadata into `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, source in (modules or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    info = root / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    lines: list[str] = []
    for group, points in entry_points.items():
        lines.append(f"[{group}]")
        lines += [f"{point} = {target}" for point, target in points.items()]
        lines.append("")
    (info / "entry_points.txt").write_text("\n".join(lines), encoding="utf-8")
    return root


def install_example_plugin(root: Path) -> Path:
    """Install docs/examples/ashyq-example (its package and the entry points its pyproject.toml
    declares) into `root`, as `pip install docs/examples/ashyq-example` would."""
    project = tomllib.loads((EXAMPLE_PLUGIN / "pyproject.toml").read_text(encoding="utf-8"))
    shutil.copytree(EXAMPLE_PLUGIN / "ashyq_example", root / "ashyq_example",
                    ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    return install_distribution(root, project["project"]["name"],
                                project["project"]["entry-points"],
                                version=project["project"]["version"])
