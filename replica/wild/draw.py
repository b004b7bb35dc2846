"""Drawing a page's layout: a seeded generator that records every choice it makes, and the
class-name families a page's markup is decorated with.

A page draws from ``random.Random(f"wild:{wild_seed}:{page key}")`` only, so any page can
be rendered on its own, on any day, and the same parameters give the same bytes.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from replica.html_common import attr


class Draw:
    """A seeded random source that keeps the name and value of each choice it made."""

    def __init__(self, key: str) -> None:
        self.rng = random.Random(key)
        self.choices: dict[str, object] = {}

    def pick(self, name: str, options: Sequence, weights: Sequence[float] | None = None):
        value = self.rng.choices(list(options), weights=weights)[0]
        self.choices[name] = value
        return value

    def chance(self, name: str, p: float) -> bool:
        value = self.rng.random() < p
        self.choices[name] = value
        return value

    def any(self, options: Sequence):
        """An unrecorded pick (wording, numbers): variety that names no layout choice."""
        return self.rng.choice(list(options))

    def token(self, n: int = 6) -> str:
        return "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(n))


FAMILIES = ("dsfr", "drupal7", "drupal10", "bootstrap", "utility", "hashed", "none")

_ROLES: dict[str, dict[str, str]] = {
    "dsfr": {"container": "fr-container", "row": "fr-grid-row fr-grid-row--gutters", "main": "fr-col-12 fr-col-md-8",
             "side": "fr-col-12 fr-col-md-4", "title": "fr-h1", "kicker": "fr-badge fr-badge--info",
             "fields": "fr-mb-4w", "field": "fr-mb-1w", "label": "fr-text--bold", "value": "fr-text--md",
             "description": "fr-text", "badge": "fr-badge fr-badge--sm", "alert": "fr-alert fr-alert--warning",
             "card": "fr-card fr-card--no-arrow", "card_body": "fr-card__body", "tag": "fr-tag",
             "stamp": "fr-text--xs fr-mb-0", "block": "fr-py-4w", "btn": "fr-btn"},
    "drupal7": {"container": "region region-content", "row": "panel-display", "main": "panel-col-first",
                "side": "panel-col-last", "title": "title", "kicker": "field-name-field-edition",
                "fields": "group-infos field-group-div", "field": "field field-label-inline clearfix",
                "label": "field-label", "value": "field-items", "description": "field-name-body",
                "badge": "label label-danger", "alert": "messages warning", "card": "panel-pane",
                "card_body": "pane-content", "tag": "field-item", "stamp": "submitted", "block": "block",
                "btn": "button"},
    "drupal10": {"container": "layout-container", "row": "layout layout--twocol-section", "main": "layout__region--first",
                 "side": "layout__region--second", "title": "page-title", "kicker": "field--name-field-edition",
                 "fields": "field-group field-group--infos", "field": "field field--label-inline", "label": "field__label",
                 "value": "field__item", "description": "text-content clearfix field--name-body",
                 "badge": "badge", "alert": "messages messages--warning", "card": "card", "card_body": "card__content",
                 "tag": "field__item", "stamp": "node__submitted", "block": "block", "btn": "button"},
    "bootstrap": {"container": "container", "row": "row", "main": "col-md-8", "side": "col-md-4",
                  "title": "display-5", "kicker": "badge bg-secondary", "fields": "list-unstyled mb-4",
                  "field": "mb-2", "label": "fw-bold", "value": "text-body", "description": "lead",
                  "badge": "badge bg-danger", "alert": "alert alert-danger", "card": "card", "card_body": "card-body",
                  "tag": "badge bg-light text-dark", "stamp": "text-muted small", "block": "my-4", "btn": "btn btn-primary"},
    "utility": {"container": "mx-auto max-w-5xl px-4", "row": "grid grid-cols-3 gap-6", "main": "col-span-2",
                "side": "col-span-1", "title": "text-3xl font-bold", "kicker": "text-xs uppercase tracking-wide",
                "fields": "space-y-2", "field": "flex items-start gap-2", "label": "font-semibold",
                "value": "text-gray-700", "description": "prose", "badge": "rounded bg-red-100 px-2 text-red-800",
                "alert": "border-l-4 border-red-500 p-4", "card": "rounded-lg border p-4", "card_body": "p-4",
                "tag": "rounded-full bg-gray-100 px-3 text-sm", "stamp": "text-sm text-gray-500", "block": "mt-8",
                "btn": "rounded bg-blue-700 px-4 py-2 text-white"},
}


class Classes:
    """The class attribute a role gets in one page's family (``""`` for none)."""

    def __init__(self, family: str, draw: Draw) -> None:
        self.family = family
        self._hashed: dict[str, str] = {}
        self._draw = draw

    def of(self, role: str) -> str:
        if self.family == "none":
            return ""
        if self.family == "hashed":
            if role not in self._hashed:
                self._hashed[role] = self._draw.any(("css-", "sc-", "_", "jsx-")) + self._draw.token()
            return self._hashed[role]
        return _ROLES[self.family].get(role, "")

    def __call__(self, role: str, extra: str = "") -> str:
        """`` class="…"`` for ``role`` (plus ``extra`` classes), or nothing."""
        value = " ".join(x for x in (self.of(role), extra) if x)
        return f' class="{attr(value)}"' if value else ""
