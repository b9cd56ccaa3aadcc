"""The text of a PDF response, as pdftotext lays it out (poppler-utils): for tests that read
what a document says."""
import os
import re
import shutil
import subprocess

import pytest


def pdf_text(response) -> str:
    """The response must be a PDF; its text with runs of spaces collapsed. Without pdftotext
    the test is skipped, except in CI (CI=true), where it fails."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                            check=True)
    return re.sub(r"[ \t]+", " ", result.stdout.decode())
