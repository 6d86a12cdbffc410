"""Officers and responses for the feedback handling tests."""

import pytest
from django.contrib.auth.models import Group

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    UserFactory,
    activate_totp,
)
from home.models import HomePage

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def officer_in(*group_names, **kwargs):
    """Someone who may use the admin (two-factor set up) in the groups named."""
    officer = UserFactory(verified=True, **kwargs)
    officer.groups.set(Group.objects.filter(name__in=group_names))
    activate_totp(officer)
    return officer


@pytest.fixture
def handler():
    return officer_in("Feedback handlers")


@pytest.fixture
def safeguarder():
    return officer_in("Safeguarding")


@pytest.fixture
def editor():
    """A page editor: the admin and pages, but not people's feedback."""
    return officer_in("Editors", "Moderators")


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    return ConsultationPageFactory(parent=index, title="Care at home")


@pytest.fixture
def feedback(consultation):
    return FeedbackFactory(page=consultation)


# Recording responses gathered off-line (tests/feedback/test_recording.py and the others)
from tests.feedback.recording_helpers import private_storage  # noqa: E402, F401
