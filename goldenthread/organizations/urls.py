from django.urls import path

from goldenthread.organizations import views

app_name = "organizations"
urlpatterns = [
    path("site/settings/", views.site_settings, name="site_settings"),
    path("site/organizations/", views.organization_list, name="list"),
    path("site/organizations/<int:pk>/", views.organization_edit, name="edit"),
    path("site/people/", views.people, name="people"),
    path("site/memberships/<int:pk>/toggle/", views.membership_toggle, name="membership_toggle"),
    path("site/memberships/<int:pk>/mfa-reset/", views.membership_mfa_reset, name="mfa_reset"),
    path("site/invitations/", views.invitation_list, name="invitations"),
    path("site/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:secret>/", views.invitation_accept, name="invitation_accept"),
    path("switch-organization/", views.switch_membership, name="switch"),
]
