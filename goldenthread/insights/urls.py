from django.urls import path

from goldenthread.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.overview, name="overview"),
    path("insights/report/", views.report, name="report"),
    path("insights/outcomes/", views.outcomes, name="outcomes"),
    path("insights/lodging/", views.placements, name="placements"),
    path("insights/national/", views.national_view, name="national"),
    path("insights/export.csv", views.export, name="export"),
    path("insights/data/", views.data, name="data"),
    path("insights/settings/", views.evaluation_settings, name="settings"),
    path("s/<slug:slug>/dashboard/", views.public, name="public"),
]
