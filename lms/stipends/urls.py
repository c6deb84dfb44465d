from django.urls import path, re_path

from . import views

app_name = "stipends"
urlpatterns = [
    path("staff/stipends/", views.period_list, name="periods"),
    path("staff/stipends/policy/", views.policy, name="policy"),
    path("staff/stipends/run/<slug:org>/", views.current_period_run, name="current_period_run"),
    path("staff/stipends/periods/<int:pk>/<slug:org>/", views.period_detail, name="period_detail"),
    path("staff/stipends/periods/<int:pk>/<slug:org>/run/", views.period_run, name="period_run"),
    path(
        "staff/stipends/periods/<int:pk>/<slug:org>/review/",
        views.period_review_all,
        name="period_review_all",
    ),
    path(
        "staff/stipends/periods/<int:pk>/<slug:org>/approve/",
        views.period_approve_all,
        name="period_approve_all",
    ),
    re_path(
        r"^staff/stipends/periods/(?P<pk>[0-9]+)/(?P<org>[-\w]+)/export\.(?P<fmt>csv|xlsx)$",
        views.period_export,
        name="period_export",
    ),
    path("staff/stipends/statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path(
        "staff/stipends/statements/<int:pk>/decide/",
        views.statement_decide,
        name="statement_decide",
    ),
    path("staff/stipends/participants/<int:pk>/", views.employment_detail, name="employment"),
    path("staff/stipends/timesheets/import/", views.timesheet_import, name="timesheet_import"),
    path("me/stipend/", views.my_stipend, name="my_stipend"),
]
