from django.urls import path

from goldenthread.eligibility import views

app_name = "eligibility"
urlpatterns = [
    path("eligibility/", views.rules_page, name="rules"),
    path("eligibility/offense-codes/", views.offense_code_save, name="offense_code"),
    path("referrals/<int:pk>/screening/", views.screening_record, name="screening"),
]
