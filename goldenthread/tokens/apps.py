from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "goldenthread.tokens"
    label = "tokens"
