from django.apps import AppConfig


class MilieuConfig(AppConfig):
    name = "goldenthread.milieu"
    verbose_name = "Street milieu"
