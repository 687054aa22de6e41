from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "goldenthread.demo"
    label = "demo"
