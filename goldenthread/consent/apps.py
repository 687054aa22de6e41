from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "goldenthread.consent"
    label = "consent"
