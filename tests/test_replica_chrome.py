"""``build_site(…, chrome="full")``: every HTML page carries a real DSFR page's weight
(50–120 KB), the truth is the plain build's, and a crawl reads the same events from it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import replica
from replica.chrome import dress

EVENTS = 12


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    root = tmp_path_factory.mktemp("chrome")
    return {chrome: replica.build_site(root / chrome, seed=3, events_per_edition=EVENTS, day=30, chrome=chrome)
            for chrome in ("plain", "full")}


def test_same_truth_heavier_pages(builds):
    plain, full = builds["plain"], builds["full"]
    for truth in sorted((plain / "_truth").iterdir()):
        assert truth.read_bytes() == (full / "_truth" / truth.name).read_bytes(), truth.name
    sizes = {p.relative_to(full): p.stat().st_size for p in full.rglob("*.html")}
    assert sizes and all(50_000 <= size <= 120_000 for size in sizes.values()), max(sizes.values())
    plain_sizes = [p.stat().st_size for p in plain.rglob("*.html")]
    assert max(plain_sizes) < 50_000


@pytest.mark.parametrize("page", [
    '<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body><header class="fr-header">h</header>'
    '<main id="contenu"><h1>Atelier</h1></main><footer class="fr-footer" role="contentinfo">f</footer></body></html>',
    '<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body class="html"><div id="page">'
    '<div id="content" class="column"><h1>Atelier</h1></div></div></body></html>',
])
def test_the_chrome_stays_out_of_the_content(page):
    dressed = dress(page, "full")
    assert len(dressed) > 50_000
    main_or_content = page[page.index("<main") if "<main" in page else page.index('<div id="content"'):
                           page.index("</main>") if "<main" in page else page.index("</div></div></body>")]
    assert main_or_content in dressed
    assert dress(page, "plain") == page
    with pytest.raises(ValueError):
        dress(page, "heavy")


def _export(base_url: str, tmp_path, name: str) -> tuple[list[dict], set[frozenset]]:
    db = f"sqlite:///{tmp_path / name}.sqlite"
    crawl = [sys.executable, "-m", "mipcrawl.cli", "crawl", "--base-url", base_url, "--db", db,
             "--data-dir", str(tmp_path / name), "--no-progress"]
    done = subprocess.run(crawl, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    out = subprocess.run([sys.executable, "-m", "mipcrawl.cli", "export", "--format", "jsonl", "--db", db],
                         capture_output=True, text=True, timeout=600, check=True).stdout
    records, pairs = [], set()
    for line in out.splitlines():
        record = json.loads(line.replace(base_url, "BASE"))
        if record["duplicate_of"]:   # which of two look-alikes points at the other follows the crawl order
            pairs.add(frozenset((record["url"], record["duplicate_of"])))
        for key in ("first_seen", "last_seen", "last_changed", "capture_id", "duplicate_of", "duplicate_score"):
            record.pop(key)
        records.append(record)
    return sorted(records, key=lambda r: r["url"]), pairs


@pytest.mark.e2e
def test_a_crawl_reads_the_same_events_through_the_chrome(builds, tmp_path):
    exports = {}
    for chrome, site in builds.items():
        with replica.serve(site) as base_url:
            exports[chrome] = _export(base_url, tmp_path, chrome)
    assert exports["full"] == exports["plain"] and len(exports["plain"][0]) > 5 * EVENTS
