from django.urls import path

from . import views
from .account_area import registered_urlpatterns

app_name = "members"

# No address here takes a user id: each page shows and changes the signed-in person's own data.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    # "Your feedback" and "What my feedback changed", from the apps that own them.
    *registered_urlpatterns(),
    path("keep-signed-in/", views.keep_signed_in, name="keep_signed_in"),
    path("equality-monitoring/", views.equality, name="equality"),
    path("equality-monitoring/withdraw/", views.equality_withdraw, name="equality_withdraw"),
]
