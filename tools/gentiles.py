"""Expand the hand-written gentilé list (``tools/data/gentiles.tsv``) into the rows of the
geography table: every written form (masculine/feminine, singular/plural) -> the place.

Pure: it reads the list and the official régions, départements and communes the build has
just assembled, and raises ``ValueError`` on a place that the official tables do not know,
an ambiguous name, or a form given to two places.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "data" / "gentiles.tsv"
KINDS = ("region", "departement", "commune")


def feminine(masculine: str) -> str:
    """The regular feminine singular of an adjective of place."""
    if masculine.endswith(("ien", "éen", "on")):
        return masculine + "ne"
    if masculine.endswith("eau"):
        return masculine[:-2] + "lle"
    if masculine.endswith("e"):
        return masculine
    return masculine + "e"


def plural(singular: str, *, masculine: bool) -> str:
    """The regular plural (``masculine`` picks -al -> -aux and -eau -> -eaux)."""
    if singular.endswith(("s", "x")):
        return singular
    if masculine and singular.endswith("eau"):
        return singular + "x"
    if masculine and singular.endswith("al"):
        return singular[:-2] + "aux"
    return singular + "s"


def forms(masculine: str, options: dict[str, str]) -> list[str]:
    fem = options.get("fem", feminine(masculine))
    return sorted({masculine, fem, options.get("plural", plural(masculine, masculine=True)),
                   plural(fem, masculine=False)})


def _resolver(table: dict) -> dict[str, dict[str, list[str]]]:
    """Names -> codes per kind; a commune's name also as "Name (dep)"."""
    names: dict[str, dict[str, list[str]]] = {k: {} for k in KINDS}
    for code, name in [(r[0], r[1]) for r in table["regions"]]:
        names["region"].setdefault(name, []).append(code)
    for row in table["departements"] + table["overseas"]:
        names["departement"].setdefault(row[1], []).append(row[0])
    for row in table["communes"]:
        names["commune"].setdefault(row[1], []).append(row[0])
        names["commune"].setdefault(f"{row[1]} ({row[2]})", []).append(row[0])
    return names


def _code(names: dict[str, dict[str, list[str]]], kind: str, name: str) -> str:
    codes = names.get(kind, {}).get(name, [])
    if len(codes) != 1:
        raise ValueError(f"gentilés: {kind} {name!r} names {len(codes)} places in the official tables")
    return codes[0]


def parse_line(line: str) -> tuple[str, str, str, dict[str, str]]:
    kind, name, masculine, *rest = line.split("\t")
    options = dict(item.split("=", 1) for item in rest)
    if kind not in KINDS or not masculine or set(options) - {"fem", "plural", "capitale"}:
        raise ValueError(f"gentilés: bad line {line!r}")
    return kind, name, masculine, options


def build_rows(table: dict, text: str) -> list[list[str | None]]:
    """[form, kind, code, capitale commune code or None], sorted by form."""
    names = _resolver(table)
    rows: dict[str, list[str | None]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, name, masculine, options = parse_line(line)
        code = _code(names, kind, name)
        capitale = _code(names, "commune", options["capitale"]) if "capitale" in options else None
        for form in forms(masculine, options):
            row = [form, kind, code, capitale]
            if rows.setdefault(form, row) != row:
                raise ValueError(f"gentilés: {form!r} is given to two places")
    return [rows[f] for f in sorted(rows)]
