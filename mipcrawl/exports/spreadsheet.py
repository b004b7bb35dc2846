"""CSV cells a spreadsheet shows as text, never runs (OWASP's "CSV injection" rule).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab
or a carriage return) as a formula, and hides a leading apostrophe, its mark for "text". So
``safe_cell`` puts one apostrophe before text that begins with any of those characters or
with an apostrophe itself: the spreadsheet shows exactly the crawled text, and
``original_text`` (drop that one apostrophe) gives it back to a program. Only the CSV
outputs do this; JSON Lines and JSON-LD keep the text raw.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"
NOTE = ("text beginning with =, +, -, @, a tab, a carriage return or an apostrophe has one "
        "apostrophe put before it (spreadsheet formula guard; drop it to get the text as crawled)")


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet-safe CSV cell."""
    if text.startswith(FORMULA_START) or text.startswith(TEXT_MARK):
        return TEXT_MARK + text
    return text


def original_text(cell: str) -> str:
    """The text ``safe_cell`` was given."""
    return cell[1:] if cell.startswith(TEXT_MARK) else cell
