"""Members who asked are told when a consultation opens to them: once each, through their own
channel, after the transaction that opened it commits.

A consultation "opens to" a member when it is live, open now (opens_at <= now < closes_at) and
the member may read it. Both audiences ("Board members only" and "Everyone") reach members, as
only members have a profile to ask; a page an officer has restricted with Wagtail's privacy
settings reaches only the members it lets in (signed-in people for "login", the named groups
for "groups", nobody for a shared password: we cannot send the password).

How it runs:

- publishing a consultation that is open now announces it (`announce_on_publish`, connected
  to Wagtail's `page_published` in ConsultationsConfig.ready);
- one whose opening time comes later is announced by `manage.py announce_open_consultations`,
  run every quarter of an hour beside the other periodic jobs (site/deploy/README.md and the
  systemd timer in site/deploy/systemd/). It also reaches members who join, or ask to be told,
  while a consultation is open.

The invariants: a member is told about a consultation once (`ConsultationAnnouncement` is
unique per member and consultation, the row is claimed by a conditional UPDATE before the
message is stored, and `send` is given a dedupe key as well); nobody who said no
(`notify_new_consultations` off) is told; choosing who to tell costs a fixed number of queries
however many members there are (one insert for all of them), and the sending, one message per
member, happens in a background task queued after commit, never in the officer's request.

Board meetings: `MemberProfile.notify_meetings` ("tell me about board meetings") is read here
by nothing yet; the meetings app (a later issue) tells members about a meeting the same way,
with its own once-only row, when it is published.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task
from wagtail.models import PageViewRestriction

from boardhub.core.links import absolute_url
from boardhub.members.models import MemberProfile
from boardhub.notifications.recipients import Recipient
from boardhub.notifications.sending import send

from .models import ConsultationAnnouncement, ConsultationPage

logger = logging.getLogger(__name__)

MESSAGE_KEY = "consultation_opened"


def is_open_now(page, now=None):
    now = now or timezone.now()
    return page.live and page.opens_at <= now < page.closes_at


def members_to_tell(page):
    """The profiles of the active members who asked to hear about new consultations and may
    read `page`: a queryset, not yet run."""
    profiles = MemberProfile.objects.filter(notify_new_consultations=True, user__is_active=True)
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return profiles.none()
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            profiles = profiles.filter(
                Q(user__is_superuser=True) | Q(user__groups__in=restriction.groups.all())
            )
    return profiles.distinct()


def announce(page, now=None):
    """Tell each member who asked, and has not been told, that `page` is open to them. Returns
    how many members were added to be told. The messages go from a background task queued
    once this transaction commits."""
    if not is_open_now(page, now):
        return 0
    with transaction.atomic():
        members = members_to_tell(page).exclude(
            user__in=ConsultationAnnouncement.objects.filter(consultation=page).values("member")
        )
        member_ids = list(members.values_list("user_id", flat=True))
        ConsultationAnnouncement.objects.bulk_create(
            [ConsultationAnnouncement(consultation=page, member_id=pk) for pk in member_ids],
            ignore_conflicts=True,  # another run got there first: told once all the same
            batch_size=500,
        )
        # New members to tell, or some a task that stopped part-way did not reach: queue the
        # task (a second one running at once finds their rows claimed and sends nothing).
        waiting = ConsultationAnnouncement.objects.filter(consultation=page, told_at__isnull=True)
        if member_ids or waiting.exists():
            page_id = page.pk
            transaction.on_commit(lambda: tell_members.enqueue(page_id))
    return len(member_ids)


def consultations_open_now(now=None):
    now = now or timezone.now()
    return ConsultationPage.objects.live().filter(opens_at__lte=now, closes_at__gt=now)


def announce_open_consultations(now=None):
    """Announce every consultation open now (the periodic command): {title: members added}."""
    now = now or timezone.now()
    return {page.title: announce(page, now) for page in consultations_open_now(now)}


def announce_on_publish(sender, instance, **kwargs):
    """Wagtail's page_published: a consultation published while open is announced now."""
    page = instance.specific if not isinstance(instance, ConsultationPage) else instance
    if isinstance(page, ConsultationPage) and is_open_now(page):
        announce(page)


def closes_on(page):
    return date_format(timezone.localtime(page.closes_at), "j F Y")


def message_context(page, profile):
    """What the "consultation_opened" message (boardhub.notifications.messages) reads."""
    return {
        "name": profile.user.get_short_name() or profile.user.get_full_name(),
        "title": page.title,
        "summary": page.summary,
        "closes_on": closes_on(page),
        "link": page.full_url or absolute_url(page.url or "/"),
        "member": True,
    }


@task()
def tell_members(page_id):
    """Send each waiting member of `page_id` the "consultation opened" message, once: each row
    is claimed (told_at set by a conditional UPDATE) in the same transaction as its message
    is stored, so two runs of this task cannot both send it."""
    page = ConsultationPage.objects.filter(pk=page_id).first()
    if page is None or not is_open_now(page):
        return 0
    waiting = ConsultationAnnouncement.objects.filter(
        consultation=page, told_at__isnull=True
    ).select_related("member__profile")
    told = 0
    for announcement in waiting.iterator(chunk_size=200):
        member = announcement.member
        with transaction.atomic():
            claimed = ConsultationAnnouncement.objects.filter(
                pk=announcement.pk, told_at__isnull=True
            ).update(told_at=timezone.now())
            if not claimed:
                continue
            profile = getattr(member, "profile", None)
            if profile is None or not profile.notify_new_consultations:
                continue  # changed their mind since: marked, never told
            recipient = Recipient.for_member(member)
            if recipient is None:
                continue
            send(
                recipient,
                MESSAGE_KEY,
                message_context(page, profile),
                about=page,
                dedupe_key=f"{MESSAGE_KEY}:{page.pk}:{member.pk}",
            )
            told += 1
    return told
