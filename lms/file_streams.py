"""Serving stored files as streams, from local disk or S3, with single byte ranges.

django-storages' ``S3Storage.open()`` downloads the whole object to a temporary file before
the first byte can be sent; for files served to people (H5P package files, video included)
this module streams the object body instead and answers ``Range`` requests (a ``<video>``
seeks with them), so any app server can serve any file straight from the bucket.
"""

import re
from dataclasses import dataclass

from django.http import FileResponse, HttpResponse

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


@dataclass
class Stream:
    body: object  # file-like: read(n), close()
    size: int  # the whole file's size
    start: int = 0
    end: int | None = None  # inclusive, when a range was asked for

    @property
    def length(self) -> int:
        return (self.end if self.end is not None else self.size - 1) - self.start + 1


class _Limited:
    """Read at most ``remaining`` bytes of an open file."""

    def __init__(self, handle, remaining: int):
        self.handle, self.remaining = handle, remaining

    def read(self, size: int = -1) -> bytes:
        if self.remaining <= 0:
            return b""
        size = self.remaining if size < 0 else min(size, self.remaining)
        data = self.handle.read(size)
        self.remaining -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def requested_range(header: str) -> tuple[int | None, int | None] | None:
    """One ``bytes=first-last`` range as written; None for none, several or unknown units."""
    match = RANGE.match(header.strip()) if header else None
    if not match or not any(match.groups()):
        return None
    first, last = (int(value) if value else None for value in match.groups())
    if first is not None and last is not None and last < first:
        return None  # invalid: the whole file is the valid answer
    return first, last


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """One ``bytes=`` range as inclusive (start, end) within ``size``; None for the whole file."""
    asked = requested_range(header)
    if asked is None:
        return None
    first, last = asked
    if first is None:  # the last N bytes
        start, end = max(size - last, 0), size - 1
    else:
        start, end = first, size - 1 if last is None else min(last, size - 1)
    if start >= size or end < start:
        raise RangeNotSatisfiable(size)
    return start, end


def _is_s3(storage) -> bool:
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # pragma: no cover - django-storages is a dependency
        return False
    return isinstance(storage, S3Storage)


def open_stream(storage, name: str, range_header: str = "") -> Stream:
    """Open ``name`` for streaming; FileNotFoundError if it is not stored."""
    if _is_s3(storage):
        return _open_s3(storage, name, range_header)
    handle = storage.open(name, "rb")
    size = handle.size
    try:
        byte_range = parse_range(range_header, size)
    except RangeNotSatisfiable:
        handle.close()
        raise
    if byte_range is None:
        return Stream(handle, size)
    start, end = byte_range
    handle.seek(start)
    return Stream(_Limited(handle, end - start + 1), size, start, end)


CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


def _open_s3(storage, name: str, range_header: str) -> Stream:
    from botocore.exceptions import ClientError
    from storages.utils import clean_name

    client = storage.connection.meta.client
    key = storage._normalize_name(clean_name(name))
    params = {"Bucket": storage.bucket_name, "Key": key}
    asked = requested_range(range_header)
    if asked is not None:
        params["Range"] = "bytes={}-{}".format(*("" if v is None else v for v in asked))
    try:
        reply = client.get_object(**params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in {"NoSuchKey", "404", "NotFound"} or status == 404:
            raise FileNotFoundError(name) from error
        if code == "InvalidRange" or status == 416:
            size = client.head_object(Bucket=storage.bucket_name, Key=key)["ContentLength"]
            raise RangeNotSatisfiable(size) from error
        raise
    match = CONTENT_RANGE.match(reply.get("ContentRange") or "")
    if match:
        start, end, size = (int(value) for value in match.groups())
        return Stream(reply["Body"], size, start, end)
    return Stream(reply["Body"], reply["ContentLength"])


def stream_response(request, storage, name: str, content_type: str) -> HttpResponse:
    """A streamed response for a stored file (200, 206 for a range, 416 past the end)."""
    try:
        stream = open_stream(storage, name, request.headers.get("Range", ""))
    except RangeNotSatisfiable as error:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{error.size}"
        return response
    response = FileResponse(stream.body, content_type=content_type)
    response["Content-Length"] = str(stream.length)
    response["Accept-Ranges"] = "bytes"
    if stream.end is not None:
        response.status_code = 206
        response["Content-Range"] = f"bytes {stream.start}-{stream.end}/{stream.size}"
    return response
