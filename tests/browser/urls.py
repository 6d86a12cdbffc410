"""The site's URLs, plus what only the browser tests need.

The demo fixture points ROOT_URLCONF here. The live server runs in the test process, so the
override reaches it.
"""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from boardhub.urls import handler404, handler500
from boardhub.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def server_error(request):
    raise RuntimeError("A deliberate error, so the browser tests can see the 500 page.")


def media(request, path):
    # With DEBUG off the site serves no uploads; the demo's pictures should still show.
    # MEDIA_ROOT is read per request, because each test has its own.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("test-only/server-error/", server_error),
    re_path(r"^media/(?P<path>.*)$", media),
    *site_urlpatterns,
]
