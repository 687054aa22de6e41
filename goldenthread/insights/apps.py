from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "goldenthread.insights"
    verbose_name = "Insights"
