from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from boardhub.core import health
from boardhub.core import views as core_views
from boardhub.impact import opendata
from boardhub.meetings import views as meeting_views
from boardhub.members.reauthentication import ReauthenticateByCodeView
from boardhub.members.sign_in import SignInView, redirect_to_sign_in

urlpatterns = [
    # Wagtail's own sign-in forms would bypass allauth (its rate limits, email verification and
    # two-factor checks), so their addresses only ever lead to allauth's sign-in page
    # (boardhub.members.sign_in; tests/members/test_sign_in_paths.py finds any new one).
    path("admin/login/", redirect_to_sign_in),
    path("_util/login/", redirect_to_sign_in),
    path("admin/forms/", include("boardhub.feedback.one_door")),  # answers: only through triage
    path("admin/", include(wagtailadmin_urls)),
    # allauth's sign-in page, which refuses to sign anyone in while attempts cannot be counted.
    path("accounts/login/", SignInView.as_view()),
    # "Confirm it is you" by a code we email, beside allauth's password and second factor.
    path(
        "accounts/reauthenticate/code/",
        ReauthenticateByCodeView.as_view(),
        name="account_reauthenticate_by_code",
    ),
    path("accounts/", include("allauth.urls")),
    path("account/", include("boardhub.members.urls")),
    path("account/your-data/", include("boardhub.privacy.urls")),
    path("join/", include("boardhub.joining.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", core_views.search, name="search"),
    path("reader-preferences/", core_views.reader_preferences, name="reader_preferences"),
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Meetings' calendars, and "you said, we did" open data, beside their pages. Wagtail's
    # pages only serve addresses that end in a slash, so these are routed here, and answer
    # only for a live page's address.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)(?P<name>calendar|meeting)\.ics$",
        meeting_views.serve_calendar,
    ),
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)+)open-data\.(?P<extension>csv|json)$",
        opendata.serve,
        name="impact_open_data",
    ),
    path("", include(wagtail_urls)),
]

handler404 = "boardhub.core.views.page_not_found"
handler500 = "boardhub.core.views.server_error"
