from django.urls import path

from goldenthread.lodging import views

app_name = "lodging"
urlpatterns = [
    path("lodging/", views.board, name="board"),
    path("lodging/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("lodging/<int:pk>/rota/", views.rota, name="rota"),
    path("lodging/<int:pk>/on-call/", views.on_call, name="on_call"),
    path("lodging/stays/<int:pk>/", views.stay_detail, name="stay"),
    path("lodging/stays/<int:pk>/check-out/", views.check_out, name="check_out"),
]
