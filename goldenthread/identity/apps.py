from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "goldenthread.identity"
    verbose_name = "Identity resolution"
