"""What reaches the terminal from a file, a page or a database is shown, never obeyed: control
characters (escape sequences, bells, carriage returns, NULs) and the bidirectional overrides
are printed as ``\\xNN`` / ``\\uNNNN`` escapes, so a damaged record or a hostile page cannot
rewrite the screen, ring, or hide text; letters of every script, accents and no-break spaces
stay as they are."""

from __future__ import annotations

import unicodedata

_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character escaped (one line stays one line)."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) if unicodedata.category(c) == "Cc" or c in _BIDI or c in "\u2028\u2029"
                   else c for c in text)
