from django.apps import AppConfig


class ShellConfig(AppConfig):
    name = "goldenthread.shell"
    label = "shell"
