from django.urls import path

from goldenthread.lodging import views

app_name = "lodging"
urlpatterns = [
    path("lodging/", views.board, name="board"),
    path("lodging/<int:pk>/check-in/", views.check_in, name="check_in"),
]
