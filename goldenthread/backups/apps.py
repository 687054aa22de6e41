from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "goldenthread.backups"
    verbose_name = "Backups"
