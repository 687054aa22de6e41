from django.urls import path

from goldenthread.hmis import views

app_name = "hmis"
urlpatterns = [
    path("hmis/export/", views.export, name="export"),
]
