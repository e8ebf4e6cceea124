"""Deadlines with their units (law/calendar.py), hand-counted on the 2000 and 2026 calendars."""

from __future__ import annotations

from datetime import date

import pytest

from kazpolity.law import laws
from kazpolity.law.calendar import Period, PeriodUnit, add_working_days


def test_working_days_skip_weekends() -> None:
    # Saturday 11 March 2000: the fifteenth working day after it is Friday 31 March
    # (13-17, 20-24, 27-31 March)
    assert add_working_days(date(2000, 3, 11), 15) == date(2000, 3, 31)
    # Friday 3 July 2026 + 1 working day = Monday 6 July
    assert add_working_days(date(2026, 7, 3), 1) == date(2026, 7, 6)


def test_periods_as_the_constitution_words_them() -> None:
    assert Period.parse("15 working days") == Period(15, PeriodUnit.WORKING_DAYS)
    assert Period.parse("1 month") == Period(1, PeriodUnit.MONTHS)
    assert Period.parse("7 days") == Period(7, PeriodUnit.DAYS)
    assert [str(Period.parse(t)) for t in ("1 month", "2 months", "7 days")] == [
        "1 month", "2 months", "7 days"]
    # Art. 53(3) (1995-2007): seven days after an override on 11 April 2000
    assert Period.parse("7 days").after(date(2000, 4, 11)) == date(2000, 4, 18)
    # a month from 31 January ends on the month's last day
    assert Period.parse("1 month").after(date(2011, 1, 31)) == date(2011, 2, 28)
    for bad in ("fifteen working days", "0 days", "1 week", "7days"):
        with pytest.raises(ValueError, match="is not a period"):
            Period.parse(bad)


def test_every_deadline_in_the_rulebook_parses() -> None:
    """The deadlines with a unit (unit: deadline) read as periods on every date they cover."""
    found = [rule.value for body in laws().bodies.values()
             for parameter in body.parameters.values() if parameter.unit == "deadline"
             for rule in parameter.timeline]
    assert found and all(isinstance(Period.parse(str(value)), Period) for value in found)
