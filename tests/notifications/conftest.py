import copy
from pathlib import Path

import pytest

from boardhub.notifications import messages

TEST_MESSAGE = "notify_core_test"
HERE = Path(__file__).parent


@pytest.fixture
def test_message(settings, monkeypatch):
    """A message type of the tests' own, with its templates in tests/notifications/templates,
    taken out of the registry again afterwards."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], HERE / "templates"]
    settings.TEMPLATES = templates
    monkeypatch.setitem(
        messages._message_types,
        TEST_MESSAGE,
        messages.MessageType(TEST_MESSAGE, "A test", "For the tests", dict),
    )
    return TEST_MESSAGE
