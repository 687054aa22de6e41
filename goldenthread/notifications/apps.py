from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "goldenthread.notifications"
    verbose_name = "Notifications"
