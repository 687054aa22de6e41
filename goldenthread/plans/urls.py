from django.urls import path

from goldenthread.plans import views

app_name = "plans"
urlpatterns = [
    path("people/<int:pk>/plan/", views.plan, name="plan"),
    path(
        "people/<int:pk>/plan/goals/<int:goal_pk>/progress/",
        views.goal_progress,
        name="goal_progress",
    ),
    path("people/<int:pk>/assessments/", views.assessments, name="assessments"),
    path("people/<int:pk>/assessments/new/", views.assessment_new, name="assessment_new"),
]
