from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "goldenthread.timeline"
    verbose_name = "Participant timeline"
