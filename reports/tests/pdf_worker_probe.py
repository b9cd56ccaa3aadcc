"""Test-only, loaded by the PDF worker that `reports/tests/test_ranking_pdf_worker.py` starts
(`--include reports.tests.pdf_worker_probe`); not part of the portal: with
`TEST_PDF_CHUNK_ROWS=N` every worker process registers the ranking with chunks of N rows, as the
test's `chunk_rows` fixture does in the test process; with `TEST_PDF_CHUNK_DELAY=S` each chunk's
rendering starts S seconds late, so that the test can kill a process in the middle of one."""
import dataclasses
import os
import time

from celery.signals import worker_process_init


@worker_process_init.connect
def small_chunks(**_kwargs) -> None:
    rows = int(os.environ.get("TEST_PDF_CHUNK_ROWS") or 0)
    if rows:
        from core.pdf import registry

        entry = registry.get("ranking")
        registry._KINDS["ranking"] = dataclasses.replace(entry, chunk_rows=rows)
    delay = float(os.environ.get("TEST_PDF_CHUNK_DELAY") or 0)
    if delay:
        from core.pdf import chunks

        render = chunks.chunk_to_pdf

        def slow(html: str) -> bytes:
            time.sleep(delay)
            return render(html)

        chunks.chunk_to_pdf = slow
