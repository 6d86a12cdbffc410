"""The address of "What my feedback changed", under /account/. Registered in the account area
(ImpactConfig.ready), so it keeps its name in its namespace: "members:feedback_changes". No
app_name, for that reason."""

from django.urls import path

from . import account_views

urlpatterns = [
    path("what-my-feedback-changed/", account_views.feedback_changes, name="feedback_changes"),
]
