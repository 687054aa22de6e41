from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "goldenthread.evaluation"
    verbose_name = "Evaluation extract"
