from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "goldenthread.outreach"
    verbose_name = "Outreach"
