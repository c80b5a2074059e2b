"""Hijri conversions and holiday dates (``marsad.components.hijri``)."""

from __future__ import annotations

import datetime as dt

from marsad.components import hijri


def test_umm_al_qura_conversions() -> None:
    assert hijri.hijri_to_gregorian(1446, 1, 1) == dt.date(2024, 7, 7)
    assert hijri.gregorian_to_hijri(dt.date(2024, 7, 19)) == (1446, 1, 13)
    assert hijri.hijri_month_period(1445, 9) == (dt.date(2024, 3, 11), dt.date(2024, 4, 9))


def test_tabular_calendar_outside_umm_al_qura_round_trips() -> None:
    day = dt.date(1880, 1, 1)
    year, month, mday = hijri.gregorian_to_hijri(day)
    assert year < 1343
    assert hijri.hijri_to_gregorian(year, month, mday) == day


def test_easter_western_and_orthodox() -> None:
    assert hijri.western_easter(2024) == dt.date(2024, 3, 31)
    assert hijri.western_easter(2025) == dt.date(2025, 4, 20)
    assert hijri.orthodox_easter(2024) == dt.date(2024, 5, 5)


def test_holiday_periods() -> None:
    assert hijri.holiday_periods("eid_adha", 2024) == [(dt.date(2024, 6, 16),) * 2]
    assert hijri.holiday_periods("christmas", 2024) == [(dt.date(2024, 12, 25),) * 2]
    ramadan = hijri.holiday_periods("ramadan", 2024)
    assert ramadan == [(dt.date(2024, 3, 11), dt.date(2024, 4, 9))]
    candidates = hijri.holiday_candidates("eid_fitr", 2024)
    assert [p[0].year for p in candidates] == [2023, 2024, 2025]
