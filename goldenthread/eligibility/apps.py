from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "goldenthread.eligibility"
    verbose_name = "Eligibility rules"
