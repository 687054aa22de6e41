from django.urls import path

from goldenthread.tokens import views

app_name = "tokens"
urlpatterns = [
    path("account/tokens/", views.token_list, name="list"),
    path("account/tokens/<int:pk>/revoke/", views.token_revoke, name="revoke"),
    path("api/docs/", views.api_reference, name="api_reference"),
]
