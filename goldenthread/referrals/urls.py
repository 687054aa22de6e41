from django.urls import path

from goldenthread.referrals import intake_views, public_views, views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.referral_list, name="list"),
    path("referrals/new/", views.referral_new, name="new"),
    path("referrals/candidates/", views.referral_candidates, name="candidates"),
    path("referrals/<int:pk>/", views.referral_detail, name="detail"),
    path("referrals/queue/", views.referral_queue_page, name="queue"),
    path("referrals/<int:pk>/move/", views.referral_move, name="move"),
    path("referrals/intake/", intake_views.intake_list, name="intake"),
    path("referrals/<int:pk>/outreach/", intake_views.outreach_record, name="outreach"),
    path("referrals/<int:pk>/enroll/", intake_views.enroll, name="enroll"),
    path("referrals/holds/", intake_views.holds_list, name="holds"),
    path("referrals/<int:pk>/hold/", intake_views.hold_record, name="hold"),
    path("s/<slug:slug>/refer/", public_views.public_referral, name="public"),
    path("s/<slug:slug>/refer/status/", public_views.public_receipt_status, name="public_status"),
]
