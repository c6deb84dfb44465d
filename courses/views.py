"""Course views: module pages, the H5P player and its files, statements, heartbeats, rosters.

Thin: rules live in services, reads in selectors.
"""

import posixpath
import unicodedata
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.file_streams import stream_response
from lms.inputs import read_json
from lms.people.access import participant_required, staff_required
from lms.people.selectors import (
    can_enroll,
    is_staff,
    participant_for,
    participant_of,
    participants_visible_to,
)

from . import selectors, services
from .app_settings import app_settings
from .h5p.services import h5p_package_file_name
from .models import CoursePage, Enrollment, H5PPackage, ModulePage
from .statement_batches import statements_record

MAX_JSON_BYTES = 256 * 1024  # a batch of up to 50 statements
SAFE_TYPES = {
    "js": "text/javascript",
    "css": "text/css",
    "json": "application/json",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "svg": "image/svg+xml",
    "webm": "video/webm",
    "mp4": "video/mp4",
    "ogg": "audio/ogg",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "eot": "application/vnd.ms-fontobject",
    "vtt": "text/vtt",
    "webvtt": "text/vtt",
    "txt": "text/plain",
    "pdf": "application/pdf",
    "gltf": "model/gltf+json",
    "glb": "model/gltf-binary",
}
SANDBOX_CSP = "sandbox allow-scripts"


# --- pages served by Wagtail -----------------------------------------------------------------


def course_page_context(course: CoursePage, request) -> dict:
    participant = participant_of(request.user)
    modules = selectors.modules_of([course])[course.pk]
    context = {"modules": modules, "participant": participant, "enrollment": None}
    if participant is not None:
        progress = next(
            (p for p in selectors.course_progress_for(participant) if p.course.pk == course.pk),
            None,
        )
        context.update({"enrollment": progress and progress.enrollment, "progress": progress})
    return context


def module_page_serve(module: ModulePage, request, *args, **kwargs):
    """Participants enrolled in the course take the module; staff see it without tracking."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    participant = participant_of(request.user)
    course = module.get_parent().specific
    context = module.get_context(request, *args, **kwargs)
    modules = selectors.modules_of([course])[course.pk]
    index = next((i for i, m in enumerate(modules) if m.pk == module.pk), 0)
    context.update(
        {
            "course": course,
            "modules": modules,
            "position": index + 1,
            "previous_module": modules[index - 1] if index > 0 else None,
            "next_module": modules[index + 1] if index + 1 < len(modules) else None,
            "tracking": False,
            "heartbeat_seconds": app_settings.HEARTBEAT_SECONDS,
            "idle_seconds": app_settings.IDLE_SECONDS,
        }
    )
    state = {"progress": {}, "latest_answers": {}, "completed": False}
    if participant is not None:
        try:
            enrollment = services.enrollment_for_module(participant, module)
        except services.NotEnrolled:
            messages.info(request, _("Start the course to open its modules."))
            return redirect(course.get_url(request))
        services.module_view_record(participant=participant, module=module, enrollment=enrollment)
        state = selectors.module_state_for(participant, module)
        context["tracking"] = True
    elif not (is_staff(request.user) or request.user.is_superuser):
        return redirect(course.get_url(request))
    context["state"] = state
    context["blocks"] = [
        {
            "block": block,
            "progress": state["progress"].get(block.id),
            "latest": state["latest_answers"].get(block.id),
            "feedback": selectors.check_feedback(block, state["latest_answers"].get(block.id)),
            "attempt_id": uuid.uuid4(),
            "chosen": request.session.pop(f"check:{module.pk}:{block.id}", None)
            if block.block_type == "knowledge_check"
            else None,
        }
        for block in module.body
    ]
    return TemplateResponse(request, module.get_template(request), context)


@require_POST
@participant_required
def course_start(request, pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    services.enrollment_create(participant=request.participant, course=course)
    first = selectors.modules_of([course])[course.pk]
    if first:
        return redirect(first[0].get_url(request))
    return redirect(course.get_url(request))


@require_POST
@participant_required
def knowledge_check_submit(request, module_id, block_id):
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    answers = {
        key.removeprefix("q"): value for key, value in request.POST.items() if key.startswith("q")
    }
    try:
        statement, _created = services.knowledge_check_answer(
            participant=request.participant,
            module=module,
            activity_key=block_id,
            attempt_id=request.POST.get("attempt_id", ""),
            answers=answers,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        request.session[f"check:{module.pk}:{block_id}"] = answers
    else:
        score = statement.payload["result"]["score"]
        messages.success(
            request,
            _("You got %(raw)s of %(max)s right.") % {"raw": score["raw"], "max": score["max"]},
        )
    return redirect(f"{module.get_url(request)}#check-{block_id}")


# --- JSON endpoints --------------------------------------------------------------------------


def json_error(message, code, status=400):
    return JsonResponse({"error": code, "message": message}, status=status)


def read_json_body(request):
    return read_json(request.body, max_bytes=MAX_JSON_BYTES)


def api_view(handler):
    """Signed-in participants only, JSON in and out, every refusal a clear JSON error."""

    @require_POST
    def view(request):
        participant = participant_of(request.user)
        if participant is None:
            return json_error(_("Sign in as a participant."), "not_participant", status=403)
        try:
            data = read_json_body(request)
            try:
                module = ModulePage.objects.live().get(pk=int(data.get("module")))
            except (ModulePage.DoesNotExist, TypeError, ValueError):
                raise ValidationError(_("No such module."), code="unknown_module") from None
            return handler(request, participant, module, data)
        except services.NotEnrolled as error:
            return json_error(error.messages[0], error.code, status=403)
        except ValidationError as error:
            return json_error(error.messages[0], error.code or "invalid")

    view.__name__ = handler.__name__
    return view


@api_view
def statement_create(request, participant, module, data):
    """One statement ``{module, activity, statement}``, or a batch ``{module, statements:
    [{activity, statement}, ...]}`` answered item by item (``results``, in order)."""
    if "statements" in data:
        results = statements_record(
            participant=participant, module=module, items=data["statements"]
        )
        return JsonResponse({"results": results})
    statement, created = services.statement_record(
        participant=participant,
        module=module,
        activity_key=str(data.get("activity", ""))[:64],
        body=data.get("statement"),
    )
    return JsonResponse(
        {"stored": created, "id": str(statement.statement_id)}, status=201 if created else 200
    )


@api_view
def heartbeat(request, participant, module, data):
    return JsonResponse(services.heartbeat_record(participant=participant, module=module))


# --- H5P player and files (served to an opaque-origin sandbox) ------------------------------


@require_GET
@xframe_options_sameorigin  # the site frames it in the module page; nobody else may
def h5p_player(request, pk):
    package = get_object_or_404(H5PPackage, pk=pk)
    response = render(
        request,
        "courses/h5p_player.html",
        {
            "package": package,
            "content_url": reverse(
                "courses:h5p_file", kwargs={"content_hash": package.content_hash, "path": "x"}
            ).removesuffix("/x"),
            "parent_origin": f"{request.scheme}://{request.get_host()}",
        },
    )
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response


H5P_FILE_CACHE = "public, max-age=31536000, immutable"  # the folder is the archive's hash
H5P_FILE_CORS = {
    # The player's frame has an opaque origin: every request from it is cross-origin. No
    # credentials are ever involved, so any origin may read these files.
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
}
MAX_FILE_PATH = 1024


def h5p_file_path_ok(path: str) -> bool:
    """Names as packages use them (spaces, + ( ) %, accented letters); never a way out."""
    parts = path.split("/")
    return (
        0 < len(path) <= MAX_FILE_PATH
        and posixpath.normpath(path) == path
        and "\\" not in path
        and all(part and not part.startswith(".") for part in parts)
        and not any(unicodedata.category(char).startswith("C") for char in path)
    )


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def h5p_file(request, content_hash, path):
    """Stream one unpacked file with a safe type; never as HTML, always sandboxed.

    Answers CORS preflight too: H5P's sound library (SoundJS) loads audio with an XHR that adds
    ``X-Requested-With``, so the opaque-origin frame asks first.
    """
    if request.method == "OPTIONS":
        response = HttpResponse(status=204)
        for header, value in H5P_FILE_CORS.items():
            response[header] = value
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Range, X-Requested-With, Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return response
    if not h5p_file_path_ok(path):
        raise Http404
    package = get_object_or_404(H5PPackage, content_hash=content_hash)
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = SAFE_TYPES.get(extension, "application/octet-stream")
    try:  # streamed from storage (S3 too), with byte ranges for audio and video
        response = stream_response(
            request, default_storage, h5p_package_file_name(package, path), content_type
        )
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None
    if content_type == "application/octet-stream":
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = H5P_FILE_CACHE
    for header, value in H5P_FILE_CORS.items():
        response[header] = value
    return response


# --- staff -----------------------------------------------------------------------------------


@staff_required()
def staff_courses(request):
    return render(
        request,
        "courses/staff_courses.html",
        {"courses": selectors.courses_visible_to(request.user)},
    )


@staff_required()
def staff_roster(request, pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    if request.method == "POST":
        if not can_enroll(request.user):
            raise PermissionDenied
        try:
            participant = participant_for(request.user, request.POST.get("participant"))
        except Http404:
            messages.error(request, _("Choose a participant from the list."))
        else:
            _enrollment, created = services.enrollment_create(
                participant=participant, course=course, enrolled_by=request.user
            )
            if created:
                messages.success(request, _("Enrolled in the course."))
            else:
                messages.info(request, _("Already enrolled in this course."))
        return redirect("courses:staff_roster", pk=course.pk)
    rows = selectors.course_roster(request.user, course)
    candidates = []
    if can_enroll(request.user):
        candidates = (
            participants_visible_to(request.user)
            .exclude(pk__in=Enrollment.objects.filter(course=course).values("participant_id"))
            .order_by("preferred_name")
            .only("pk", "preferred_name")
        )
    return render(
        request,
        "courses/staff_roster.html",
        {"course": course, "rows": rows, "candidates": candidates},
    )
