from django.urls import path

from goldenthread.outreach import views

app_name = "outreach"
urlpatterns = [
    path("outreach/", views.encampment_list, name="encampments"),
    path("outreach/new/", views.encampment_new, name="encampment_new"),
    path("outreach/<int:pk>/", views.encampment_detail, name="encampment"),
    path("outreach/<int:pk>/resolve/", views.encampment_resolve, name="resolve"),
    path("outreach/<int:pk>/residents/new/", views.resident_new, name="resident_new"),
    path("outreach/residents/<int:pk>/", views.resident_detail, name="resident"),
    path(
        "outreach/residents/<int:pk>/visits/",
        views.resident_write,
        {"what": "visit"},
        name="visit",
    ),
    path(
        "outreach/residents/<int:pk>/offers/",
        views.resident_write,
        {"what": "offer"},
        name="offer",
    ),
    path(
        "outreach/residents/<int:pk>/lost/",
        views.resident_write,
        {"what": "lost"},
        name="lost",
    ),
]
