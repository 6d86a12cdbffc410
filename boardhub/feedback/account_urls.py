"""The addresses of a member's own feedback, under /account/. Registered in the account area
(FeedbackConfig.ready), so they keep their names in its namespace: "members:feedback" and
"members:feedback_detail". No app_name, for that reason."""

from django.urls import path

from . import account_views

urlpatterns = [
    path("feedback/", account_views.your_feedback, name="feedback"),
    # A response's reference is looked up among the signed-in member's own responses only.
    path("feedback/<str:reference>/", account_views.feedback_detail, name="feedback_detail"),
]
