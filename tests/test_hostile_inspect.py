"""Defect 6 of issue 18: ``inspect --timeout`` is a deadline for the whole fetch, not for
each read: a server trickling one byte a second cannot keep it busy."""

from __future__ import annotations

import time

import pytest
from cli_run import mipcrawl
from hostile.server import HostileSite, serve


@pytest.mark.parametrize("timeout", ["1", "2.5"])
def test_inspect_gives_up_at_its_deadline_on_a_trickling_server(timeout):
    site = HostileSite()
    path = site.trickle("/mois-de-linnovation-publique/lent", seconds=30)
    with serve(site) as base_url:
        started = time.monotonic()
        done = mipcrawl("inspect", base_url + path, "--timeout", timeout, timeout=60)
        elapsed = time.monotonic() - started
    assert elapsed < float(timeout) + 5       # the interpreter's start included; the trickle lasts 30 s
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and f"within {timeout} s" in done.stderr


def test_inspect_reads_a_page_in_time():
    site = HostileSite()
    path = site.event("rapide", title="Atelier rapide")
    with serve(site) as base_url:
        done = mipcrawl("inspect", base_url + path, "--timeout", "5", timeout=60)
    assert done.returncode == 0 and '"title": "Atelier rapide"' in done.stdout
