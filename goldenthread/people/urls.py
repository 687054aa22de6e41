from django.urls import path

from goldenthread.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/<int:pk>/", views.person_detail, name="detail"),
    path("people/<int:pk>/disclosures/", views.person_disclosures, name="disclosures"),
]
