"""`manage.py import_call call.json`: a new draft call from a call document (docs/call-format.md).

The import is all or nothing: a document with any error is reported field by field
(`path: message`, one a line, on stderr) and nothing is written. With `--publish` the new
call is also published at once, and a call that may not be published yet is not imported.
"""
import json
import sys
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from competition import rules, selectors, services
from competition.rules import CallDocumentError
from core.money import format_money


def load_json(text: str, *, name: str):
    """Parse JSON, naming the line and column of a syntax error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{name} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.") from None


def validation_lines(exc: ValidationError) -> list[str]:
    """A model ValidationError as `path: message` lines (the field names are the document's keys)."""
    if hasattr(exc, "error_dict"):
        return [
            f"{'$' if field == NON_FIELD_ERRORS else field}: {message}"
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return list(exc.messages)  # the services already give "path: message"


class Command(BaseCommand):
    help = (
        "Creates a draft call from a JSON call document (a file, or - for standard input). "
        "Nothing is written when the document has errors."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("path", help="The call document (UTF-8 JSON), or - to read standard input.")
        parser.add_argument("--slug", help="Import under this slug instead of the one in the document.")
        parser.add_argument(
            "--publish", action="store_true", help="Publish the call at once (it must pass every publication rule)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check the document only; write nothing.")

    def handle(self, *args, path, slug=None, publish=False, dry_run=False, **options):
        name = "standard input" if path == "-" else path
        document = load_json(self._read(path, options.get("stdin")), name=name)
        if slug is not None and isinstance(document, dict):
            document = {**document, "slug": slug}
        try:
            with transaction.atomic():
                call = services.call_import(document=document, by=None)
                if publish:
                    errors = services.call_validate(call)
                    if errors:
                        raise CallDocumentError(errors)
                    call = services.call_publish(call=call, by=None)
                summary = self._summary(call)
                if dry_run:
                    transaction.set_rollback(True)
        except CallDocumentError as exc:
            self._fail(name, [str(e) for e in exc.errors])
        except ValidationError as exc:
            self._fail(name, validation_lines(exc))

        self._report_defaults(document)
        if dry_run:
            self.stdout.write(f"{name} is a valid call document ({summary}). Nothing was written (--dry-run).")
        elif publish:
            deadline = timezone.localtime(call.submission_deadline)
            self.stdout.write(
                f"Imported and published call {call.slug} ({summary}); offers may be submitted until "
                f"{deadline:%Y-%m-%d %H:%M}. Public page: {call.get_absolute_url()}"
            )
        else:
            self.stdout.write(
                f"Imported call {call.slug} ({summary}) as a draft. Check it and publish it in the clerk "
                f"screens ({reverse('competition:manage_list')}), or import it with --publish."
            )

    def _report_defaults(self, document: dict) -> None:
        """Name every rule the document leaves out, with the default the call now has."""
        missing = rules.missing_rules(document)
        if not missing:
            return
        defaults = rules.rule_defaults()
        self.stdout.write(
            f"The document does not state {len(missing)} rule{'s' if len(missing) != 1 else ''} "
            f"(format {document.get('format', rules.FORMAT)}); the defaults were applied:"
        )
        for key in missing:
            self.stdout.write(f"  rules.{key} = {json.dumps(defaults[key], ensure_ascii=False)}")

    def _read(self, path: str, stdin=None) -> str:
        if path == "-":
            stream = stdin or sys.stdin
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        else:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from None
        if isinstance(data, bytes):
            try:
                return data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path} is not UTF-8 text (byte {exc.start}).") from None
        return data.removeprefix("\ufeff")

    def _summary(self, call) -> str:
        call = selectors.call_get_for_clerk(slug=call.slug, user=None)
        actions = list(call.actions.all())
        return (
            f"{len(actions)} actions, {format_money(selectors.call_total_budget(call))}, "
            f"max {call.max_points} points"
        )

    def _fail(self, name: str, lines: list[str]):
        for line in lines:
            self.stderr.write(line)
        count = len(lines)
        raise CommandError(
            f"{name}: {count} error{'s' if count != 1 else ''} in the call document; nothing was imported."
        )

