"""``serve_archive``: the archive of a built site on loopback, in a background thread."""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

from replica.build import SITE_JSON, build_site
from replica.server import running
from replica.wayback.build import DEFAULT_ORIGINAL, archive_ready, build_archive, load_index
from replica.wayback.server import ArchiveConfig, ArchiveServer


@contextlib.contextmanager
def serve_archive(site_dir=None, *, original: str = DEFAULT_ORIGINAL, rate_limit: float = 0,
                  retry_after: int = 1, cdx_garbage: bool = False, port: int = 0) -> Iterator[str]:
    """Serve the archive of a built site (built first when the site has none); yields its base
    URL, the ``--archive-url`` of a crawl. ``original`` is the site the captures are of: the
    real site by default, or a live replica's base URL so that both serve the same URLs."""
    config = ArchiveConfig(rate_limit, retry_after, cdx_garbage)
    with contextlib.ExitStack() as stack:
        if site_dir is None:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="mipcrawl-archive-"))
            site_dir = build_site(Path(tmp) / "site")
        site_dir = Path(site_dir)
        if not archive_ready(site_dir):
            build_archive(site_dir)
        seed = json.loads((site_dir / SITE_JSON).read_text())["seed"]
        server = ArchiveServer(site_dir, load_index(site_dir), seed=seed, original=original,
                               config=config, port=port)
        with running(server, "archive-server"):
            yield server.base_url
