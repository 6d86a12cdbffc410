"""The ceiling `make bench` compares each page with: the smallest Django app there is, one view
that returns an HTML page of the size asked for (/<bytes>/), with no database, no middleware
and no templates. bench.py serves it with the same gunicorn settings as BoardHub
(site/deploy/gunicorn.conf.py), so a page's requests per second over this one's says how much
of the time goes in BoardHub's own work rather than in gunicorn, Django and the network.

    gunicorn -c site/deploy/gunicorn.conf.py tests.performance.ceiling:application
"""

from functools import cache

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="only-for-the-benchmark-ceiling",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

START = b'<!DOCTYPE html>\n<html lang="en-GB"><head><title>Ceiling</title></head><body><p>'
END = b"</p></body></html>\n"


@cache
def page_of(size):
    return START + b"x" * max(0, size - len(START) - len(END)) + END


def page(request, size):
    return HttpResponse(page_of(size), content_type="text/html; charset=utf-8")


urlpatterns = [path("<int:size>/", page)]
application = get_wsgi_application()
