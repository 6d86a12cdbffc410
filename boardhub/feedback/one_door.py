"""One door to people's answers: the triage views.

Wagtail's form builder comes with its own listing, download and delete of a form's
submissions (wagtail.contrib.forms, under /admin/forms/). For consultations they would skip
everything the triage views keep: safeguarding flags, the audit log, formula-safe downloads,
and deleting only with a reason. So, for a consultation, each of those addresses leads to the
triage listing of that consultation and shows, downloads or deletes nothing. Two locks:

- these URL patterns, routed by boardhub/urls.py before Wagtail's admin, redirect;
- the `filter_form_submissions_for_user` hook (wagtail_hooks.py) leaves consultations out of
  every user's forms, so Wagtail's own views refuse them too, its "Forms" listing never shows
  one, and its "Forms" menu item is hidden while consultations are the only forms.

A form page that is not a consultation (there is none yet) keeps Wagtail's views.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.forms import views as wagtail_forms
from wagtail.contrib.forms.utils import get_forms_for_user

from boardhub.consultations.models import ConsultationPage


def triage_listing_url(consultation_id=None):
    url = reverse("feedback:index")
    return f"{url}?consultation={consultation_id}" if consultation_id else url


@require_admin_access
def forms_index(request, results_only=False):
    if not get_forms_for_user(request.user).exists():
        return redirect(triage_listing_url())
    return wagtail_forms.FormPagesListView.as_view(results_only=results_only)(request)


@require_admin_access
def submissions(request, page_id, results_only=False):
    if ConsultationPage.objects.filter(pk=page_id).exists():
        return redirect(triage_listing_url(page_id))
    return wagtail_forms.get_submissions_list_view(
        request, page_id=page_id, results_only=results_only
    )


@require_admin_access
def delete_submissions(request, page_id):
    if ConsultationPage.objects.filter(pk=page_id).exists():
        return redirect(triage_listing_url(page_id))
    return wagtail_forms.DeleteSubmissionsView.as_view()(request, page_id=page_id)


urlpatterns = [
    path("", forms_index),
    path("results/", forms_index, {"results_only": True}),
    path("submissions/<int:page_id>/", submissions),
    path("submissions/<int:page_id>/results/", submissions, {"results_only": True}),
    path("submissions/<int:page_id>/delete/", delete_submissions),
]
