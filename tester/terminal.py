"""Printing to the terminal: every line that may carry page-derived text goes through here.

A page controls its title, its URLs and its script's error messages. Printed raw, an ESC
sequence in one of them can retitle the terminal (OSC `ESC ]0;…BEL`), clear the screen
(CSI `ESC [2J`), or forge a progress line with a newline. So control characters are shown as
visible escapes (`\\x1b`, `\\n`), never sent; bidirectional overrides, which can make a line
read differently from what it holds, and lone surrogates, which cannot be encoded, too.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0 controls (tab and newline included: a progress line is one line), DEL, C1 controls,
# bidi embeddings/overrides/isolates, and lone UTF-16 surrogates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """`text` with every control character written as a visible escape (`\\x1b`, `\\u202e`)."""
    return _UNSAFE.sub(_visible, str(text))


def say(line: str, stream: TextIO | None = None) -> None:
    """Print one line to stderr (or `stream`), control characters escaped."""
    print(terminal_safe(line), file=stream or sys.stderr, flush=True)
