import pytest

from home.models import HomePage
from tests.factories import ConsultationIndexPageFactory

XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def index(home):
    return ConsultationIndexPageFactory(parent=home, title="Consultations")
