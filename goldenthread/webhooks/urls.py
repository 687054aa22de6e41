from django.urls import path

from goldenthread.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("site/webhooks/", views.subscriptions, name="subscriptions"),
    path("site/webhooks/<int:pk>/off/", views.deactivate, name="deactivate"),
]
