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
