"""The officers' view shows the board's make-up at the end of each quarter, from when each
member joined; someone who has left (deleted their account) is in no quarter; each quarter
is suppressed as any table is."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from boardhub.representation.figures import quarter_ends, quarterly_trends
from tests.representation.conftest import member

pytestmark = pytest.mark.django_db


def joined(when, **answers):
    person = member(**answers)
    person.date_joined = datetime.combine(when, datetime.min.time(), tzinfo=UTC)
    person.save(update_fields=["date_joined"])
    return person


def test_the_last_eight_quarter_ends_oldest_first():
    assert quarter_ends(date(2026, 12, 7), 3) == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
    ]
    assert quarter_ends(date(2026, 2, 1), 2) == [date(2025, 9, 30), date(2025, 12, 31)]


@time_machine.travel(datetime(2026, 12, 7, 12, tzinfo=UTC))
def test_members_count_from_the_quarter_they_joined(client, officer):
    for __ in range(6):
        joined(date(2026, 2, 1), sex="female")
    for __ in range(5):
        joined(date(2026, 8, 1), sex="male")
    leaver = joined(date(2026, 2, 1), sex="male")
    leaver.delete()

    trends = {t.characteristic.key: t for t in quarterly_trends(number=3, today=date(2026, 12, 7))}
    sex = trends["sex"]
    assert sex.quarters == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30)]
    female, male = (cells for __, cells in sex.rows)
    assert [cell.count for cell in female] == [6, 6, 6]
    assert [cell.count for cell in male] == [0, 0, 5]

    client.force_login(officer)
    soup = BeautifulSoup(client.get("/admin/who-is-on-the-board/").content, "html.parser")
    table = soup.find(id="trend-sex").find_parent("table")
    headers = [th.get_text() for th in table.find("thead").find_all("th")]
    assert headers[0] == "Group" and headers[-1] == "30 Sep 2026"
    female_row = table.find("th", string="Female").find_parent("tr")
    assert [td.get_text().strip() for td in female_row.find_all("td")][-3:] == ["6", "6", "6"]


def test_a_small_quarter_is_hidden():
    for __ in range(6):
        joined(date(2026, 2, 1), sex="female")
    joined(date(2026, 8, 1), sex="male")
    trends = {t.characteristic.key: t for t in quarterly_trends(number=3, today=date(2026, 12, 7))}
    __, male = (cells for __, cells in trends["sex"].rows)
    assert [cell.count for cell in male] == [None, None, None]


def test_no_quarter_less_the_one_before_gives_a_new_member_away(client, officer):
    """Six women by March, and one more in August: 6, 6 and 7 would say what the woman who
    joined in August told us, to anyone who knows she joined then."""
    for __ in range(6):
        joined(date(2026, 2, 1), sex="female", age_band="45_54")
    for __ in range(5):
        joined(date(2026, 2, 1), sex="male", age_band="45_54")
    joined(date(2026, 8, 1), sex="female", age_band="85_plus")
    trends = {t.characteristic.key: t for t in quarterly_trends(number=3, today=date(2026, 12, 7))}
    for trend in trends.values():
        for category, cells in trend.rows:
            shown = [cell.count for cell in cells if cell.is_shown]
            assert len(set(shown)) <= 1, f"{category}: {shown}"
        shown = [cell.count for cell in trend.totals if cell.is_shown]
        assert len(set(shown)) <= 1, f"{trend.characteristic.key}: {shown}"
