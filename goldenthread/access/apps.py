from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "goldenthread.access"
    label = "access"
