from django.urls import path

from goldenthread.casework import views

app_name = "casework"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("tasks/", views.tasks, name="tasks"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("people/<int:pk>/contacts/", views.contact_list, name="contacts"),
    path("people/<int:pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("people/<int:pk>/engagement/", views.engagement, name="engagement"),
    path("people/<int:pk>/status/", views.status_over_time, name="status"),
    path("people/<int:pk>/services/", views.services, name="services"),
    path("people/<int:pk>/case-manager/", views.reassign, name="reassign"),
]
