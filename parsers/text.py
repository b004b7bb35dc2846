"""Description HTML → clean text: paragraphs and list items kept, links kept as URLs.

Pure and tolerant: broken fragments, stray closing tags or plain text never raise.
BeautifulSoup (with the lxml parser) is used here only; the spiders use selectors.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from bs4.element import Comment, Doctype, NavigableString, ProcessingInstruction, Tag

_DROP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "form"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "main", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "pre", "figure", "figcaption", "address", "hr",
})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u202f]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPLIT_LIST = re.compile(r"(?m)^(- .*)\n\n+(?=- )")   # blank lines inside a list


def html_to_text(html: str | None) -> str:
    """Clean text of an HTML fragment.

    Blocks become paragraphs separated by a blank line, ``<li>`` become ``- item`` lines,
    ``<br>`` a line break, and a link whose text differs from its URL is written
    ``text (URL)``. Returns ``""`` for empty or text-less input.
    """
    if html is None:
        return ""
    if not isinstance(html, str):
        raise TypeError(f"html_to_text expects str, got {type(html).__name__}")
    if not html.strip():
        return ""
    soup = BeautifulSoup(html, "lxml")
    parts: list[str] = []
    try:
        _walk(soup, parts)
    finally:
        soup.decompose()   # a soup is a web of parent/child cycles: left to the cyclic GC, it
        # made a crawl spend ~0.4 ms a page collecting (bench/bench_crawl.py)
    return _tidy("".join(parts))


class _Out(str):
    """Text to emit when the walk comes back out of an element."""


def _walk(root: Tag, parts: list[str]) -> None:
    """Depth-first, with an explicit stack: deeply nested junk cannot hit the recursion limit."""
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if type(node) is _Out:
            parts.append(node)
        elif isinstance(node, Comment | Doctype | ProcessingInstruction):
            continue
        elif isinstance(node, NavigableString):
            text = str(node)
            parts.append(text.replace("\n", " ") if text.strip() else " ")
        elif isinstance(node, Tag) and node.name not in _DROP:
            before, after, descend = _frame(node)
            parts.append(before)
            if descend:
                stack.append(_Out(after))
                stack.extend(reversed(list(node.children)))
            else:
                parts.append(after)


def _frame(tag: Tag) -> tuple[str, str, bool]:
    """What to write before and after an element, and whether to walk into it."""
    name = tag.name
    if name == "br":
        return "\n", "", False
    if name == "li":
        return "\n- ", "\n", True
    if name == "a":
        return _link(tag), "", False
    if name in ("td", "th"):
        return "", " ", True
    if name in _BLOCKS:
        return "\n\n", "\n\n", True
    return "", "", True


def _link(tag: Tag) -> str:
    text = _SPACES.sub(" ", tag.get_text(" ")).strip()
    href = str(tag.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return text
    href = href.removeprefix("mailto:")
    if not text or text.rstrip("/") == href.rstrip("/"):
        return href
    return f"{text} ({href})"


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    merged: list[str] = []
    for line in lines:
        if merged and merged[-1] == "-":
            if line:
                merged[-1] = f"- {line}"    # a list item whose content starts with a block
        else:
            merged.append(line)
    out = _BLANK_LINES.sub("\n\n", "\n".join(merged)).strip()
    return _SPLIT_LIST.sub(r"\1\n", out)
