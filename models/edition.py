"""An edition of the programme: one row per year (Semaine until 2019, Mois from 2020)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class Edition(Base):
    __tablename__ = "edition"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    site: Mapped[str | None] = mapped_column(String(20))  # "legacy" | "dsfr"
