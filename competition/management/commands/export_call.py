"""`manage.py export_call SLUG > call.json`: a call as a call document (docs/call-format.md).

The document is exactly what `selectors.call_document` builds, so what comes out can go back
in through `import_call` (under another slug) and gives the same call.
"""
import json
from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from competition import selectors
from core.replica import replica_enabled, replica_reads


def dump_document(document: dict) -> str:
    """Pretty, diff-friendly JSON that keeps Polish letters readable."""
    return json.dumps(document, ensure_ascii=False, indent=2)


class Command(BaseCommand):
    help = "Writes a call (any stage) as a JSON call document to stdout or to a file (UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The call's slug, as in /calls/<slug>/.")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE (UTF-8) instead of standard output."
        )
        parser.add_argument(
            "--primary", action="store_true",
            help="Read from the primary even when a read replica is configured (DATABASE_REPLICA_URL).",
        )

    def handle(self, *args, slug, output=None, primary=False, **options):
        with replica_reads() if replica_enabled() and not primary else nullcontext():
            text, call = self._document(slug)
        if output:
            try:
                Path(output).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from None
            self.stdout.write(f"Call {call.slug} written to {output}.")
        else:
            self.stdout.write(text)

    @staticmethod
    def _document(slug: str):
        try:
            call = selectors.call_get_for_clerk(slug=slug, user=None)
        except Http404:
            raise CommandError(
                f"No call with the slug {slug!r}. The list of calls is at /manage/calls/ in the clerk screens."
            ) from None
        return dump_document(selectors.call_document(call)), call
