"""First-party packages must come from this repository, never from something installed elsewhere."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]


@pytest.mark.parametrize("name", PACKAGES)
def test_first_party_package_is_imported_from_this_repository(name: str) -> None:
    module = importlib.import_module(name)
    origin = Path(module.__file__).resolve()
    assert origin.is_relative_to(ROOT), f"{name} imported from {origin}, not from {ROOT}"


def test_every_package_directory_is_listed() -> None:
    """A new sub-package that is not in pyproject's explicit list would be missing from installs."""
    top = {p.split(".")[0] for p in PACKAGES}
    found = {
        str(init.parent.relative_to(ROOT)).replace("/", ".")
        for t in top
        for init in (ROOT / t).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= set(PACKAGES), f"unlisted packages: {sorted(found - set(PACKAGES))}"


# -- the locked install (tools/lock.py, requirements.lock) ----------------------------------

def _freeze() -> dict[str, str]:
    """``pip freeze`` of the interpreter running the tests (the .venv), by canonical name."""
    import subprocess
    import sys

    from packaging.utils import canonicalize_name

    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                         capture_output=True, text=True, check=True).stdout
    pins = {}
    for line in out.splitlines():
        name, sep, version = line.partition("==")
        if sep:
            pins[canonicalize_name(name)] = version
    return pins


def test_the_environment_is_exactly_the_lock() -> None:
    """A fresh clone's `make setup` installs the locked versions and nothing else."""
    from tools import lock

    pins, _, _ = lock.read_lock(lock.LOCK.read_text(encoding="utf-8"))
    installed = _freeze()
    differ = {n: (installed.get(n), pins.get(n)) for n in set(pins) | set(installed)
              if installed.get(n) != pins.get(n)}
    assert not differ, f"installed vs locked (run `make setup`): {differ}"


def test_the_lock_matches_pyproject() -> None:
    from tools import lock

    assert lock.problems(lock.LOCK.read_text(encoding="utf-8"), lock.declared()) == []


DECLARED = {"dependencies": ["scrapy>=2.14", "lxml>=5"], "build-system": ["setuptools>=77"],
            "requires-python": [">=3.11"], "extra:dev": ["pytest>=8"]}


def _lock_text(decl: dict, pins: dict[str, str]) -> str:
    from tools import lock

    body = "".join(f"{n}=={v} \\\n    --hash=sha256:{'0' * 64}\n" for n, v in pins.items())
    return f"# header\n{lock.DIGEST_PREFIX}{lock.digest(decl)}\n{body}"


PINS = {"scrapy": "2.19.0", "lxml": "6.2.0", "setuptools": "80.10.2", "pytest": "9.2.0"}


@pytest.mark.parametrize(("declared", "pins", "expected"), [
    (DECLARED, PINS, []),
    # a dependency added to pyproject without `make lock`
    ({**DECLARED, "dependencies": [*DECLARED["dependencies"], "wacz>=0.5"]}, PINS,
     ["made from other", "wacz>=0.5 (dependencies) is not in"]),
    # a range raised past the pin
    ({**DECLARED, "extra:dev": ["pytest>=10"]}, PINS, ["made from other", "pytest>=10 (extra:dev) is not met"]),
    # the same declarations respelled: same digest
    ({**DECLARED, "dependencies": ["LXML >= 5", "Scrapy>=2.14"]}, PINS, []),
])
def test_lock_check(declared: dict, pins: dict[str, str], expected: list[str]) -> None:
    from tools import lock

    found = lock.problems(_lock_text(DECLARED, pins), declared)
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert start in line


def test_lock_check_refuses_a_conflicted_lock_and_an_unhashed_pin() -> None:
    from tools import lock

    text = _lock_text(DECLARED, PINS)
    with pytest.raises(lock.LockError, match="conflict markers"):
        lock.read_lock(text.replace("lxml==", "<<<<<<< HEAD\nlxml==", 1))
    assert lock.problems(text + "pytest==9.2.0\n", DECLARED) == ["pytest is pinned without a hash"]


def test_prune_keeps_the_project_and_the_locked_packages() -> None:
    from tools import lock

    installed = {"mipcrawl": "0.1.0", "scrapy": "2.19.0", "left-over": "1.0"}
    assert lock.extraneous(installed, {"scrapy": "2.19.0"}) == ["left-over"]
