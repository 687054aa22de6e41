from django.urls import path

from goldenthread.identity import views

app_name = "identity"
urlpatterns = [
    path("identity/review/", views.review_queue, name="review"),
    path("identity/review/<int:pk>/", views.proposal, name="proposal"),
    path("identity/merges/", views.merges, name="merges"),
    path("identity/merges/<int:pk>/undo/", views.merge_undo, name="merge_undo"),
]
