"""The easy-read check, run while an officer writes a guide."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from .forms import guide_from_form
from .models import EasyReadGuidePage
from .panels import check_context


@require_POST
def check(request):
    """Check the guide posted from the editor, saved or not, and return its problems.

    The whole edit form is posted and read with the guide's own admin form, so the body is
    parsed exactly as saving would parse it. Nothing is saved.
    """
    form_class = EasyReadGuidePage.get_edit_handler().get_form_class()
    form = form_class(request.POST, instance=EasyReadGuidePage(), for_user=request.user)
    try:
        guide = guide_from_form(form)
    except (KeyError, ValueError):
        # The editor always posts the whole body; anything else did not come from it.
        return HttpResponseBadRequest("Post the guide's edit form to check it.")
    context = check_context(guide)
    return JsonResponse(
        {
            "count": context["count"],
            "status": context["status"],
            "problems": [problem.as_dict() for problem in context["problems"]],
            "html": render_to_string("easyread/admin/check_results.html", context, request),
        }
    )
