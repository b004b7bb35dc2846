"""Deterministic faults: which path fails, and how, is a function of (seed, path)."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, fields

EXEMPT = ("/robots.txt", "/_replica/")


def _unit(seed: int, kind: str, key: str) -> float:
    digest = hashlib.blake2b(f"{seed}:{kind}:{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


@dataclass
class FaultConfig:
    fail_rate: float = 0.0        # persistent 5xx on this share of paths
    flaky_rate: float = 0.0       # first request answers 503
    truncate_rate: float = 0.0    # first request: body cut short, full Content-Length announced
    reset_rate: float = 0.0       # first request: connection reset
    slow_ms: int = 0              # delay before every answer

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value < 0 or (f.name.endswith("_rate") and value > 1):
                raise ValueError(f"{f.name} must be within 0..1 (slow_ms >= 0), not {value}")
        if self.flaky_rate + self.truncate_rate + self.reset_rate > 1:
            raise ValueError("flaky_rate + truncate_rate + reset_rate must not exceed 1")


class Faults:
    """Decides the fault of each request; transient ones hit only the first request to a path."""

    def __init__(self, seed: int, config: FaultConfig) -> None:
        self.seed = seed
        self.config = config
        self._hit: set[str] = set()
        self._lock = threading.Lock()

    def persistent(self, key: str) -> bool:
        if key.startswith(EXEMPT) or not self.config.fail_rate:
            return False
        return _unit(self.seed, "fail", key) < self.config.fail_rate

    def transient_kind(self, key: str) -> str | None:
        """The transient fault ``key`` is chosen for (whether or not it already happened)."""
        c = self.config
        if key.startswith(EXEMPT):
            return None
        u = _unit(self.seed, "transient", key)
        for kind, rate in (("flaky", c.flaky_rate), ("truncate", c.truncate_rate), ("reset", c.reset_rate)):
            if u < rate:
                return kind
            u -= rate
        return None

    def transient(self, key: str) -> str | None:
        """The transient fault to inflict now: only on the first request to ``key``."""
        kind = self.transient_kind(key)
        if kind is None:
            return None
        with self._lock:
            if key in self._hit:
                return None
            self._hit.add(key)
        return kind

    def reset(self) -> None:
        with self._lock:
            self._hit.clear()
