"""The golden-file switch: it rewrites files on a developer's machine, never in CI."""

from __future__ import annotations

import pytest
from golden import GoldenUpdateRefused, updating


@pytest.mark.parametrize(("env", "expected"), [
    ({}, False),
    ({"CI": "true"}, False),
    ({"MIPCRAWL_UPDATE_GOLDEN": "1"}, True),
    ({"MIPCRAWL_UPDATE_GOLDEN": ""}, False),
])
def test_the_switch_outside_ci(env, expected):
    assert updating(env) is expected


@pytest.mark.parametrize("ci", ["true", "1", "yes"])
def test_the_switch_is_refused_in_ci(ci):
    with pytest.raises(GoldenUpdateRefused, match="refused in CI"):
        updating({"MIPCRAWL_UPDATE_GOLDEN": "1", "CI": ci})
