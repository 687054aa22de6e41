from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "goldenthread.governance"
    verbose_name = "Governance"
