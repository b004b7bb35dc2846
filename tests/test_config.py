from __future__ import annotations

import pytest

from mipcrawl import config
from storage.urls import redact_url


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("sqlite:///x.db", {"MIPCRAWL_DATABASE_URL": "postgresql://a@b/c"}, "sqlite:///x.db"),
        (None, {"MIPCRAWL_DATABASE_URL": "postgresql://a@b/c"}, "postgresql://a@b/c"),
        (None, {}, "sqlite:///data/mipcrawl.sqlite"),
        (None, {"MIPCRAWL_DATA_DIR": "/tmp/d"}, "sqlite:////tmp/d/mipcrawl.sqlite"),
    ],
)
def test_database_url_precedence(explicit, env, expected):
    assert config.database_url(explicit, env=env) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql+psycopg://bob:s3cr3t@db.example:5432/mip", "postgresql+psycopg://bob:***@db.example:5432/mip"),
        ("postgresql+psycopg://postgres@127.0.0.1:5432/test", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        ("sqlite:///data/mipcrawl.sqlite", "sqlite:///data/mipcrawl.sqlite"),
        ("crawl --db postgresql://u:p%40ss@h/d -s X=1", "crawl --db postgresql://u:***@h/d -s X=1"),
        ("a postgresql://u:x@h/d and mysql://v:y@k/e", "a postgresql://u:***@h/d and mysql://v:***@k/e"),
        ("https://user@host/path?q=a:b@c", "https://user@host/path?q=a:b@c"),
    ],
)
def test_redact_url_hides_passwords(url, expected):
    assert redact_url(url) == expected


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:1234/x", True),
        ("http://[::1]:80/", True),
        ("https://www.modernisation.gouv.fr", False),
        ("http://10.0.0.1", False),
        ("not a url", False),
    ],
)
def test_is_loopback(url, loopback):
    assert config.is_loopback(url) is loopback


def test_base_url_strips_trailing_slash_and_defaults_to_real_site():
    assert config.base_url("http://127.0.0.1:9/", env={}) == "http://127.0.0.1:9"
    assert config.base_url(None, env={}) == config.REAL_BASE_URL
