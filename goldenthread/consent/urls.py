from django.urls import path

from goldenthread.consent import views

app_name = "consent"
urlpatterns = [
    path("people/<int:person_pk>/releases/new/", views.consent_signed_new, name="new_signed"),
    path(
        "people/<int:person_pk>/releases/verbal/",
        views.consent_provisional_new,
        name="new_provisional",
    ),
    path("releases/<int:pk>/revoke/", views.consent_revoke, name="revoke"),
    path("releases/<int:pk>/signed-copy/", views.consent_signed_copy, name="signed_copy"),
    path("releases/<int:pk>/fhir/", views.consent_fhir, name="fhir"),
    path("site/information-categories/", views.site_categories, name="site_categories"),
    path(
        "site/information-categories/<int:pk>/rename/",
        views.category_rename,
        name="category_rename",
    ),
]
