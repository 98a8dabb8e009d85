"""The generator of the bundled demo site, split by what it builds (run ../make_demo_site.py).

Not part of the installed package: only its output, ``tester/demo/site/``, is shipped.
"""

from __future__ import annotations

from pathlib import Path

# The generated files are committed here and shipped as package data.
SITE = Path(__file__).resolve().parents[2] / "tester" / "demo" / "site"
