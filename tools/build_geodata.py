"""Build ``parsers/data/geo.json.gz`` from the official geography published on npm.

Sources (MIT, pinned below with their npm integrity hashes):

- ``@etalab/decoupage-administratif``: régions, départements, communes (current ones,
  communes déléguées/associées, arrondissements municipaux), INSEE codes, populations;
- ``codes-postaux``: La Poste postcodes <-> INSEE codes;
- the EPCI (and the Grand Paris EPT) of ``@etalab/decoupage-administratif``, with their members;
- ``tools/data/gentiles.tsv``: the hand-written adjectives of place (see its header), expanded
  and checked against the official tables by ``tools/gentiles.py``.

Usage::

    python -m tools.build_geodata --fetch          # npm pack the tarballs into the cache, build
    python -m tools.build_geodata                  # build from tarballs already in the cache
    python -m tools.build_geodata --check          # rebuild in memory, compare with the committed table

The cache is ``$MIPCRAWL_GEO_CACHE`` or ``~/.cache/mipcrawl/npm``. The runtime reads only the
committed table; npm is needed only here.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from tools import gentiles

DATA_DIR = Path(__file__).resolve().parent.parent / "parsers" / "data"
TABLE_PATH = DATA_DIR / "geo.json.gz"
FORMAT_VERSION = 3  # 3: régions and départements carry Etalab's typeLiaison
# The 101 départements of the 18 régions (metropolitan France and the five DROM) ...
ZONES = ("metro", "drom")
# ... and the overseas collectivités (975, 977, 978, 984, 986-989), each its own code.
OVERSEAS = "com"
# the EPCI types as Etalab writes them (Métropole de Lyon: MET69; Grand Paris EPT: EPT)
EPCI_TYPES = ("METRO", "MET69", "CU", "CA", "CC", "EPT")


@dataclass(frozen=True)
class Source:
    name: str
    version: str
    integrity: str

    @property
    def tarball_name(self) -> str:
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


DECOUPAGE = Source(
    "@etalab/decoupage-administratif",
    "6.0.0",
    "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ==",
)
CODES_POSTAUX = Source(
    "codes-postaux",
    "4.1.2",
    "sha512-naSV2sect0t5YmX9GhQgvBD/eLGtdhbhMSEu2eYx7Gwd2zpzH2qY2CQI2r41zb5/97YOuIwLVbuHxA1TCDuIZA==",
)
SOURCES = (DECOUPAGE, CODES_POSTAUX)


class BuildError(Exception):
    """A tarball is missing, corrupt or not the pinned one."""


def cache_dir() -> Path:
    env = os.environ.get("MIPCRAWL_GEO_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "mipcrawl" / "npm"


def tarball_paths(directory: Path) -> dict[str, Path] | None:
    """The pinned tarballs in ``directory``, or None if any is missing."""
    paths = {s.name: directory / s.tarball_name for s in SOURCES}
    return paths if all(p.is_file() for p in paths.values()) else None


def fetch(directory: Path) -> dict[str, Path]:
    """Download the pinned tarballs with ``npm pack`` (the registry's ordinary client)."""
    directory.mkdir(parents=True, exist_ok=True)
    for s in SOURCES:
        if not (directory / s.tarball_name).is_file():
            subprocess.run(
                ["npm", "pack", "--silent", f"{s.name}@{s.version}"],
                cwd=directory,
                check=True,
                stdout=subprocess.DEVNULL,
            )
    paths = tarball_paths(directory)
    if paths is None:
        raise BuildError(f"npm pack did not leave the tarballs in {directory}")
    return paths


def _verify(source: Source, blob: bytes) -> None:
    algo, _, expected = source.integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algo, blob).digest()).decode()
    if actual != expected:
        raise BuildError(f"{source.tarball_name}: integrity mismatch (not the pinned release)")


def _read_json(tarball: Path, source: Source, members: tuple[str, ...]) -> dict[str, object]:
    """The JSON files ``members`` of a verified tarball, read in one streaming pass."""
    blob = tarball.read_bytes()
    _verify(source, blob)
    wanted = {f"package/{m}": m for m in members}
    found: dict[str, object] = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r|gz") as tar:
        for info in tar:
            if info.name in wanted and (f := tar.extractfile(info)) is not None:
                found[wanted[info.name]] = json.load(f)
                if len(found) == len(wanted):
                    return found
    raise BuildError(f"{tarball.name}: {sorted(set(members) - found.keys())} missing")


def _current_code(entry: dict, by_code: dict[str, dict]) -> str | None:
    """The current commune a code belongs to (itself, its parent commune or its chef-lieu)."""
    kind = entry["type"]
    if kind == "commune-actuelle":
        return entry["code"]
    if kind == "arrondissement-municipal":
        return entry["commune"]
    parent = entry.get("chefLieu")
    return parent if parent in by_code else None


def _postcode_extras(rows: list[dict], by_code: dict[str, dict]) -> dict[str, set[str]]:
    """Postcodes La Poste gives a current commune that the Etalab list does not."""
    extras: dict[str, set[str]] = {}
    for row in rows:
        entry = by_code.get(row["codeCommune"])
        code = _current_code(entry, by_code) if entry else None
        if code is None or by_code[code]["zone"] not in (*ZONES, OVERSEAS):
            continue
        if row["codePostal"] not in by_code[code].get("codesPostaux", ()):
            extras.setdefault(code, set()).add(row["codePostal"])
    return extras


def _commune_rows(entries: list[dict], paths: dict[str, Path]) -> dict[str, list]:
    """Current communes (with La Poste's extra postcodes), arrondissements, former communes."""
    by_code = {c["code"]: c for c in entries if c["type"] == "commune-actuelle"}
    everything = {c["code"]: c for c in entries} | by_code
    rows = _read_json(paths[CODES_POSTAUX.name], CODES_POSTAUX, ("codes-postaux.json",))
    rows = rows["codes-postaux.json"]
    extras = _postcode_extras(rows, everything)
    return {
        "communes": sorted(
            [c["code"], c["nom"], c["departement"], c["region"], c.get("codesPostaux", []),
             sorted(extras.get(c["code"], ())), c.get("population")]
            for c in by_code.values()
        ),
        "arrondissements_municipaux": sorted(
            [c["code"], c["nom"], c["commune"], c.get("codesPostaux", []), c.get("population")]
            for c in entries if c["type"] == "arrondissement-municipal"
        ),
        "communes_deleguees_associees": sorted(
            [c["code"], c["nom"], c["type"].removeprefix("commune-"), c["chefLieu"]]
            for c in entries
            if c["type"] in ("commune-deleguee", "commune-associee") and c.get("chefLieu") in by_code
        ),
    }


def _epci_rows(groups: list[list[dict]], communes: set[str]) -> list[list]:
    """[SIREN, name, type, member commune codes] of every EPCI and EPT, by SIREN."""
    rows = []
    for entry in (e for group in groups for e in group):
        if entry["type"] not in EPCI_TYPES:
            raise BuildError(f"EPCI {entry['code']}: unknown type {entry['type']!r}")
        members = sorted(m["code"] for m in entry["membres"] if m["code"] in communes)
        if members:
            rows.append([entry["code"], entry["nom"], entry["type"], members])
    return sorted(rows)


def build_table(paths: dict[str, Path]) -> dict:
    """The compact table as a JSON-able dict (deterministic order)."""
    files = _read_json(paths[DECOUPAGE.name], DECOUPAGE, tuple(
        f"data/{m}.json" for m in ("regions", "departements", "communes", "epci", "ept")))

    def data(member: str, zones: tuple[str, ...] = ZONES) -> list[dict]:
        return sorted((x for x in files[f"data/{member}.json"] if x["zone"] in zones),
                      key=lambda x: x["code"])

    regions, departements = data("regions"), data("departements")
    overseas = data("departements", (OVERSEAS,))
    table = {
        "format": FORMAT_VERSION,
        "sources": [{"name": s.name, "version": s.version, "integrity": s.integrity} for s in SOURCES],
        # typeLiaison (INSEE's TNCC): how "de" joins the name — du Morbihan, de la Gironde, de l'Ain
        "regions": [[r["code"], r["nom"], r["typeLiaison"]] for r in regions],
        "departements": [[d["code"], d["nom"], d["region"], d["typeLiaison"]] for d in departements],
        "overseas": [[d["code"], d["nom"], d["typeLiaison"]] for d in overseas],
        **_commune_rows(data("communes", (*ZONES, OVERSEAS)), paths),
        # préfecture (chef-lieu) of each région and département: "préfecture de région Grand Est"
        "chefs_lieux": {
            "regions": {r["code"]: r["chefLieu"] for r in regions},
            "departements": {d["code"]: d["chefLieu"] for d in departements + overseas},
        },
    }
    communes = {c[0] for c in table["communes"]}
    table["epci"] = _epci_rows([files["data/epci.json"], files["data/ept.json"]], communes)
    table["gentiles"] = gentiles.build_rows(table, gentiles.SOURCE.read_text("utf-8"))
    return table


def encode(table: dict) -> bytes:
    """Deterministic gzip (mtime 0, compact JSON) so a rebuild gives the same bytes."""
    raw = json.dumps(table, ensure_ascii=False, separators=(",", ":")).encode()
    return gzip.compress(raw, compresslevel=9, mtime=0)


def decode(blob: bytes) -> dict:
    return json.loads(gzip.decompress(blob))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=None, help="tarball directory")
    parser.add_argument("--fetch", action="store_true", help="npm pack missing tarballs")
    parser.add_argument("--check", action="store_true", help="compare with the committed table")
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    args = parser.parse_args(argv)
    directory = args.cache or cache_dir()
    paths = fetch(directory) if args.fetch else tarball_paths(directory)
    if paths is None:
        print(f"tarballs missing in {directory}; run with --fetch", file=sys.stderr)
        return 2
    table = build_table(paths)
    if args.check:
        same = decode(args.out.read_bytes()) == table
        print("up to date" if same else f"{args.out} differs from a fresh build")
        return 0 if same else 1
    args.out.write_bytes(encode(table))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
