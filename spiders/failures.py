"""Pages the spiders could not read: errback failures and unreadable bodies as ``FetchFailure``."""

from __future__ import annotations

import re

from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from mipcrawl.items import WAYBACK, FetchFailure


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
    """The ``FetchFailure`` of an errback (HTTP status kept when there was a response), under
    the page's own URL when it was asked of a web archive; a page the archive does not have
    (an exception with ``source_gap``) is missing, not failed."""
    status = None
    gap = bool(getattr(failure.value, "source_gap", False))
    if failure.check(HttpError):
        status = failure.value.response.status
        reason = f"HTTP {status}"
    elif gap:
        reason = failure.getErrorMessage()
    else:
        message = failure.getErrorMessage() or ""
        reason = f"{failure.type.__name__}: {message}".strip().rstrip(":")
    url = (failure.request.meta.get(WAYBACK) or {}).get("original") or failure.request.url
    return FetchFailure(url=url, kind=kind, reason=reason, edition=edition, http_status=status,
                        missing=gap)


_ERROR_PHRASE = (r"page (non trouvée|introuvable|inexistante)|erreur( \d{3})?|\d{3}( error)?"
                 r"|accès (refusé|interdit)|site en (cours de )?maintenance"
                 r"|service (temporairement )?indisponible|ce contenu n.est plus disponible"
                 r"|(page )?not found|forbidden|service unavailable")
_ERROR_HEADING = re.compile(rf"(?:(?:{_ERROR_PHRASE})[\s\W]*)+$", re.IGNORECASE)


def error_page_reason(response: Response) -> str | None:
    """Why a page is an error page whatever its status (a site answering 200 with its "Page
    non trouvée" page, which a web archive then keeps): its main heading (else its title)
    is an error message. None for any other page."""
    heading = " ".join(response.xpath("normalize-space((//h1)[1])").get("").split())
    if not heading:
        heading = (response.xpath("normalize-space(//title)").get("") or "").split("|")[0].strip()
    if heading and _ERROR_HEADING.match(heading):
        return f"an error page ({heading!r})"
    return None
