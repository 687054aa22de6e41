from django.urls import path

from goldenthread.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("evaluation/extract/", views.extract, name="extract"),
]
