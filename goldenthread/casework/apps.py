from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "goldenthread.casework"
    verbose_name = "Case management"
