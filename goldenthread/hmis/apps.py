from django.apps import AppConfig


class HmisConfig(AppConfig):
    name = "goldenthread.hmis"
    verbose_name = "HMIS export"
