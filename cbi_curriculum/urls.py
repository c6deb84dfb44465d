from django.urls import path

from . import views

app_name = "cbi_curriculum"
urlpatterns = [
    path("staff/cbi/", views.cbi_home, name="home"),
    path("staff/cbi/groups/new/", views.group_edit, name="group_new"),
    path("staff/cbi/groups/<int:pk>/", views.group_detail, name="group"),
    path("staff/cbi/groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("staff/cbi/groups/<int:pk>/members/", views.group_member_add, name="group_member_add"),
    path(
        "staff/cbi/groups/<int:pk>/members/<int:member_pk>/leave/",
        views.group_member_leave,
        name="group_member_leave",
    ),
    path("staff/cbi/groups/<int:pk>/schedule/", views.group_schedule, name="group_schedule"),
    path("staff/cbi/sessions/<int:pk>/", views.session_run, name="session"),
    path("staff/cbi/sessions/<int:pk>/start/", views.session_start, name="session_start"),
    path(
        "staff/cbi/sessions/<int:pk>/attendance/",
        views.attendance_save,
        name="attendance_save",
    ),
    path("staff/cbi/sessions/<int:pk>/close/", views.session_close, name="session_close"),
    path(
        "staff/cbi/participants/<int:pk>/",
        views.participant_record,
        name="participant_record",
    ),
    path("staff/cbi/participants/<int:pk>/makeups/", views.makeup_book, name="makeup_book"),
    path("staff/cbi/reports/attendance/", views.attendance_report, name="attendance_report"),
    path("staff/cbi/reports/fidelity/", views.fidelity_report, name="fidelity_report"),
    path(
        "cbi/lessons/<int:pk>/print/<slug:part>/",
        views.lesson_print,
        name="lesson_print",
    ),
    path("me/group/", views.my_group, name="my_group"),
]
