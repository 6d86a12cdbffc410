"""Keeping links and their announcements right when things happen elsewhere."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.log_actions import get_active_log_context
from wagtail.signals import published

from boardhub.consultations.models import Feedback

from . import linking
from .models import ChangeFeedbackLink, ChangeRecord


def officer_now():
    """Who is acting: the admin runs each request in a log context with its user."""
    return get_active_log_context().user


@receiver(published, sender=ChangeRecord)
def announce_links_on_publish(sender, instance, **kwargs):
    """Responses linked while the change was a draft: their authors hear of it now. Wagtail
    also sends this when it schedules a first publish for later; that waits until it is live."""
    if instance.live:
        linking.announce_links(instance, by=officer_now())


@receiver(pre_delete, sender=ChangeRecord)
def unlink_responses_of_deleted_change(sender, instance, **kwargs):
    """A deleted change no longer holds its responses: unlink each, as an officer would, so
    their statuses go back and their histories say why."""
    for link in ChangeFeedbackLink.objects.filter(change=instance).select_related("change"):
        linking.unlink(link, officer_now())


@receiver(pre_delete, sender=Feedback)
def record_deleted_response(sender, instance, **kwargs):
    linking.record_deleted_response(instance)
