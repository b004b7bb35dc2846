"""Drupal-style URL aliases: the title lowercased, accents and apostrophes dropped,
everything else non-alphanumeric turned into ``-``, cut at a word boundary so the whole
path stays within 100 characters; an alias already taken gets ``-0``, ``-1`` …"""

from __future__ import annotations

import re
import unicodedata

MAX_PATH = 100
_APOSTROPHES = re.compile(r"['’`ʼ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def slugify(title: str) -> str:
    """The full (uncut) slug of a title: ``"L'innovation à Lyon"`` → ``"linnovation-a-lyon"``."""
    text = _APOSTROPHES.sub("", title.translate(_LIGATURES))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("-", text).strip("-") or "evenement"


def cut(slug: str, max_len: int) -> str:
    """``slug`` cut at the last word boundary that keeps it within ``max_len`` characters."""
    if max_len < 1:
        raise ValueError(f"no room for a slug (max_len={max_len})")
    if len(slug) <= max_len:
        return slug
    head = slug[: max_len + 1]
    boundary = head.rfind("-")
    return slug[:boundary] if boundary > 0 else slug[:max_len]


class SlugAllocator:
    """Hands out unique paths under a prefix, in the order aliases are created."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def allocate(self, prefix: str, title: str) -> str:
        full = slugify(title)
        base = prefix + cut(full, MAX_PATH - len(prefix))
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = 0
        while True:
            suffix = f"-{n}"
            path = prefix + cut(full, MAX_PATH - len(prefix) - len(suffix)) + suffix
            if path not in self.taken:
                self.taken.add(path)
                return path
            n += 1
