"""Making a new page or snippet once, however Wagtail's autosave and the officer's own Save,
Publish or Submit reach the server.

Wagtail 8 autosaves a "new" form by posting it, as JSON, to the create view: that first
autosave makes the object, and only when the browser hears back does it point the form at
the edit view. Until then, the officer's own Save or Publish also posts to the create view.
Two create requests for one form then race: both pass validation before either has saved, so
the second fails with a 500 ("The slug is already in use") and leaves the autosave's draft,
or, for a snippet with no unique field, makes a second object.

The invariant: one create form makes at most one object. Each create form carries a random
token (a hidden field). A create request first claims the token (a CreateFormClaim row, in
the same transaction as everything the request saves), so a second request for the same
form waits until the first has committed or rolled back. The first makes the object; every
later one becomes an edit of that object, through the model's own edit view (so its
permission, lock and stale-save checks still apply). An autosave that arrives after the
officer's own Save or Publish is refused as out of date, so it never lays an older draft
over what the officer saved.

A create request without a token (a form opened before this was deployed) is served as
before. Page types get all this from AutosaveSafePageViewSet, registered for every page in
boardhub.core.wagtail_hooks; its edit view also saves one request at a time per page. A
snippet with revisions (the only snippets Wagtail autosaves) needs a create view with
AutosaveSafeSnippetCreateMixin in its viewset; tests/core/test_autosave_races.py checks that
every such model has one.
"""

import datetime
import uuid

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone
from wagtail.admin.views.pages.create import CreateView as PageCreateView
from wagtail.admin.views.pages.edit import EditView as PageEditView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from .models import CreateFormClaim

TOKEN_FIELD = "create_form_token"  # noqa: S105 - a form field's name, not a secret
# A create form's claim matters only while that form is open; older ones are cleared away.
CLAIMS_KEPT_FOR = datetime.timedelta(days=2)
AUTOSAVE_AFTER_SAVE_MESSAGE = (
    "You have saved this already, so we have not autosaved over it. "
    "Open it again to carry on editing."
)


def create_form_token(data):
    """The token a create form posted, or None when it sent none (or not a UUID)."""
    try:
        return uuid.UUID(data.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


def add_token_field(form):
    """Give `form` the hidden token field: a new token on a new form, the posted one on a
    form shown again."""
    form.fields.setdefault(
        TOKEN_FIELD,
        forms.CharField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4),
    )


def claim(token, model):
    """The claim on `token`, locked until this transaction ends; `made_now` says whether this
    request is the first to claim it. A second request for the same form waits here (on the
    row's unique token) until the first has committed or rolled back."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    found, made_now = CreateFormClaim.objects.get_or_create(
        token=token, defaults={"content_type": content_type}
    )
    if made_now:
        CreateFormClaim.objects.filter(created_at__lt=timezone.now() - CLAIMS_KEPT_FOR).delete()
        return found, True
    return CreateFormClaim.objects.select_for_update().get(pk=found.pk), False


class AutosaveSafeCreateMixin:
    """For a Wagtail create view: one object per create form, as the module docstring says.

    The view supplies `created_object()` (the object it has just saved, or None) and
    `edit_url_for(object_id)`."""

    def post(self, request, *args, **kwargs):
        token = create_form_token(request.POST)
        if token is None:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            form_claim, made_now = claim(token, self.model_for_claim())
            if not made_now and self.claimed_object_exists(form_claim):
                return self.continue_as_edit(form_claim)
            response = super().post(request, *args, **kwargs)
            created = self.created_object()
            if created is None:
                transaction.set_rollback(True)  # nothing made: the next request may try
                return response
            form_claim.object_id = str(created.pk)
            form_claim.saved_by_officer = not self.expects_json_response
            form_claim.save(update_fields=["object_id", "saved_by_officer"])
            return response

    def claimed_object_exists(self, form_claim):
        model = form_claim.content_type.model_class()
        return (
            bool(form_claim.object_id)
            and model._default_manager.filter(pk=form_claim.object_id).exists()
        )

    def continue_as_edit(self, form_claim):
        """This form's object exists: save this request into it with its edit view, unless
        it is an autosave and the officer has saved by hand since."""
        if self.expects_json_response:
            if form_claim.saved_by_officer:
                return self.json_error_response("invalid_revision", AUTOSAVE_AFTER_SAVE_MESSAGE)
        else:
            form_claim.saved_by_officer = True
            form_claim.save(update_fields=["saved_by_officer"])
        edit = resolve(self.edit_url_for(form_claim.object_id))
        return edit.func(self.request, *edit.args, **edit.kwargs)


class AutosaveSafePageCreateView(AutosaveSafeCreateMixin, PageCreateView):
    """Wagtail's page create view, making one page per create form."""

    def model_for_claim(self):
        return self.page_class

    def created_object(self):
        return self.page if self.page.pk else None

    def edit_url_for(self, object_id):
        return reverse(self.edit_url_name, args=[object_id])

    def get_context_data(self, **kwargs):
        add_token_field(self.form)
        return super().get_context_data(**kwargs)


class AutosaveSafeSnippetCreateMixin(AutosaveSafeCreateMixin):
    """For a snippet viewset's create view (wagtail.snippets.views.snippets.CreateView)."""

    def model_for_claim(self):
        return self.model

    def created_object(self):
        made = getattr(self, "object", None)
        return made if made is not None and made.pk else None

    def edit_url_for(self, object_id):
        return reverse(self.edit_url_name, args=[quote(object_id)])

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        add_token_field(form)
        return form


class AutosaveSafePageEditView(PageEditView):
    """Wagtail's page edit view, saving one request at a time for each page.

    Wagtail refuses an autosave made from an older version than the latest, but it checks
    before it saves, outside any lock: an autosave that checked just before the officer's
    Publish committed would then save its older text as a draft over what was published.
    Locking the page's row before the view reads the page makes the check and the save one
    step, so such an autosave is refused instead."""

    def dispatch(self, request, page_id, **kwargs):
        if request.method != "POST":
            return super().dispatch(request, page_id, **kwargs)
        with transaction.atomic():
            list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk"))
            return super().dispatch(request, page_id, **kwargs)


class AutosaveSafePageViewSet(PageViewSet):
    """Wagtail's views for every page type, with the create and edit views above."""

    model = Page
    add_view_class = AutosaveSafePageCreateView
    edit_view_class = AutosaveSafePageEditView
