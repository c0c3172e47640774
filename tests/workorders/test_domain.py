"""Pure domain rules: near-duplicate cells, time limits on China's calendar, case numbers,
routing-rule resolution."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from chalicelib.domain import casenumber, geocell, limits, routing

CHINA = timezone(timedelta(hours=8))


def test_any_point_within_250_m_is_found_in_the_new_points_own_cell() -> None:
    rng = random.Random(3)
    for _ in range(5000):
        lon, lat = rng.uniform(113.0, 113.2), rng.uniform(40.9, 41.1)
        distance, bearing = rng.uniform(0, geocell.NEAR_METRES), rng.uniform(0, 2 * math.pi)
        dlat = distance * math.cos(bearing) / 111_320
        dlon = distance * math.sin(bearing) / (111_320 * math.cos(math.radians(lat)))
        new = (lon + dlon, lat + dlat)
        assert geocell.distance_m((lon, lat), new) <= geocell.NEAR_METRES + 1
        assert geocell.cell_of(*new) in geocell.nearest_block(lon, lat)


def test_handling_limits_count_working_days_across_the_national_day_holiday() -> None:
    # Dispatched on Wednesday 30 September 2026; 1-7 October are holidays.
    dispatched = datetime(2026, 9, 30, 10, 0, tzinfo=CHINA)
    due = limits.due_at(dispatched, "consultation", "normal").astimezone(CHINA)
    assert due.date() > date(2026, 10, 7)
    complaint = limits.due_at(dispatched, "complaint", "normal").astimezone(CHINA)
    assert complaint.date() > due.date()


def test_emergencies_are_due_the_same_day_with_at_least_four_hours() -> None:
    morning = datetime(2026, 11, 23, 9, 0, tzinfo=CHINA)
    assert limits.due_at(morning, "request", "emergency").astimezone(CHINA).date() == morning.date()
    late = datetime(2026, 11, 23, 22, 0, tzinfo=CHINA)
    assert limits.due_at(late, "request", "emergency") - late == timedelta(hours=4)
    assert limits.sign_deadline(morning, "emergency", 60) - morning == timedelta(minutes=15)
    assert limits.sign_deadline(morning, "normal") - morning == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "category"),
    [("燃气泄漏了", "gas"), ("家里煤气味很重", "gas"), ("电梯困人", "elevator"), ("someone is trapped in the lift", "elevator"),
     ("楼道起火了", "fire-hazard"), ("路灯不亮", None)],
)
def test_emergency_words(text: str, category: str | None) -> None:
    assert limits.emergency_category(text) == category


def test_kind_from_the_text_and_the_submitter() -> None:
    assert limits.infer_kind("我要投诉这家饭店", "catering-fumes", "resident") == "complaint"
    assert limits.infer_kind("请问低保怎么申请?", "social-assistance", "resident") == "consultation"
    assert limits.infer_kind("路灯不亮", "street-light", "grid-worker") == "report"
    assert limits.infer_kind("建议多设公交站", "suggestion", "resident") == "suggestion"
    assert limits.infer_kind("路灯不亮", "street-light", "resident") == "request"


def test_case_numbers_are_short_phone_friendly_and_read_back() -> None:
    at = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
    numbers = {casenumber.new_case_number(at) for _ in range(2000)}
    assert len(numbers) == 2000
    for number in list(numbers)[:50]:
        assert casenumber.PATTERN.match(number) and number.startswith("261123-")
        assert not set(number[7:]) & set("ILOU")
        assert casenumber.normalise(number.lower().replace("-", " ")) == number
    assert casenumber.normalise("261123-0I1L0O") == "261123-011100"
    assert casenumber.normalise("nonsense") is None


def test_the_most_specific_rule_wins_and_relative_handlers_take_the_location() -> None:
    location = {"grid": "JN-S01-C01-G01", "community": "JN-S01-C01", "street": "JN-S01"}
    rules = [
        routing.Rule("garbage", "*", {"kind": "department", "code": "urban-management"}),
        routing.Rule("garbage", "street:JN-S01", {"kind": "street"}),
        routing.Rule("garbage", "community:JN-S01-C01", {"kind": "community"}),
    ]
    assert routing.resolve(rules, location)[0] == {"kind": "community", "code": "JN-S01-C01"}
    assert routing.resolve(rules[:2], location)[0] == {"kind": "street", "code": "JN-S01"}
    other = {"grid": "JN-S02-C01-G01", "community": "JN-S02-C01", "street": "JN-S02"}
    assert routing.resolve(rules, other)[0] == {"kind": "department", "code": "urban-management"}
    assert routing.resolve([], other) == ({"kind": "command-centre", "code": "command-center"}, None)
