from django.urls import path

from . import views

app_name = "members"

# No address here takes a user id: each page shows and changes the signed-in person's own data.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("feedback/", views.your_feedback, name="feedback"),
    path("feedback/<str:reference>/", views.feedback_detail, name="feedback_detail"),
    path("what-my-feedback-changed/", views.feedback_changes, name="feedback_changes"),
    path("keep-signed-in/", views.keep_signed_in, name="keep_signed_in"),
    path("equality-monitoring/", views.equality, name="equality"),
    path("equality-monitoring/withdraw/", views.equality_withdraw, name="equality_withdraw"),
]
