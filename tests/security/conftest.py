"""The people and the objects the route inventory's checks request each address with.

They are made once for the whole module, inside a transaction that is rolled back when the
module ends, so that hundreds of addresses can be checked against two dozen people in about a
minute. Each test still runs inside its own savepoint (pytest-django), and each request inside
one more (`ask` in test_route_inventory.py), so no request sees what another one did.
"""

import hashlib
import itertools
import secrets
from dataclasses import dataclass, field
from io import BytesIO
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from fido2.cose import ES256
from fido2.utils import websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)
from PIL import Image as PILImage
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Task,
    UploadedFile,
    Workflow,
)

from boardhub.consultations.models import FormatRequest
from boardhub.core.models import StandardPage, TaskRetry
from boardhub.demo.factories import (
    ActionFactory,
    ApplicationFactory,
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    DocumentFactory,
    EasyReadGuidePageFactory,
    EasyReadIndexPageFactory,
    FeedbackFactory,
    ImageFactory,
    InvitationFactory,
    MeetingIndexPageFactory,
    MeetingPageFactory,
    SafeguardingFlagFactory,
    ServiceFactory,
    StandardPageFactory,
    UserFactory,
    activate_totp,
)
from boardhub.easyread.models import JargonTerm
from boardhub.feedback.models import DropInSession, OfflineRecord
from boardhub.impact.models import ChangeFeedbackLink, YouSaidWeDidPage
from boardhub.joining.models import HowHeard, OutreachEvent
from boardhub.reports.models import EvidencePack, PackStatus
from boardhub.representation.models import ReferencePopulation
from home.models import HomePage
from tests.conftest import SignedInClient

from .route_inventory import (
    EDITORS,
    FEEDBACK_DELETERS,
    FEEDBACK_HANDLERS,
    FORMATS_TEAM_GROUP,
    MEETING_ORGANISERS_GROUP,
    MODERATORS,
    SAFEGUARDING,
)

# The page groups an officer can be in, to combine with the two feedback groups.
PAGE_GROUP_CHOICES = ((), (EDITORS,), (MODERATORS,), (EDITORS, MODERATORS))


@dataclass
class Person:
    """Someone the checks sign in as (or nobody, for the public).

    `session_key` is their signed-in session; `own` holds what belongs to them (their own
    response, for the account area's addresses that show a person their own data).
    `admin_refused` marks someone who must be refused every admin address, whoever the
    address is for (an officer who skipped two-factor, or never set it up).
    """

    label: str
    groups: frozenset = frozenset()
    signed_in: bool = True
    superuser: bool = False
    admin_refused: bool = False
    session_key: str | None = None
    own: SimpleNamespace = field(default_factory=SimpleNamespace)


def officer_combinations():
    """Every page group (none, Editors, Moderators, both) with and without each of Feedback
    handlers and Safeguarding: 4 x 2 x 2 = 16 sets of groups."""
    for page_groups, handles, safeguards in itertools.product(
        PAGE_GROUP_CHOICES, (False, True), (False, True)
    ):
        groups = set(page_groups)
        if handles:
            groups.add(FEEDBACK_HANDLERS)
        if safeguards:
            groups.add(SAFEGUARDING)
        yield frozenset(groups)


def group_label(groups):
    return " + ".join(sorted(groups)) or "no officer group (two-factor on)"


def sign_in(user, *, two_factor=True):
    client = SignedInClient()
    client.force_login(user, two_factor=two_factor)
    return client.session.session_key


def make_person(label, *, groups=(), superuser=False, totp=True, two_factor=True, **kwargs):
    user = UserFactory(verified=True, is_superuser=superuser, is_staff=superuser)
    user.groups.set(Group.objects.filter(name__in=groups))
    assert user.groups.count() == len(groups), f"One of the groups {sorted(groups)} is missing"
    if totp:
        activate_totp(user)
    person = Person(label, groups=frozenset(groups), superuser=superuser, **kwargs)
    person.session_key = sign_in(user, two_factor=two_factor)
    person.own = SimpleNamespace(user=user)
    return person


def passkey_registration():
    """What a browser posts when someone adds a security key: a new P-256 key, attested with
    "none", for the test client's host."""
    credential_id = secrets.token_bytes(16)
    public_key = ES256.from_cryptography_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
    authenticator_data = AuthenticatorData.create(
        hashlib.sha256(b"testserver").digest(),
        flags,
        0,
        AttestedCredentialData.create(b"\0" * 16, credential_id, public_key),
    )
    client_data = CollectedClientData.create(
        "webauthn.create", websafe_encode(b"a challenge"), "https://testserver"
    )
    return {
        "id": websafe_encode(credential_id),
        "rawId": websafe_encode(credential_id),
        "type": "public-key",
        "response": {
            "clientDataJSON": websafe_encode(client_data),
            "attestationObject": websafe_encode(
                AttestationObject.create("none", authenticator_data, {})
            ),
        },
        "clientExtensionResults": {},
    }


def add_passkey(person):
    """A security key or passkey of the person's own, and recovery codes, for the addresses
    that show, download, rename or remove them."""
    person.own.passkey = Authenticator.objects.create(
        user=person.own.user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "My security key", "credential": passkey_registration()},
    )
    RecoveryCodes.activate(person.own.user)


def give_passkeys(people):
    """A passkey for everyone signed in with a second factor of their own (and the member);
    the others name the superuser's, which must be refused them."""
    for person in people:
        if person.signed_in and not person.admin_refused:
            add_passkey(person)
    superusers_key = next(person for person in people if person.superuser).own.passkey
    for person in people:
        person.own.__dict__.setdefault("passkey", superusers_key)


def make_people():
    people = [
        Person("the public (not signed in)", signed_in=False),
        # With two-factor, like the officers, so that every page about it is theirs to see.
        make_person("a member (no officer group, two-factor on)"),
    ]
    people += [make_person(group_label(groups), groups=groups) for groups in officer_combinations()]
    people += [
        # Deleting responses is a group of its own, given on top of reading them.
        make_person(
            "Feedback handlers + Feedback deleters", groups={FEEDBACK_HANDLERS, FEEDBACK_DELETERS}
        ),
        make_person("Feedback deleters alone", groups={FEEDBACK_DELETERS}),
        # Requests for another format: the admin, and those requests, and nothing else.
        make_person("Accessible formats team alone", groups={FORMATS_TEAM_GROUP}),
        # Meetings: who is coming and their support needs, venues, partners and actions.
        make_person("Meeting organisers alone", groups={MEETING_ORGANISERS_GROUP}),
        make_person("a superuser", superuser=True),
        make_person(
            "a superuser whose session skipped two-factor",
            superuser=True,
            two_factor=False,
            admin_refused=True,
        ),
        make_person(
            "an officer in every group, without two-factor set up",
            groups={EDITORS, MODERATORS, FEEDBACK_HANDLERS, SAFEGUARDING},
            totp=False,
            admin_refused=True,
        ),
    ]
    return people


def tiny_png():
    output = BytesIO()
    PILImage.new("RGB", (8, 8), "white").save(output, "PNG")
    return output.getvalue()


def make_pages(objects):
    home = HomePage.objects.get()
    objects.home = home
    objects.callout_block = StandardPage.body.field.stream_block.child_blocks["callout"]
    objects.standard_page = StandardPageFactory(parent=home, title="About the board")
    objects.standard_page.save_revision().publish()
    objects.private_page = StandardPageFactory(parent=home, title="For members only")
    PageViewRestriction.objects.create(
        page=objects.private_page, restriction_type=PageViewRestriction.LOGIN
    )
    objects.password_page = StandardPageFactory(parent=home, title="Shared password")
    objects.page_password = PageViewRestriction.objects.create(
        page=objects.password_page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="board-meeting",
    )
    objects.consultation_index = ConsultationIndexPageFactory(parent=home)
    objects.consultation = ConsultationPageFactory(
        parent=objects.consultation_index, title="Care at home"
    )
    objects.members_consultation = ConsultationPageFactory(
        parent=objects.consultation_index, title="For board members", audience="members"
    )
    objects.easyread_index = EasyReadIndexPageFactory(parent=home)
    objects.guide = EasyReadGuidePageFactory(parent=objects.easyread_index)
    objects.you_said_we_did = home.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )
    objects.in_moderation = StandardPageFactory(parent=home, title="Waiting for a moderator")
    objects.in_moderation.save_revision()
    objects.workflow = Workflow.objects.get(name="Moderators approval")
    objects.task = Task.objects.filter(workflow_tasks__workflow=objects.workflow).first()
    objects.workflow_state = objects.workflow.start(objects.in_moderation, user=None)
    objects.task_state = objects.workflow_state.current_task_state


def make_feedback_and_changes(objects, people):
    objects.feedback = FeedbackFactory(page=objects.consultation)
    objects.flagged_feedback = FeedbackFactory(page=objects.consultation)
    SafeguardingFlagFactory(feedback=objects.flagged_feedback)
    for person in people:
        member = getattr(person.own, "user", None)
        person.own.feedback = FeedbackFactory(page=objects.consultation, member=member)
    objects.service = ServiceFactory(name="Home care", slug="home-care")
    objects.change = ChangeRecordFactory(services=[objects.service])
    objects.change.save_revision().publish()
    objects.change_link = ChangeFeedbackLink.objects.create(
        change=objects.change, feedback=objects.feedback
    )
    objects.change_in_moderation = ChangeRecordFactory(live=False, title="Waiting for review")
    objects.change_in_moderation.save_revision()
    objects.change_workflow_state = objects.workflow.start(objects.change_in_moderation, user=None)
    objects.change_task_state = objects.change_workflow_state.current_task_state
    objects.jargon_term = JargonTerm.objects.order_by("pk").first()
    objects.format_request = FormatRequest.objects.create(
        consultation=objects.consultation, format="large_print", contact_details="By post"
    )
    # A paper form recorded at a drop-in session, with its scan (in the private storage).
    objects.drop_in_session = DropInSession.objects.create(
        title="Digital drop-in", place="Brookside community hub", held_on=timezone.localdate()
    )
    objects.recorded_feedback = FeedbackFactory(page=objects.consultation, channel="drop_in")
    objects.offline_record = OfflineRecord.objects.create(
        feedback=objects.recorded_feedback,
        gathered_on=timezone.localdate(),
        session=objects.drop_in_session,
        scan=ContentFile(b"%PDF-1.4\n%%EOF\n", name="form.pdf"),
    )


def make_joining(objects):
    objects.invitation = InvitationFactory()
    objects.application = ApplicationFactory()
    objects.decided_application = ApplicationFactory(status="declined", reviewed_at=timezone.now())


def make_media(objects, superuser):
    objects.collection = Collection.get_first_root_node().add_child(name="Board papers")
    objects.image = ImageFactory()
    objects.document = DocumentFactory(title="Minutes", file__filename="minutes.txt")
    objects.private_collection = Collection.get_first_root_node().add_child(name="Private")
    objects.document_password = CollectionViewRestriction.objects.create(
        collection=objects.private_collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="board-papers",
    )
    objects.uploaded_image = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        file=ContentFile(tiny_png(), name="upload.png"),
        uploaded_by_user=superuser,
    )
    objects.uploaded_document = UploadedFile.objects.create(
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        file=ContentFile(b"Minutes", name="minutes.txt"),
        uploaded_by_user=superuser,
    )


def make_admin_records(objects, superuser):
    objects.redirect = Redirect.objects.create(old_path="/old-page", redirect_link="/")
    objects.failed_task = DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": ["Your sign-in code", ["sam@example.org"], "Code: 123456"]},
        task_path="boardhub.core.emails.send_email",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback="smtplib.SMTPRecipientsRefused: {'sam@example.org': (550, 'No such person')}",
    )
    TaskRetry.objects.create(failed_task=objects.failed_task)
    from boardhub.notifications.models import Notification

    objects.notification = Notification.objects.create(
        message_key="feedback_receipt", channel="by_hand", backend="officer", status="done"
    )
    objects.group = Group.objects.get(name="Editors")
    objects.site = objects.home.get_site()
    objects.user = UserFactory(verified=True, display_name="Someone to edit")
    objects.editing_session = EditingSession.objects.create(
        user=superuser,
        content_type=ContentType.objects.get_for_model(objects.standard_page),
        object_id=str(objects.standard_page.pk),
        last_seen_at=timezone.now(),
    )


@pytest.fixture(scope="module")
def route_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("route-inventory-media")


@pytest.fixture
def _media_root(settings, route_media_root):
    """Uploads go to the module's folder, where the module's pictures and documents are."""
    settings.MEDIA_ROOT = route_media_root


def make_meetings(objects):
    index = MeetingIndexPageFactory(parent=HomePage.objects.get())
    objects.meeting = MeetingPageFactory(parent=index)
    objects.venue = objects.meeting.venue
    objects.action = ActionFactory(meeting=objects.meeting)
    objects.partner = objects.action.owner


@pytest.fixture(scope="module")
def route_world(django_db_setup, django_db_blocker, route_media_root):
    """(people, objects): everyone the checks sign in as, and every object a sample address
    names, made once and rolled back when the module ends."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=route_media_root),
        transaction.atomic(),
    ):
        people = make_people()
        give_passkeys(people)
        superuser = next(person for person in people if person.superuser).own.user
        objects = SimpleNamespace()
        make_pages(objects)
        make_feedback_and_changes(objects, people)
        make_joining(objects)
        make_media(objects, superuser)
        make_admin_records(objects, superuser)
        make_meetings(objects)
        objects.reference_population = ReferencePopulation.objects.create(
            name="Census 2021", who="people here", source="ONS", year=2021
        )
        objects.how_heard = HowHeard.objects.create(name="A poster")
        objects.outreach_event = OutreachEvent.objects.create(
            name="Coffee morning", date=timezone.localdate(), place="Hub", community="Carers"
        )
        objects.evidence_pack = EvidencePack.objects.create(
            first_day=timezone.localdate(),
            last_day=timezone.localdate(),
            status=PackStatus.READY,
            idempotency_key="route-inventory",
        )
        objects.evidence_pack.pdf.save("pack.pdf", ContentFile(b"%PDF-1.7"))
        yield people, objects
        objects.offline_record.scan.delete(save=False)
        objects.evidence_pack.pdf.delete(save=False)
        transaction.set_rollback(True)
