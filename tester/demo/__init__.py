"""The bundled demo site (a fictional district akimat in kk/ru/en) and a tiny 127.0.0.1 server.

``DEMO_ROOT`` is the folder of static files; ``serve_site()`` serves it (or any other folder) on
a free local port::

    with serve_site() as site:
        print(site.url)  # http://127.0.0.1:41234/

The deliberate flaws of the demo site are listed in ``DEMO_ROOT / "FLAWS.md"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

DEMO_ROOT: Path = Path(__file__).resolve().parent / "site"
# `ashyq demo` and a URL-less `ashyq run` serve it here (see server.serve_demo).
DEMO_PORT = 8765

__all__ = ["DEMO_PORT", "DEMO_ROOT", "SiteServer", "serve_demo", "serve_site"]

if TYPE_CHECKING:
    from .server import SiteServer, serve_demo, serve_site


def __getattr__(name: str) -> Any:
    # Imported lazily so that ``python -m tester.demo.server`` does not import the module twice.
    if name in ("SiteServer", "serve_demo", "serve_site"):
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
