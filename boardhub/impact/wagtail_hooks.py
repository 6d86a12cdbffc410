from django.db.models import Q
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from boardhub.consultations.action_menu import one_way_to_publish
from boardhub.consultations.models import ConsultationPage
from boardhub.core.page_deletion import at_or_below, pages_bulk_deleted
from boardhub.services.models import Service

from . import linking
from .bulk_actions import LinkToChangeBulkAction
from .models import ChangeRecord, you_said_we_did_page
from .views import refuse_deletion
from .viewsets import ChangeRecordViewSet

register_snippet(ChangeRecordViewSet)
hooks.register("register_bulk_action", LinkToChangeBulkAction)


@hooks.register("service_page_urls")
def service_pages_in_you_said_we_did(services, request):
    """Each service's page in "you said, we did", for the apps below that link to services
    (easy-read guides, boardhub.easyread.models.service_pages); none without a live page."""
    page = you_said_we_did_page(request)
    if page is None:
        return {}
    return {service.pk: page.service_url(service.slug, request) for service in services}


@hooks.register("construct_snippet_action_menu")
def one_way_to_publish_changes(menu_items, request, context):
    """A change record's editor: one main button that publishes, for officers who may."""
    if context.get("model") is ChangeRecord:
        one_way_to_publish(menu_items, context)


@hooks.register("register_log_actions")
def register_impact_log_actions(actions):
    for action, formatter in linking.LOG_FORMATTERS.items():
        actions.register_action(action)(formatter)


# A service or consultation that change records point at cannot be deleted. Wagtail's own
# check reads its reference index, which a background task fills in, and misses a page's
# descendants: these read the links themselves, and say which changes are in the way.


def changes_about(services=(), pages=()):
    """Change records (drafts too) that point at any of `services`, or at a consultation
    among `pages` and everything under them."""
    consultations = at_or_below(ConsultationPage.objects.all(), pages)
    return (
        ChangeRecord.objects.filter(
            Q(service_links__service__in=list(services))
            | Q(consultation_links__consultation__in=consultations)
        )
        .distinct()
        .order_by("title", "pk")
    )


def names(things):
    return ", ".join(f"“{thing}”" for thing in things)


@hooks.register("before_delete_snippet")
def refuse_to_delete_services_that_changes_point_at(request, instances):
    services = [instance for instance in instances if isinstance(instance, Service)]
    if not services:
        return None
    changes = list(changes_about(services=services))
    if changes:
        return refuse_deletion(request, names(services), changes)
    return None


@hooks.register("before_delete_page")
def refuse_to_delete_consultations_that_changes_point_at(request, page):
    changes = list(changes_about(pages=[page]))
    if changes:
        return refuse_deletion(request, names([page.title]), changes)
    return None


@hooks.register("before_bulk_action")
def refuse_to_bulk_delete_consultations_that_changes_point_at(
    request, action_type, objects, action_class_instance
):
    pages = pages_bulk_deleted(action_type, objects)
    if not pages:
        return None
    changes = list(changes_about(pages=pages))
    if changes:
        return refuse_deletion(request, names(page.title for page in pages), changes)
    return None
