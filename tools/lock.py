"""The locked install: ``requirements.lock`` pins every package, with hashes, from the ranges
in ``pyproject.toml``.

    python -m tools.lock [--upgrade]   # make lock: (re)write the lock with uv
    python -m tools.lock --check       # make lint / CI: does the lock still match pyproject?
    python -m tools.lock --prune       # make setup: uninstall what the lock does not list

Writing: ``uv pip compile`` resolves the runtime dependencies, every extra and the build
backend (the editable install is made without build isolation, from the locked
setuptools) for CPython 3.11 on Linux, with the hashes of every file of every pinned
version. uv keeps the pins already in the lock and only adds or moves what pyproject now
asks for (``--upgrade``: take the newest versions the ranges allow). The lock records a
digest of the dependency declarations it was made from.

Checking, offline: the digest must be that of today's ``pyproject.toml`` (a dependency added,
removed or re-ranged without ``make lock`` fails), and every declared requirement must be
satisfied by a pin with hashes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
DIGEST_PREFIX = "# pyproject.toml dependencies sha256: "
TARGET = ["--python-version", "3.11", "--python-platform", "linux"]
FIX = "run `make lock` (see HELPERS.md, 'Adding a dependency')"


class LockError(Exception):
    """The lock cannot be used as it is: one line saying why and what to run."""


def declared(pyproject: Path = PYPROJECT) -> dict[str, list[str]]:
    """What the lock is made from: the runtime requirements, each extra, the build backend."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = data["project"]
    out = {"dependencies": list(project.get("dependencies", [])),
           "build-system": list(data.get("build-system", {}).get("requires", [])),
           "requires-python": [project.get("requires-python", "")]}
    for extra, reqs in sorted(project.get("optional-dependencies", {}).items()):
        out[f"extra:{extra}"] = list(reqs)
    return out


def digest(decl: dict[str, list[str]]) -> str:
    """A digest of the declarations, blind to order and spacing (``A >= 1`` = ``a>=1``)."""
    norm = {k: sorted(_normal(r) if k != "requires-python" else r.replace(" ", "") for r in v)
            for k, v in decl.items()}
    return hashlib.sha256(json.dumps(norm, sort_keys=True).encode()).hexdigest()


def _normal(text: str) -> str:
    req = Requirement(text)
    req.name = canonicalize_name(req.name)
    return str(req)


def read_lock(text: str) -> tuple[dict[str, str], str | None, set[str]]:
    """(pins by canonical name, the recorded digest, names pinned without a hash)."""
    if any(line.startswith(("<<<<<<<", ">>>>>>>")) for line in text.splitlines()):
        raise LockError("requirements.lock has merge conflict markers: "
                        "`git checkout main -- requirements.lock`, then `make lock`")
    pins: dict[str, str] = {}
    unhashed: set[str] = set()
    recorded = None
    for entry in text.replace("\\\n", " ").splitlines():
        line = entry.strip()
        if line.startswith(DIGEST_PREFIX):
            recorded = line[len(DIGEST_PREFIX):].strip()
        if not line or line.startswith("#"):
            continue
        spec = line.split()[0]
        name, sep, version = spec.partition("==")
        if not sep:
            raise LockError(f"requirements.lock: not a pin: {spec!r}; {FIX}")
        pins[canonicalize_name(name.split("[")[0])] = version
        if "--hash=" not in line:
            unhashed.add(name)
    return pins, recorded, unhashed


def problems(lock_text: str, decl: dict[str, list[str]]) -> list[str]:
    """Why the lock does not match the declarations (empty: it does)."""
    pins, recorded, unhashed = read_lock(lock_text)
    out = []
    if recorded != digest(decl):
        out.append("requirements.lock was made from other pyproject.toml dependencies")
    for key, reqs in decl.items():
        for text in reqs if key != "requires-python" else []:
            req = Requirement(text)
            pinned = pins.get(canonicalize_name(req.name))
            if pinned is None:
                out.append(f"{req} ({key}) is not in requirements.lock")
            elif not req.specifier.contains(pinned, prereleases=True):
                out.append(f"{req} ({key}) is not met by the locked {req.name}=={pinned}")
    out += [f"{name} is pinned without a hash" for name in sorted(unhashed)]
    return out


def write(upgrade: bool = False) -> None:
    """Resolve with uv into requirements.lock (keeping its pins), then record the digest."""
    if LOCK.exists():
        read_lock(LOCK.read_text(encoding="utf-8"))   # refuses a conflicted file, before uv reads it
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv is None:
        raise LockError("uv not found: `make setup` installs it (dev extra)")
    decl = declared()
    cmd = [uv, "pip", "compile", "pyproject.toml", "-", "--all-extras", "--generate-hashes",
           "--custom-compile-command", "make lock", "--quiet", *TARGET, "-o", LOCK.name]
    build = "".join(f"{r}\n" for r in decl["build-system"])
    done = subprocess.run([*cmd, *(["--upgrade"] if upgrade else [])], cwd=ROOT, input=build, text=True)
    if done.returncode != 0:
        raise LockError(f"uv pip compile failed (exit {done.returncode})")
    lines = LOCK.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith(DIGEST_PREFIX)]
    at = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    lines.insert(at, f"{DIGEST_PREFIX}{digest(decl)}\n")
    LOCK.write_text("".join(lines), encoding="utf-8")


def extraneous(installed: dict[str, str], pins: dict[str, str], own: str = "mipcrawl") -> list[str]:
    """Installed distributions the lock does not list (the project itself aside)."""
    return sorted(name for name in installed if name not in pins and name != own)


def installed_distributions() -> dict[str, str]:
    from importlib.metadata import distributions

    return {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}


def prune() -> None:
    pins, _, _ = read_lock(LOCK.read_text(encoding="utf-8"))
    extra = extraneous(installed_distributions(), pins)
    if extra:
        print(f"lock: removing what requirements.lock does not list: {' '.join(extra)}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "uninstall", "--yes", "--quiet", *extra], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.lock", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="compare the lock with pyproject.toml (offline)")
    mode.add_argument("--prune", action="store_true", help="uninstall packages the lock does not list")
    mode.add_argument("--upgrade", action="store_true", help="take the newest versions the ranges allow")
    args = parser.parse_args(argv)
    try:
        if args.check:
            found = problems(LOCK.read_text(encoding="utf-8"), declared())
            for line in found:
                print(f"lock: {line}", file=sys.stderr)
            if found:
                print(f"lock: {FIX}", file=sys.stderr)
            return 1 if found else 0
        if args.prune:
            prune()
        else:
            write(upgrade=args.upgrade)
    except (LockError, FileNotFoundError) as exc:
        print(f"lock: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
