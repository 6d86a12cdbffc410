"""A guide's glossary, and the links between a guide and the standard versions of it."""

import pytest
from django.urls import reverse

from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    EasyReadGuidePageFactory,
    ServiceFactory,
    StandardPageFactory,
)
from boardhub.easyread.models import EasyReadGuidePage, StandardVersion
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


class TestGlossary:
    def test_the_hard_words_in_the_order_they_appear_each_once(self, easy_read_index):
        guide = EasyReadGuidePageFactory(
            parent=easy_read_index,
            body__0__hard_word__word="Assessment",
            body__0__hard_word__meaning="A talk about the help you need.",
            body__1__row__text="We talk with you.",
            body__2__hard_word__word="Carer",
            body__2__hard_word__meaning="Someone who looks after you.",
            body__3__hard_word__word="assessment ",
            body__3__hard_word__meaning="Said again, differently.",
        )

        assert guide.glossary() == [
            ("Assessment", "A talk about the help you need."),
            ("Carer", "Someone who looks after you."),
        ]

    def test_a_guide_with_no_hard_words_has_an_empty_glossary(self, easy_read_index):
        guide = EasyReadGuidePageFactory(parent=easy_read_index, body__0__row__text="Hello.")

        assert guide.glossary() == []


class TestStandardVersions:
    @pytest.fixture
    def home(self):
        return HomePage.objects.get()

    def test_a_guide_with_no_standard_version_has_no_links(self, guide):
        assert guide.standard_versions() == []

    def test_the_page_the_guide_names_comes_first_then_pages_naming_the_guide(self, home, guide):
        about = StandardPageFactory(parent=home, title="Direct payments in full")
        guide.standard_version = about
        guide.save()
        consultation = ConsultationPageFactory(
            parent=ConsultationIndexPageFactory(parent=home), title="Paying for care"
        )
        consultation.easy_read_page = guide
        consultation.save()
        policy = StandardPageFactory(parent=home, title="Our charging policy", easy_read_page=guide)

        assert guide.standard_versions() == [
            StandardVersion("Direct payments in full", about.url),
            StandardVersion("Paying for care", consultation.url),
            StandardVersion("Our charging policy", policy.url),
        ]

    def test_pages_not_published_are_left_out(self, home, guide):
        draft = StandardPageFactory(parent=home, live=False)
        guide.standard_version = draft
        guide.save()
        StandardPageFactory(parent=home, live=False, easy_read_page=guide)

        assert guide.standard_versions() == []

    def test_services_link_to_their_page_in_you_said_we_did(self, home, guide):
        record = home.add_child(
            instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
        )
        ServiceFactory(name="Direct payments", slug="direct-payments", easy_read_guide=guide)

        assert guide.standard_versions() == [
            StandardVersion("Direct payments", record.service_url("direct-payments"))
        ]

    def test_without_you_said_we_did_services_link_to_the_councils_page_if_any(self, guide):
        ServiceFactory(
            name="Day centres", easy_read_guide=guide, url="https://council.example.org/day"
        )
        ServiceFactory(name="Home care", easy_read_guide=guide, url="")

        assert guide.standard_versions() == [
            StandardVersion("Day centres", "https://council.example.org/day")
        ]

    def test_the_links_cost_a_few_queries_however_many_there_are(
        self, home, guide, django_assert_max_num_queries
    ):
        home.add_child(instance=YouSaidWeDidPage(title="You said, we did", slug="yswd"))
        for _ in range(5):
            StandardPageFactory(parent=home, easy_read_page=guide)
            ServiceFactory(easy_read_guide=guide)
        guide = EasyReadGuidePage.objects.get(pk=guide.pk)

        with django_assert_max_num_queries(7):
            links = guide.standard_versions()

        assert len(links) == 10


class TestNamingTheEasyReadVersion:
    def test_officers_choose_a_services_easy_read_guide(self, client, admin_user, guide):
        service = ServiceFactory()
        client.force_login(admin_user)

        page = client.get(
            reverse("wagtailsnippets_services_service:edit", args=[service.pk])
        ).content.decode()

        assert 'name="easy_read_guide"' in page

    def test_officers_choose_a_standard_pages_easy_read_guide(self, client, officer, guide):
        page = StandardPageFactory(parent=HomePage.objects.get())
        client.force_login(officer)

        editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

        assert 'name="easy_read_page"' in editor
