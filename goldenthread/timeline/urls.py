from django.urls import path

from goldenthread.timeline import views

app_name = "timeline"
urlpatterns = [path("people/<int:pk>/timeline/", views.timeline, name="timeline")]
