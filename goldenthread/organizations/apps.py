from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "goldenthread.organizations"
    label = "organizations"
