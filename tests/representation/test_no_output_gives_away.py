"""Property-based (Hypothesis): whatever the board's make-up, no table on the public page, in
its CSV or in the officers' view shows a count under the threshold, or lets one be worked out
from the totals and the other rows (tests/core/test_suppression.py's reader, who knows every
shown figure and which read "fewer than 5"). Each example is a small board made in the
database and thrown away after."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from boardhub.core.suppression import Published
from boardhub.representation.characteristics import CHARACTERISTICS
from tests.core.test_suppression import assert_states_safe
from tests.representation.conftest import member

pytestmark = pytest.mark.django_db

THRESHOLD = 5
# Few answers to choose from, so that groups of one, two and three are common.
ANSWERS = st.fixed_dictionaries(
    {
        "age_band": st.sampled_from(["45_54", "65_74", "85_plus", "prefer_not_to_say"]),
        "sex": st.sampled_from(["female", "male", "prefer_not_to_say"]),
        "ethnic_group": st.sampled_from(
            ["white_british", "white_irish", "asian_indian", "black_african", "prefer_not_to_say"]
        ),
        "disability": st.sampled_from(["yes_a_lot", "no"]),
        "unpaid_carer": st.sampled_from(["no", "50_plus"]),
    }
)
BOARDS = st.lists(st.one_of(st.none(), ANSWERS), min_size=5, max_size=16)

TOTAL_ROWS = ("Members who told us", "Prefer not to say", "Not answered", "All members")


def state_of(text):
    text = " ".join(text.split())
    if text.isdigit():
        return Published.SHOWN, int(text)
    if text == f"fewer than {THRESHOLD}":
        return Published.FEWER, None
    assert text == "hidden", f"a count reads {text!r}"
    return Published.HIDDEN, None


def true_counts(board, characteristic):
    """{category or total label: the true count} for one characteristic."""
    answered = [answers for answers in board if answers is not None]
    counts = {
        "All members": len(board),
        "Not answered": len(board) - len(answered),
        "Prefer not to say": sum(a[characteristic.key] == "prefer_not_to_say" for a in answered),
    }
    counts["Members who told us"] = len(answered) - counts["Prefer not to say"]
    for category in characteristic.all_categories():
        keys = {c.key for c in category.detailed} or {category.key}
        counts[category.label] = sum(a[characteristic.key] in keys for a in answered)
    return counts


def tables_in(html):
    """{characteristic key: {row label: (state, count)}} from the page's figures tables."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for characteristic in CHARACTERISTICS:
        caption = soup.find(id=f"{characteristic.key}-caption")
        if caption is None:
            continue
        rows = {}
        for tr in caption.find_parent("table").find_all("tr"):
            header, cells = tr.find("th"), tr.find_all("td")
            if header and cells:
                rows[" ".join(header.get_text().split())] = state_of(cells[0].get_text())
        found[characteristic.key] = rows
    return found


def assert_group(rows, truth, margin, labels):
    if rows[margin][0] != Published.SHOWN or not truth[margin]:
        return
    counts = [truth[label] for label in labels]
    states = [rows[label][0] for label in labels]
    assert_states_safe(counts, states, THRESHOLD)


def assert_table_safe(rows, truth, characteristic, detailed):
    for label, (state, count) in rows.items():
        if state == Published.SHOWN:
            assert count == truth[label], label
            assert count == 0 or count >= THRESHOLD, label
    assert_group(rows, truth, "All members", TOTAL_ROWS[:3])
    groups = [category.label for category in characteristic.categories]
    assert_group(rows, truth, "Members who told us", groups)
    if detailed:
        for category in characteristic.categories:
            if category.detailed:
                assert_group(rows, truth, category.label, [c.label for c in category.detailed])


def csv_cells(content):
    """{(question, group): the board's count as written} from the CSV download."""
    reader = csv.reader(io.StringIO(content.decode()))
    next(reader)
    return {(row[0], row[1]): row[2] for row in reader}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(board=BOARDS)
def test_no_output_gives_away_a_small_count(client, board_page, census, officer, board):
    with transaction.atomic():
        rollback = transaction.savepoint()
        for answers in board:
            member(**(answers or {"consent": False}))
        client.logout()
        public = tables_in(client.get(board_page.url).content.decode())
        download = csv_cells(client.get(board_page.url + "figures/csv/").content)
        client.force_login(officer)
        officers = tables_in(client.get("/admin/who-is-on-the-board/").content.decode())
        transaction.savepoint_rollback(rollback)

    for characteristic in CHARACTERISTICS:
        truth = true_counts(board, characteristic)
        assert_table_safe(public[characteristic.key], truth, characteristic, detailed=False)
        assert_table_safe(officers[characteristic.key], truth, characteristic, detailed=True)
        for label, (state, count) in public[characteristic.key].items():
            written = download[(characteristic.name, label)]
            assert state_of(written) == (state, count), (characteristic.name, label)
