"""Pages the spiders could not read: errback failures and unreadable bodies as ``FetchFailure``."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from mipcrawl.items import FetchFailure


def unreadable_reason(response: Response) -> str | None:
    """Why a 200 response holds no HTML page to read (PDF, JSON, empty body…), else None."""
    if not response.body.strip():
        return "empty body"
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip()
    if _looks_binary(response.body[:2048]):   # labelled HTML (or .html) but binary: nothing to read
        return f"binary body ({content_type or 'no content type'})"
    if isinstance(response, HtmlResponse):
        return None
    if isinstance(response, TextResponse) and not content_type.endswith("json"):
        if response.body.lstrip()[:1] == b"<":
            return None
    return f"non-HTML body ({content_type or type(response).__name__})"


_CONTROL = bytes(range(0x09)) + bytes(range(0x0E, 0x20))


def _looks_binary(head: bytes) -> bool:
    """A NUL, or more than 5 % control bytes: no text encoding of a web page looks like that."""
    if b"\x00" in head:
        return True
    return len(head) > 0 and sum(head.count(c) for c in _CONTROL) > len(head) * 0.05


def failure_item(failure, kind: str, edition: int | None) -> FetchFailure:
    """The ``FetchFailure`` of an errback (HTTP status kept when there was a response)."""
    status = None
    if failure.check(HttpError):
        status = failure.value.response.status
        reason = f"HTTP {status}"
    else:
        message = failure.getErrorMessage() or ""
        reason = f"{failure.type.__name__}: {message}".strip().rstrip(":")
    return FetchFailure(url=failure.request.url, kind=kind, reason=reason, edition=edition,
                        http_status=status)
