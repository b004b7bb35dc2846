"""Hostile fixtures of issue 18 (not test modules): a server serving hostile payloads and
behaviours (``server``), small and read-only file systems (``mounts``)."""
