from datetime import timedelta

import pytest
from django.utils import timezone

from boardhub.demo.factories import MeetingIndexPageFactory, MeetingPageFactory
from boardhub.meetings.models import ActionsPage
from home.models import HomePage


@pytest.fixture
def meetings_index(db):
    return MeetingIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def meeting(meetings_index):
    return MeetingPageFactory(parent=meetings_index, title="Getting about in Larkfield")


@pytest.fixture
def actions_page(db):
    home = HomePage.objects.get()
    page = home.add_child(instance=ActionsPage(title="Actions", slug="actions"))
    page.save_revision().publish()
    return page


def hold(meeting):
    """Move the meeting into the past, as if it had happened yesterday."""
    meeting.starts_at = timezone.now() - timedelta(days=1)
    meeting.ends_at = meeting.starts_at + timedelta(hours=2)
    meeting.save_revision().publish()
    meeting.refresh_from_db()
    return meeting
