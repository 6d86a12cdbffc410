from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "boardhub.members"
    label = "members"
    verbose_name = "Members"
