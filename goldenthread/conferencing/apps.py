from django.apps import AppConfig


class ConferencingConfig(AppConfig):
    name = "goldenthread.conferencing"
    verbose_name = "Case conferencing"
