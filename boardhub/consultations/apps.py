from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "boardhub.consultations"
    label = "consultations"
    verbose_name = "Consultations"
