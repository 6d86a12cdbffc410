from tests.feedback.conftest import consultation, handler  # noqa: F401
