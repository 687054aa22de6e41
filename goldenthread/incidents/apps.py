from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "goldenthread.incidents"
    verbose_name = "Critical incidents"
