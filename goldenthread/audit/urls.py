from django.urls import path

from goldenthread.audit import views

app_name = "audit"
urlpatterns = [path("site/audit/", views.audit_list, name="list")]
