from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("staff/reports/", views.dashboard, name="dashboard"),
    path("staff/reports/people/", views.people, name="people"),
    path("staff/reports/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("staff/reports/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
]
