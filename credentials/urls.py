from django.urls import path

from . import views_public, views_staff, views_wallet

app_name = "credentials"
urlpatterns = [
    path("credentials/c/<str:public_id>.json", views_public.credential_json, name="json"),
    path("credentials/c/<str:public_id>.png", views_public.credential_png, name="png"),
    path("credentials/c/<str:public_id>", views_public.credential_public, name="public"),
    path("credentials/verify/", views_public.verify_upload, name="verify"),
    path("credentials/issuers/<slug:slug>", views_public.issuer_document, name="issuer"),
    path(
        "credentials/issuers/<slug:slug>/keys/<slug:key_id>",
        views_public.key_document,
        name="key",
    ),
    path("credentials/status/<str:public_id>", views_public.status_list, name="status_list"),
    path(
        "credentials/achievements/<slug:slug>",
        views_public.achievement_document,
        name="achievement",
    ),
    path(
        "credentials/achievements/<slug:slug>/image.png",
        views_public.achievement_image,
        name="achievement_image",
    ),
    path("credentials/wallet/", views_wallet.wallet, name="wallet"),
    path("credentials/wallet/name/", views_wallet.wallet_display_name, name="wallet_name"),
    path(
        "credentials/wallet/<str:public_id>/privacy/",
        views_wallet.wallet_privacy,
        name="wallet_privacy",
    ),
    path(
        "credentials/wallet/<str:public_id>/certificate/",
        views_wallet.wallet_certificate,
        name="certificate",
    ),
    path("credentials/staff/", views_staff.staff_credentials, name="staff"),
    path(
        "credentials/staff/participants/<int:participant_pk>/award/",
        views_staff.award_request_new,
        name="award_request_new",
    ),
    path(
        "credentials/staff/requests/<int:pk>/decide/",
        views_staff.award_request_decide,
        name="award_request_decide",
    ),
    path(
        "credentials/staff/requests/<int:pk>/evidence/",
        views_staff.evidence,
        name="evidence",
    ),
    path("credentials/staff/<str:public_id>/revoke/", views_staff.revoke, name="revoke"),
    path("credentials/staff/issuers/<slug:slug>/rotate/", views_staff.rotate_key, name="rotate"),
]
