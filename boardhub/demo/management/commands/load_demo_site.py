"""`manage.py load_demo_site`: fill a development database with the demo site.

The demo is a fictional council, Larkfield Council, and its Making it Real board. Its words
and pictures are data in site/demo/ (content.json, read by boardhub/demo/content.py, and
images/); the pages, pictures and accounts are made with the factories in
boardhub/demo/factories.py, so tests and the demo build things one way.

The command only adds what is missing and never changes what is already there, so running
it again changes nothing. It refuses to run with any settings but the development and test
ones: the demo accounts' passwords are printed here for anyone to read.
"""

import os
from dataclasses import dataclass
from datetime import timedelta

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from boardhub.core.models import BoardSettings
from boardhub.demo import content

# The settings this command may run with. Anything else (production, or a settings module
# we do not know) is refused: deny by default.
DEMO_SETTINGS_MODULES = ("boardhub.settings.dev", "boardhub.settings.test")

# What the migrations call the site, before anyone names it.
MIGRATION_SITE_NAME = "BoardHub"

# Officers' groups and their permissions come from a migration (members 0003_officer_groups):
# Moderators add, change and publish pages under the home page, and add and choose pictures
# and documents.
MODERATORS_GROUP = "Moderators"
FEEDBACK_HANDLERS_GROUP = "Feedback handlers"
# Safeguarding (feedback migration 0002): feedback handlers who may also open responses
# flagged because someone may be at risk, and are emailed the moment one is flagged.
SAFEGUARDING_GROUP = "Safeguarding"
# The Accessible formats team (consultations migration 0007): officers who read requests for a
# consultation in another format, send it and tell the person. Nothing else: not feedback.
FORMATS_TEAM_GROUP = "Accessible formats team"
# Made by meetings.0002: who is coming to meetings and their support needs.
MEETING_ORGANISERS_GROUP = "Meeting organisers"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    display_name: str
    is_staff: bool = False
    is_superuser: bool = False
    groups: tuple = ()


# For a developer's machine only. The passwords are public: they are in this file.
DEMO_ACCOUNTS = (
    DemoAccount(
        email="admin@example.org",
        password="admin-demo-password-2026",
        role="administrator: can do everything in the admin",
        display_name="Sam Taylor",
        is_staff=True,
        is_superuser=True,
    ),
    DemoAccount(
        email="officer@example.org",
        password="officer-demo-password-2026",
        role=(
            "council officer (Moderators, Feedback handlers, Meeting organisers): publishes "
            "pages, handles feedback, arranges meetings"
        ),
        display_name="Priya Shah",
        is_staff=True,
        groups=(MODERATORS_GROUP, FEEDBACK_HANDLERS_GROUP, MEETING_ORGANISERS_GROUP),
    ),
    DemoAccount(
        email="member@example.org",
        password="member-demo-password-2026",
        role="board member: uses the public site, no admin",
        display_name="Joan Ellis",
    ),
    DemoAccount(
        email="safeguarding@example.org",
        password="safeguarding-demo-password-2026",
        role="safeguarding officer (Safeguarding): opens flagged responses, told of each flag",
        display_name="Grace Okafor",
        is_staff=True,
        groups=(SAFEGUARDING_GROUP,),
    ),
    DemoAccount(
        email="formats@example.org",
        password="formats-demo-password-2026",
        role="accessible formats officer (Accessible formats team): sends other formats",
        display_name="Ruth Adeyemi",
        is_staff=True,
        groups=(FORMATS_TEAM_GROUP,),
    ),
)

NOTHING_CHANGED = "The demo site is already loaded: nothing changed."
NOT_EMPTY = "The database already has content, so the demo site was not loaded (--if-empty)."


def current_settings_module():
    # settings.SETTINGS_MODULE is None while a test overrides any setting; the environment
    # variable still names the module Django started with.
    return settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE", "")


def database_has_content():
    """True once anything exists beyond the root page, home page and site the migrations make."""
    return (
        Page.objects.count() > 2
        or Revision.objects.exists()
        or get_user_model().objects.exists()
        or get_image_model().objects.exists()
        or get_document_model().objects.exists()
    )


def stream_kwargs(body, images, prefix=""):
    """Turn content.json's blocks ({"type", "value"}) into wagtail-factories StreamField kwargs."""
    kwargs = {}
    for index, block in enumerate(body):
        block_type, value = block["type"], block["value"]
        key = f"{prefix}{index}__{block_type}"
        if isinstance(value, str):  # a paragraph, or an easy read important box
            kwargs[f"{key}__value"] = value
        elif block_type == "image":
            kwargs[f"{key}__image__image"] = images[value["image"]]
            kwargs[f"{key}__alt_text"] = value["alt_text"]
            kwargs[f"{key}__caption"] = value.get("caption", "")
        elif block_type == "row":  # an easy read row: a picture beside its words
            kwargs[f"{key}__image__image"] = images[value["image"]]
            kwargs[f"{key}__alt_text"] = value["alt_text"]
            kwargs[f"{key}__decorative"] = False
            kwargs[f"{key}__text"] = value["text"]
        else:
            kwargs.update({f"{key}__{name}": item for name, item in value.items()})
    return kwargs


class Command(BaseCommand):
    help = (
        "Fill a development database with the demo site: Larkfield Council's Making it Real "
        "board, its pages and pictures, and five demo accounts. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=(
                "Do nothing if the database already has content beyond what the migrations "
                "make, so a database you have edited is never touched."
            ),
        )

    def handle(self, *args, if_empty=False, **options):
        module = current_settings_module()
        if module not in DEMO_SETTINGS_MODULES:
            raise CommandError(
                f"The demo site only loads with development or test settings, and these are "
                f"{module or 'unknown settings'}. Its accounts have passwords anyone can read, "
                f"so it must never run on a live site. To try it on your own machine, use "
                f"--settings=boardhub.settings.dev."
            )
        if if_empty and database_has_content():
            self.stdout.write(NOT_EMPTY)
            return
        try:
            from boardhub.demo import factories
        except ImportError as error:
            raise CommandError(
                f"The demo site is built with the test factories, which need the development "
                f"requirements. Install them with: pip install -r requirements-dev.txt "
                f"({error})"
            ) from error

        with transaction.atomic():
            changes = DemoSite(factories, content).load()

        if changes:
            self.stdout.write(self.style.SUCCESS("Loaded the demo site:"))
            for change in changes:
                self.stdout.write(f"  - {change}")
        else:
            self.stdout.write(NOTHING_CHANGED)
        self.stdout.write("")
        self.stdout.write("Demo accounts, for this machine only (sign in at /accounts/login/):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.email:<22} {account.password:<28} {account.role}")
        bypass_code = getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)
        if bypass_code:
            self.stdout.write(f"Two-factor code on this machine: {bypass_code}")
        else:
            self.stdout.write(
                "Two-factor: these settings have no MFA_TOTP_INSECURE_BYPASS_CODE, so the admin "
                "and officer accounts cannot pass two-factor sign-in here. Use "
                "--settings=boardhub.settings.dev."
            )


class DemoSite:
    """Adds each part of the demo site that is missing, and lists what it added."""

    def __init__(self, factories, content):
        self.factories = factories
        self.content = content
        self.changes = []

    def load(self):
        self.site = Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific
        self.load_accounts()
        self.author = get_user_model().objects.filter(email=DEMO_ACCOUNTS[0].email).first()
        self.images = self.load_images()
        self.load_home_page()
        self.load_pages(self.content.PAGES)
        self.load_easy_read()
        self.load_consultations()
        self.load_changes()
        self.load_tell_us()
        self.load_meetings()
        self.load_representation()
        self.load_reports_year()
        self.load_annual_report()
        self.load_board_settings()
        self.load_site_name()
        return self.changes

    def load_accounts(self):
        User = get_user_model()
        for account in DEMO_ACCOUNTS:
            if User.objects.filter(email__iexact=account.email).exists():
                continue
            user = self.factories.UserFactory(
                email=account.email,
                password=account.password,
                display_name=account.display_name,
                first_name=account.display_name.split()[0],
                last_name=account.display_name.split()[-1],
                is_staff=account.is_staff,
                is_superuser=account.is_superuser,
                verified=True,
            )
            user.groups.set(Group.objects.filter(name__in=account.groups))
            self.changes.append(f"Made the account {account.email} ({account.role})")
        self.load_two_factor()

    def load_two_factor(self):
        """Officers and admins cannot open the admin without two-factor authentication, so the
        staff demo accounts have it on, with a fresh secret nobody needs to know: on this
        machine the settings' MFA_TOTP_INSECURE_BYPASS_CODE stands in for the app's code."""
        staff = get_user_model().objects.filter(
            email__in=[account.email for account in DEMO_ACCOUNTS if account.is_staff]
        )
        for user in staff:
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, generate_totp_secret())
                self.changes.append(f"Turned on two-factor authentication for {user.email}")

    def load_images(self):
        """Import each picture in site/demo/images once; return them all by file name."""
        Image = get_image_model()
        images = {}
        made = 0
        for picture in self.content.IMAGES:
            image = Image.objects.filter(title=picture["title"]).order_by("pk").first()
            if image is None:
                image = self.factories.ImageFactory(
                    title=picture["title"],
                    file__from_path=self.content.IMAGES_DIR / picture["file"],
                    uploaded_by_user=self.author,
                )
                made += 1
            images[picture["file"]] = image
        if made:
            self.changes.append(f"Imported {made} pictures from site/demo/images/")
        return images

    def load_home_page(self):
        """Fill the home page the migration made, unless someone has already written on it."""
        home = self.home
        if home.introduction or home.body or home.revisions.exists():
            return
        home.title = home.draft_title = self.content.HOME["title"]
        home.introduction = self.content.HOME["introduction"]
        home.body = self.factories.ContentStreamBlockFactory(
            **stream_kwargs(self.content.HOME["body"], self.images)
        )
        home.save_revision(user=self.author, log_action=True).publish(user=self.author)
        self.changes.append(f"Wrote and published the home page ({home.get_url()})")

    def load_pages(self, specs):
        for spec in specs:
            if self.home.get_children().filter(slug=spec["slug"]).exists():
                continue
            page = self.factories.StandardPageFactory(
                parent=self.home,
                title=spec["title"],
                slug=spec["slug"],
                show_in_menus=spec["show_in_menus"],
                introduction=spec["introduction"],
                easy_read_page=self.easy_read_guide(spec.get("easy_read_guide")),
                live=False,
                owner=self.author,
                **stream_kwargs(spec["body"], self.images, prefix="body__"),
            )
            page.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the page “{page.title}” ({page.get_url()})")

    def load_easy_read(self):
        """The "Easy read" section with its guides, and a standard page that names its guide.
        Services and consultations made after this name their guides too."""
        index = self.page_by_slug(self.content.EASY_READ_INDEX["slug"])
        if index is None:
            index = self.factories.EasyReadIndexPageFactory(
                parent=self.home,
                show_in_menus=True,
                live=False,
                owner=self.author,
                **self.content.EASY_READ_INDEX,
            )
            index.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the page “{index.title}” ({index.get_url()})")

        for spec in self.content.EASY_READ_GUIDES:
            if index.get_children().filter(slug=spec["slug"]).exists():
                continue
            spec = dict(spec)
            guide = self.factories.EasyReadGuidePageFactory(
                parent=index,
                live=False,
                owner=self.author,
                **stream_kwargs(spec.pop("body"), self.images, prefix="body__"),
                **spec,
            )
            guide.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the easy read guide “{guide.title}”")

        self.load_pages([self.content.CARE_ASSESSMENT])

    def easy_read_guide(self, slug):
        from boardhub.easyread.models import EasyReadGuidePage

        if slug is None:
            return None
        return EasyReadGuidePage.objects.filter(slug=slug).first()

    def load_consultations(self):
        """A "Have your say" section with services and open, members-only and closed
        consultations, dated from today."""
        from boardhub.services.models import Service

        services = {}
        for spec in self.content.SERVICES:
            service = Service.objects.filter(slug=spec["slug"]).first()
            if service is None:
                spec = dict(spec)
                guide = self.easy_read_guide(spec.pop("easy_read_guide", None))
                service = self.factories.ServiceFactory(**spec, easy_read_guide=guide)
                self.changes.append(f"Made the service “{service.name}”")
            services[spec["slug"]] = service

        index = self.page_by_slug(self.content.CONSULTATION_INDEX["slug"])
        if index is None:
            index = self.factories.ConsultationIndexPageFactory(
                parent=self.home,
                show_in_menus=True,
                owner=self.author,
                **self.content.CONSULTATION_INDEX,
            )
            index.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the page “{index.title}” ({index.get_url()})")

        # 9am UK time, like a real consultation's opening and closing.
        today = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        for spec in self.content.CONSULTATIONS:
            if index.get_children().filter(slug=spec["slug"]).exists():
                continue
            spec = dict(spec)
            opens_in, closes_in = spec.pop("opens_in_days"), spec.pop("closes_in_days")
            page = self.factories.ConsultationPageFactory(
                parent=index,
                owner=self.author,
                easy_read_page=self.easy_read_guide(spec.pop("easy_read_guide", None)),
                opens_at=today + timedelta(days=opens_in),
                closes_at=today + timedelta(days=closes_in),
                questions=spec.pop("questions"),
                services=[services[slug] for slug in spec.pop("services")],
                contact_name="The board team",
                contact_email=self.content.CONTACT_EMAIL,
                **spec,
            )
            page.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the consultation “{page.title}”")

    def load_changes(self):
        """The "You said, we did" page and published changes, some shaped by demo answers to
        the closed consultation (linked as an officer would, so the member hears of it)."""
        from boardhub.impact import linking
        from boardhub.impact.models import (
            ChangeConsultation,
            ChangeRecord,
            ChangeService,
            YouSaidWeDidPage,
        )
        from boardhub.services.models import Service

        if self.page_by_slug(self.content.YOU_SAID_WE_DID_PAGE["slug"]) is None:
            page = self.home.add_child(
                instance=YouSaidWeDidPage(
                    **self.content.YOU_SAID_WE_DID_PAGE,
                    show_in_menus=True,
                    owner=self.author,
                    live=False,
                )
            )
            page.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the page “{page.title}” ({page.get_url()})")

        today = timezone.localdate()
        for spec in self.content.CHANGES:
            if ChangeRecord.objects.filter(title=spec["title"]).exists():
                continue
            consultation = self.consultation_by_slug(spec.get("consultation"))
            change = ChangeRecord(
                title=spec["title"],
                you_said=spec["you_said"],
                we_did=spec["we_did"],
                status=spec["status"],
                not_possible_reason=spec.get("not_possible_reason", ""),
                agreed_on=today - timedelta(days=spec["agreed_days_ago"]),
                done_on=(
                    today - timedelta(days=spec["done_days_ago"])
                    if "done_days_ago" in spec
                    else None
                ),
                live=False,
            )
            change.service_links = [
                ChangeService(service=service)
                for service in Service.objects.filter(slug__in=spec["services"])
            ]
            if consultation is not None:
                change.consultation_links = [ChangeConsultation(consultation=consultation)]
            change.save()
            change.save_revision(user=self.author, log_action=True).publish(user=self.author)
            if consultation is not None:
                responses = self.demo_responses(consultation)
                for number in spec["responses"]:
                    linking.link(change, responses[number], by=self.author)
            self.changes.append(f"Made and published the change “{change.title}”")

    def load_tell_us(self):
        """The "Tell us" page under the home page, and a few things people told us through
        it, of each kind, stored as the page stores them (each once, by its own key)."""
        from boardhub.consultations.models import Feedback
        from boardhub.feedback.models import TellUsPage
        from boardhub.feedback.tell_us import store_tell_us
        from boardhub.services.models import Service

        page = TellUsPage.objects.child_of(self.home).first()
        if page is None:
            page = self.factories.TellUsPageFactory(
                parent=self.home, owner=self.author, **self.content.TELL_US_PAGE
            )
            page.save_revision(user=self.author, log_action=True).publish(user=self.author)
            self.changes.append(f"Made and published the page “{page.title}” ({page.get_url()})")
        member = get_user_model().objects.filter(email=DEMO_ACCOUNTS[2].email).first()
        for number, spec in enumerate(self.content.TELL_US_RESPONSES):
            key = f"demo-tell-us-{number}"
            if Feedback.objects.filter(idempotency_key=key).exists():
                continue
            spec = dict(spec)
            slug = spec.pop("service")
            from_member = spec.pop("member")
            spec["service"] = Service.objects.filter(slug=slug).first() if slug else None
            spec["wants_reply"] = from_member or bool(spec.get("reply_by"))
            store_tell_us(page, spec, member=member if from_member else None, idempotency_key=key)
            self.changes.append(f"Sent “Tell us” feedback to “{page.title}” ({spec['kind']})")

    def load_meetings(self):
        """A year of board meetings, their venues and partners, and the actions promised."""
        from boardhub.demo.meetings_demo import load_meetings

        load_meetings(self.home, self.author, self.changes)

    def load_representation(self):
        """ "Who is on the board": the page, Larkfield's populations and a board to count."""
        from boardhub.demo.representation_demo import load_representation

        load_representation(self.home, self.author, self.changes)

    def consultation_by_slug(self, slug):
        from boardhub.consultations.models import ConsultationPage

        if slug is None:
            return None
        return ConsultationPage.objects.filter(slug=slug).first()

    def demo_responses(self, consultation):
        """The demo's RESPONSES as answers to `consultation`'s first question, each made once."""
        from boardhub.consultations.models import Feedback

        question = consultation.get_form_fields()[0].clean_name
        member = get_user_model().objects.filter(email=DEMO_ACCOUNTS[2].email).first()
        responses = []
        for spec in self.content.RESPONSES:
            answers = {question: spec["answer"]}
            feedback = Feedback.objects.filter(page=consultation, form_data=answers).first()
            if feedback is None:
                feedback = self.factories.FeedbackFactory(
                    page=consultation,
                    form_data=answers,
                    member=member if spec["member"] else None,
                )
                self.changes.append(f"Sent an answer to the consultation “{consultation.title}”")
            responses.append(feedback)
        return responses

    def page_by_slug(self, slug):
        return self.home.get_children().filter(slug=slug).first()

    def load_reports_year(self):
        """A year of responses, handled, for the reports and the evidence pack."""
        from boardhub.demo.reports_demo import load_reports_year

        officer = get_user_model().objects.filter(email=DEMO_ACCOUNTS[1].email).first()
        load_reports_year(self.author, officer, self.changes)

    def load_annual_report(self):
        """The public "What the board did this year" page, from the figures above."""
        from boardhub.reports.models import AnnualReportPage

        if AnnualReportPage.objects.exists():
            return
        page = self.home.add_child(
            instance=AnnualReportPage(
                title="What the board did this year",
                slug="what-the-board-did",
                intro=(
                    "<p>The Coproduction Board is people who use adult social care and unpaid "
                    "carers, working with the council as equals. This is what we asked, what "
                    "changed because people told us, and the promises kept, year by year.</p>"
                ),
                owner=self.author,
                live=False,
            )
        )
        page.save_revision(user=self.author, log_action=True).publish(user=self.author)
        self.changes.append(f"Made and published the page “{page.title}” ({page.get_url()})")

    def load_board_settings(self):
        """Fill in the settings still blank or at their defaults; leave the rest alone."""
        board_settings = BoardSettings.for_site(self.site)
        council_default = BoardSettings._meta.get_field("council_name").get_default()
        wanted = {
            "council_name": self.content.COUNCIL_NAME,
            "contact_email": self.content.CONTACT_EMAIL,
            "contact_phone": self.content.CONTACT_PHONE,
            "adult_social_care_phone": self.content.ADULT_SOCIAL_CARE_PHONE,
            "adult_social_care_hours": self.content.ADULT_SOCIAL_CARE_HOURS,
            "accessibility_page": self.page_by_slug(self.content.ACCESSIBILITY_PAGE_SLUG),
            "privacy_page": self.page_by_slug(self.content.PRIVACY_PAGE_SLUG),
        }
        changed = []
        for field, value in wanted.items():
            current = getattr(board_settings, field)
            if current in (None, "", council_default) and value is not None:
                setattr(board_settings, field, value)
                changed.append(BoardSettings._meta.get_field(field).verbose_name)
        if changed:
            board_settings.save()
            self.changes.append(f"Set the board settings: {', '.join(changed)}")

    def load_site_name(self):
        if self.site.site_name in ("", MIGRATION_SITE_NAME):
            self.site.site_name = self.content.BOARD_NAME
            self.site.save(update_fields=["site_name"])
            self.changes.append(f"Named the site “{self.site.site_name}”")
