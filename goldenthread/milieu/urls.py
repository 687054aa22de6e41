from django.urls import path

from goldenthread.milieu import views

app_name = "milieu"
urlpatterns = [
    path("milieu/", views.encounters, name="encounters"),
    path("milieu/referrals/<int:pk>/", views.referral_update, name="referral_update"),
]
