from django.urls import path

from . import views

app_name = "joining"

urlpatterns = [
    path("", views.apply, name="apply"),
    path("application-sent/", views.application_received, name="application_received"),
    path("invitation/<str:token>/", views.accept, name="accept"),
    path("invitation/<str:token>/new/", views.renew, name="renew"),
]
