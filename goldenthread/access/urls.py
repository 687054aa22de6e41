from django.urls import path

from goldenthread.access import views

app_name = "access"
urlpatterns = [
    path("emergency-access/", views.break_glass_search, name="break_glass_search"),
    path("emergency-access/<int:person_pk>/open/", views.break_glass_open, name="break_glass_open"),
    path("emergency-access/reviews/", views.break_glass_reviews, name="break_glass_reviews"),
    path("emergency-access/reviews/<int:pk>/", views.break_glass_review, name="break_glass_review"),
]
