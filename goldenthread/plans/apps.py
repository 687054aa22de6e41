from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "goldenthread.plans"
    verbose_name = "Assessments and intervention plans"
