"""What one crawl run covers: the programme of one edition (or of every edition), or the labs.

Every layer that used to compare spider names ("programme") asks a ``RunScope`` instead:
the spider holds it (``spider.run_scope``), the store opens its run record and its locks
from it, the incremental and archive middlewares and the CLI runner read it.

``key`` is what the ``crawl_run.scope`` column and the WARC folders hold: the edition year,
``"all"`` for every edition at once, or ``"labs"``.
"""

from __future__ import annotations

from dataclasses import dataclass

PROGRAMME = "programme"   # the spiders' names (spiders/programme.py, spiders/labs.py)
LABS = "labs"


@dataclass(frozen=True)
class RunScope:
    spider: str                     # PROGRAMME | LABS
    edition: int | None = None      # the programme of one edition; None: every edition

    @classmethod
    def programme(cls, edition: int | str | None = None) -> RunScope:
        text = str(edition).strip() if edition is not None else ""
        return cls(PROGRAMME, int(text) if text.isdigit() else None)

    @classmethod
    def labs(cls) -> RunScope:
        return cls(LABS)

    @classmethod
    def of(cls, spider: str, key: str | None = None) -> RunScope:
        """The scope of a spider name and a stored key ("2024", "all", "labs")."""
        return cls.programme(key) if spider == PROGRAMME else cls(spider)

    @property
    def is_programme(self) -> bool:
        return self.spider == PROGRAMME

    @property
    def key(self) -> str:
        if not self.is_programme:
            return self.spider
        return str(self.edition) if self.edition is not None else "all"

    @property
    def label(self) -> str:
        return f"{self.spider} {self.edition}" if self.edition is not None else self.spider

    @property
    def spider_kwargs(self) -> dict[str, str]:
        """The spider's arguments (``scrapy crawl programme -a edition=2024``)."""
        return {"edition": self.key} if self.is_programme else {}
