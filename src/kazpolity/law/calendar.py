"""Periods of the law counted on the calendar: terms in years, deadlines in months and days.

The one place that says how a period ends. A term of years from 29 February ends on
28 February when the end year has no 29th (a term is not lengthened into March); a period
of months ends on the same day of the month, or the month's last day when it is shorter
(as the Civil Code of the Republic of Kazakhstan, General Part, counts periods; the
code keeps these three functions only, so every term and deadline ends the same way).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


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
