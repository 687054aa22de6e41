from django.urls import path

from goldenthread.legal import views

app_name = "legal"
urlpatterns = [
    path("legal/", views.workspace, name="workspace"),
    path("people/<int:pk>/legal/", views.matters, name="matters"),
    path("legal/imports/", views.imports, name="imports"),
    path("legal/imports/<int:pk>/rejected.csv", views.rejected_rows, name="rejected"),
]
