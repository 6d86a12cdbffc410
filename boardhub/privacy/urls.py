from django.urls import path

from . import views

app_name = "privacy"

# No address here takes an account id: every view works on the signed-in person only.
urlpatterns = [
    path("", views.index, name="index"),
    path("summary/", views.summary, name="summary"),
    path("download/", views.download, name="download"),
    path("delete/", views.delete, name="delete"),
    path("deleted/", views.deleted, name="deleted"),
]
