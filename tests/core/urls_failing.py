"""The site's URLs plus one view that always fails, to show the 500 page."""

from django.urls import path

from boardhub.urls import handler404, handler500
from boardhub.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def broken_view(request):
    raise RuntimeError("A fault for the tests")


urlpatterns = [path("broken/", broken_view), *site_urlpatterns]
