import pytest

from boardhub.demo.factories import MeetingIndexPageFactory, MeetingPageFactory
from home.models import HomePage


@pytest.fixture
def meetings_index(db):
    return MeetingIndexPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def meeting(meetings_index):
    return MeetingPageFactory(parent=meetings_index, title="Getting about in Larkfield")
