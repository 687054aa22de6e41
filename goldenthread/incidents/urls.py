from django.urls import path

from goldenthread.incidents import views

app_name = "incidents"
urlpatterns = [
    path("incidents/", views.incident_list, name="list"),
    path("incidents/new/", views.incident_new, name="new"),
    path("incidents/<int:pk>/", views.incident_detail, name="detail"),
    path("incidents/<int:pk>/review/", views.incident_review, name="review"),
    path("incidents/<int:pk>/outcome/", views.incident_outcome, name="outcome"),
]
