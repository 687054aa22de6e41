from django.urls import path

from goldenthread.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("eligibility/", views.rules_page, name="rules"),
    path("referrals/<int:pk>/screening/", views.screening_record, name="screening"),
]
