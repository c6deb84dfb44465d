from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms import media_views, views
from lms.audit import views as audit_views
from lms.csp import csp_report
from lms.hours import views as hours_views
from lms.language import switch_language
from lms.people import signin, team_views
from lms.people import views as people_views

staff_patterns = (
    [
        path("", views.staff_home, name="home"),
        path("participants/", people_views.participant_list, name="participants"),
        path("participants/new/", people_views.participant_enroll, name="participant_enroll"),
        path("participants/export.csv", people_views.participant_export, name="participant_export"),
        path("participants/<int:pk>/", people_views.participant_detail, name="participant_detail"),
        path("participants/<int:pk>/edit/", people_views.participant_edit, name="participant_edit"),
        path(
            "participants/<int:pk>/invitation/",
            people_views.participant_invitation,
            name="participant_invitation",
        ),
        path("hours/", hours_views.pending, name="hours_pending"),
        path("hours/decide/", hours_views.decide, name="hours_decide"),
        path("hours/<int:pk>/correct/", hours_views.correct, name="hours_correct"),
        path("audit/", audit_views.audit_list, name="audit"),
        path("team/", team_views.team, name="team"),
        path("team/add/", team_views.team_add, name="team_add"),
        path("team/<int:pk>/role/", team_views.team_role, name="team_role"),
    ],
    "staff",
)

participant_patterns = (
    [
        path("", views.participant_dashboard, name="dashboard"),
        path("hours/", hours_views.my_hours, name="hours"),
    ],
    "participant",
)

lms_patterns = ([path("start/", views.home_for_user, name="home_for_user")], "lms")
people_patterns = (
    [path("invite/<str:token>/", people_views.invitation_accept, name="invitation_accept")],
    "people",
)

handler500 = "lms.errors.server_error"

urlpatterns = [
    # Every sign-in goes through allauth (records how the session authenticated, asks staff for
    # their code): Wagtail's own login and password reset views lead there.
    path("cms/login/", signin.to_sign_in),
    re_path(r"^cms/password_reset/", signin.to_password_reset),
    path("_util/login/", signin.to_sign_in),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("csp-report/", csp_report, name="csp_report"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include(lms_patterns)),
    path("", include(people_patterns)),
    path("me/", include(participant_patterns)),
    path("staff/", include(staff_patterns)),
    path("", include("lms.stipends.urls")),
    path("", include("lms.reports.urls")),
    # Plugins: each owns its URL module.
    path("", include("courses.urls")),
    path("", include("cbi_curriculum.urls")),
    path("", include("credentials.urls")),
]

if settings.MEDIA_URL.startswith("/"):
    # Media on this site (not S3): only Wagtail's image renditions have a plain URL, in every
    # configuration (lms/media_views.py). Private files, documents and H5P files never do.
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.strip('/')}/{media_views.RENDITIONS}/<path:path>",
            media_views.rendition,
            name="media_rendition",
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
