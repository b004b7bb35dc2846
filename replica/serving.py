"""Python API around the server: ``serve`` (a context manager), ``set_day``, ``set_faults``,
``stats`` and ``reset_stats`` for a running replica."""

from __future__ import annotations

import contextlib
import json
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

from replica.build import SITE_JSON, build_site
from replica.faults import FaultConfig
from replica.routes import Site
from replica.server import make_server, running


def _site_params(site_dir: Path, **wanted_params: int | None) -> None:
    params = json.loads((site_dir / SITE_JSON).read_text())
    for name, wanted in wanted_params.items():
        if wanted is not None and wanted != params.get(name):
            raise ValueError(f"{site_dir} was built with {name}={params[name]}, not {wanted}")


@contextlib.contextmanager
def serve(site_dir=None, *, seed: int | None = None, events_per_edition: int | None = None,
          day: int | None = None, port: int = 0, fail_rate: float = 0, flaky_rate: float = 0,
          slow_ms: int = 0, truncate_rate: float = 0, reset_rate: float = 0, wild: int | None = None,
          wild_from_day: int | None = None) -> Iterator[str]:
    """Serve a replica on loopback in a background thread; yields its base URL.

    With ``site_dir`` the built site is served (its seed, size and layouts; ``day`` defaults
    to its build day). Without it, a site is built into a temporary directory first (seed 0,
    350 events per edition, day 30, plain layouts unless told otherwise).
    """
    config = FaultConfig(fail_rate, flaky_rate, truncate_rate, reset_rate, slow_ms)
    with contextlib.ExitStack() as stack:
        if site_dir is None:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="mipcrawl-replica-"))
            site_dir = build_site(Path(tmp) / "site", seed=seed or 0, events_per_edition=events_per_edition or 350,
                                  day=day or 30, wild=wild, wild_from_day=wild_from_day)
        site_dir = Path(site_dir)
        _site_params(site_dir, seed=seed, events_per_edition=events_per_edition, wild=wild,
                     wild_from_day=wild_from_day)
        server = make_server(Site(site_dir, day), port=port, config=config)
        with running(server, "replica-server"):
            yield server.base_url


def _control(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(base_url.rstrip("/") + path, timeout=60) as response:
        return json.loads(response.read())


def set_day(base_url: str, day: int) -> int:
    """Switch a running replica to ``day`` of November (1–30); returns the day now shown."""
    return _control(base_url, f"/_replica/day/{int(day)}")["day"]


def set_faults(base_url: str, **rates: float) -> dict:
    """Change the fault switches of a running replica (``fail_rate=0.3``, ``slow_ms=50`` …)."""
    return _control(base_url, "/_replica/faults?" + urlencode(rates))


def stats(base_url: str) -> dict:
    return _control(base_url, "/_replica/stats")


def reset_stats(base_url: str) -> None:
    _control(base_url, "/_replica/stats/reset")
