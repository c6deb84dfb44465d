"""Fixtures for credentials: achievements, issued credentials and the outside verifier."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from credentials.services import credential_issue
from tests.credentials.factories import AchievementFactory, IndustryAchievementFactory

ROOT = Path(__file__).resolve().parents[2]
NODE_VERIFIER = Path(__file__).with_name("verify_credential.mjs")


@pytest.fixture
def achievement(db):
    return AchievementFactory()


@pytest.fixture
def industry_achievement(db):
    return IndustryAchievementFactory()


@pytest.fixture
def issue(db):
    def make(participant, achievement=None, **kwargs):
        credential, _created = credential_issue(
            participant=participant, achievement=achievement or AchievementFactory(), **kwargs
        )
        return credential

    return make


@pytest.fixture
def credential(participant, achievement, issue):
    return issue(participant, achievement)


def png_upload(name="certificate.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def published_documents(client, document: dict) -> dict:
    """The issuer's controller, key and status-list documents, fetched through the site."""
    from credentials.app_settings import app_settings

    base = app_settings.PUBLIC_BASE_URL
    urls = [document["proof"][0]["verificationMethod"], document["issuer"]["id"]]
    if "credentialStatus" in document:
        urls.append(document["credentialStatus"]["statusListCredential"])
    docs = {}
    for url in urls:
        response = client.get(url[len(base) :], HTTP_ACCEPT="application/ld+json")
        assert response.status_code == 200, url
        docs[url] = json.loads(response.content)
        if "proof" in docs[url]:  # the status list: its key and controller too
            for extra in (docs[url]["proof"][0]["verificationMethod"], docs[url]["issuer"]):
                if extra not in docs and extra not in urls:
                    urls.append(extra)
    return docs


@pytest.fixture
def node_verify(tmp_path, client):
    """Verify a credential with Digital Bazaar's @digitalbazaar/vc (Node, offline)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "@digitalbazaar" / "vc").exists():
        pytest.fail("Node and `npm ci` are required: the independent verifier runs on Node.")

    def run(document: dict, documents: dict | None = None) -> dict:
        documents = documents if documents is not None else published_documents(client, document)
        credential_file = tmp_path / "credential.json"
        documents_file = tmp_path / "documents.json"
        credential_file.write_text(json.dumps(document), encoding="utf-8")
        documents_file.write_text(json.dumps(documents), encoding="utf-8")
        completed = subprocess.run(
            [node, str(NODE_VERIFIER), str(credential_file), str(documents_file)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert completed.stdout, completed.stderr
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        result["exit_code"] = completed.returncode
        return result

    return run
