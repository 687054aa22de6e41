from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "goldenthread.webhooks"
    verbose_name = "Webhooks"
