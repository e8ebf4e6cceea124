"""Periods of the law counted on the calendar: terms in years, deadlines in months and days.

The one place that says how a period ends. A term of years from 29 February ends on
28 February when the end year has no 29th (a term is not lengthened into March); a period
of months ends on the same day of the month, or the month's last day when it is shorter
(as the Civil Code of the Republic of Kazakhstan, General Part, counts periods). A deadline
the rulebook states with its unit ("15 working days", "1 month", "7 days") is a ``Period``;
working days skip Saturdays and Sundays only - public holidays are not modelled, so such a
deadline can fall a day or two early where one intervenes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (clamped to the month's last day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: date, days: int) -> date:
    """The day ``days`` later."""
    return day + timedelta(days=days)


def add_working_days(day: date, days: int) -> date:
    """The ``days``-th working day (Monday to Friday) after ``day``."""
    current = day
    for _ in range(days):
        current += timedelta(days=1)
        while current.weekday() >= 5:
            current += timedelta(days=1)
    return current


class PeriodUnit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working days"
    MONTHS = "months"


_PERIOD = re.compile(r"(?P<amount>[1-9][0-9]*) (?P<unit>working days?|days?|months?)")


@dataclass(frozen=True, slots=True)
class Period:
    """A deadline with its unit, as a constitution states it ("within fifteen working days")."""

    amount: int
    unit: PeriodUnit

    @classmethod
    def parse(cls, text: str) -> Period:
        """``"15 working days"``, ``"1 month"``, ``"7 days"``; ValueError otherwise."""
        match = _PERIOD.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not a period such as '7 days', '15 working days' "
                             "or '1 month'")
        unit = match["unit"] if match["unit"].endswith("s") else match["unit"] + "s"
        return cls(int(match["amount"]), PeriodUnit(unit))

    def after(self, day: date) -> date:
        """The last day of the period counted from ``day``."""
        if self.unit is PeriodUnit.DAYS:
            return add_days(day, self.amount)
        if self.unit is PeriodUnit.WORKING_DAYS:
            return add_working_days(day, self.amount)
        return add_months(day, self.amount)

    def __str__(self) -> str:
        unit = str(self.unit)
        return f"{self.amount} {unit[:-1] if self.amount == 1 else unit}"
