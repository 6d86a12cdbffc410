from django.urls import path

from . import views

app_name = "members"

# No address here takes a user id: each page shows and changes the signed-in person's own data.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("equality-monitoring/", views.equality, name="equality"),
    path("equality-monitoring/withdraw/", views.equality_withdraw, name="equality_withdraw"),
]
