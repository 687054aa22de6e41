from django.urls import path

from goldenthread.referrals import views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.referral_list, name="list"),
    path("referrals/new/", views.referral_new, name="new"),
    path("referrals/candidates/", views.referral_candidates, name="candidates"),
    path("referrals/<int:pk>/", views.referral_detail, name="detail"),
    path("referrals/queue/", views.referral_queue_page, name="queue"),
    path("referrals/<int:pk>/move/", views.referral_move, name="move"),
]
