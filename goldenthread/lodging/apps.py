from django.apps import AppConfig


class LodgingConfig(AppConfig):
    name = "goldenthread.lodging"
    verbose_name = "Lodging"
