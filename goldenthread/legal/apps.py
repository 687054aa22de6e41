from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "goldenthread.legal"
    verbose_name = "Legal coordination"
