from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("courses/<int:pk>/start/", views.course_start, name="course_start"),
    path(
        "courses/modules/<int:module_id>/checks/<str:block_id>/",
        views.knowledge_check_submit,
        name="knowledge_check",
    ),
    path("courses/api/statements/", views.statement_create, name="statements"),
    path("courses/api/heartbeat/", views.heartbeat, name="heartbeat"),
    path("courses/h5p/<int:pk>/player/", views.h5p_player, name="h5p_player"),
    path(
        "courses/h5p/files/<str:content_hash>/<path:path>",
        views.h5p_file,
        name="h5p_file",
    ),
    path("staff/courses/", views.staff_courses, name="staff_courses"),
    path("staff/courses/<int:pk>/", views.staff_roster, name="staff_roster"),
]
