from django.urls import path

from goldenthread.conferencing import views

app_name = "conferencing"
urlpatterns = [
    path("work-groups/", views.groups, name="groups"),
    path("work-groups/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("work-groups/meetings/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("work-groups/<int:pk>/next/", views.schedule_next, name="schedule_next"),
    path("work-groups/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("work-groups/raise/<int:pk>/", views.raise_person, name="raise"),
]
