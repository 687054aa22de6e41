from django.urls import path

from goldenthread.governance import views

app_name = "governance"
urlpatterns = [
    path("governance/", views.registry, name="registry"),
    path("governance/policies/new/", views.policy_new, name="policy_new"),
    path("governance/policies/<int:pk>/", views.policy, name="policy"),
    path("governance/community/", views.community_add, name="community_add"),
    path("governance/community/<int:pk>/leave/", views.community_leave, name="community_leave"),
    path("governance/public-page/", views.public_page_edit, name="public_page_edit"),
    path("s/<slug:slug>/", views.public, name="public"),
]
