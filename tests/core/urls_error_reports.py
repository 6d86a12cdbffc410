"""The site's URLs plus a view that fails with a member's email address in its message, as a
real fault can (say, "No account for sam@example.org")."""

from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from boardhub.urls import handler404, handler500
from boardhub.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


@csrf_exempt  # posted to without a form first, as gunicorn hands it a request
def failing_answers_view(request):
    answer = request.POST.get("answer", "")  # a local variable Django's report would show
    raise LookupError(f"No account for {request.POST.get('email')} ({len(answer)} characters)")


urlpatterns = [path("answers-that-fail/", failing_answers_view), *site_urlpatterns]
