"""H5P package files stream from storage with single byte ranges (a <video> seeks with them)."""

import pytest

from courses.h5p.services import h5p_package_import
from lms.file_streams import RangeNotSatisfiable, parse_range
from tests.courses.factories import make_zip, minimal_package_files

pytestmark = pytest.mark.django_db
CONTENT = b'{"question": "Is this tiny? ' + b"x" * 200 + b'"}'


@pytest.fixture
def package():
    files = minimal_package_files(**{"content/content.json": CONTENT})
    package, _created = h5p_package_import(make_zip(files))
    return package


def url(package, path="content/content.json"):
    return f"/courses/h5p/files/{package.content_hash}/{path}"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_whole_file_with_its_length(client, package):
    response = client.get(url(package))
    assert response.status_code == 200
    assert body(response) == CONTENT
    assert response["Content-Length"] == str(len(CONTENT))
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=10-", 10, len(CONTENT) - 1),
        ("bytes=-5", len(CONTENT) - 5, len(CONTENT) - 1),
        ("bytes=200-99999", 200, len(CONTENT) - 1),
    ],
)
def test_a_range_is_answered_206(client, package, header, start, end):
    response = client.get(url(package), HTTP_RANGE=header)
    assert response.status_code == 206
    assert body(response) == CONTENT[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(CONTENT)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_range_past_the_end_is_416(client, package):
    response = client.get(url(package), HTTP_RANGE=f"bytes={len(CONTENT) + 5}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


@pytest.mark.parametrize("header", ["bytes=5-2", "bytes=0-1,4-5", "items=0-3", "bytes=x-y"])
def test_odd_ranges_get_the_whole_file(client, package, header):
    response = client.get(url(package), HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_missing_file_is_404(client, package):
    assert client.get(url(package, "content/nothing-here.json")).status_code == 404


def test_parse_range_edges():
    assert parse_range("", 10) is None
    assert parse_range("bytes=-20", 10) == (0, 9)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=10-", 10)
    with pytest.raises(RangeNotSatisfiable):
        parse_range("bytes=-0", 10)


@pytest.fixture
def s3_storage():
    """A real S3 API (moto's server mode) and the storage production settings would build."""
    import logging

    import boto3
    from moto.server import ThreadedMotoServer
    from storages.backends.s3 import S3Storage

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    credentials = {"access_key": "stream-test", "secret_key": "stream-test-secret"}
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=credentials["access_key"],
        aws_secret_access_key=credentials["secret_key"],
    ).create_bucket(Bucket="streams")
    yield S3Storage(
        bucket_name="streams",
        endpoint_url=endpoint,
        region_name="us-east-1",
        location="media",
        file_overwrite=False,
        **credentials,
    )
    server.stop()


def test_s3_objects_stream_without_a_local_copy(s3_storage):
    from django.core.files.base import ContentFile

    from lms.file_streams import open_stream

    name = s3_storage.save("h5p/abc/video.mp4", ContentFile(CONTENT))
    whole = open_stream(s3_storage, name)
    assert (whole.size, whole.start, whole.end) == (len(CONTENT), 0, None)
    assert whole.body.read() == CONTENT
    part = open_stream(s3_storage, name, "bytes=5-14")
    assert (part.start, part.end, part.size, part.length) == (5, 14, len(CONTENT), 10)
    assert part.body.read() == CONTENT[5:15]
    tail = open_stream(s3_storage, name, "bytes=-3")
    assert tail.body.read() == CONTENT[-3:]
    with pytest.raises(RangeNotSatisfiable) as past:
        open_stream(s3_storage, name, "bytes=9999-")
    assert past.value.size == len(CONTENT)
    with pytest.raises(FileNotFoundError):
        open_stream(s3_storage, "h5p/abc/missing.mp4")
