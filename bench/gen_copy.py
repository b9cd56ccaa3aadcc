"""Writing the largest tables of the benchmark data fast: PostgreSQL's COPY from rows built as
plain tuples, skipping the per-object work of `bulk_create` (model instances, field
preparation), which dominates at hundreds of thousands of rows. On another database it falls
back to `bulk_create`."""
import io
import json
from collections.abc import Iterable
from datetime import date, datetime

from django.db import connection


def _csv(value) -> str:
    """One field of PostgreSQL's CSV format: NULL unquoted and empty, everything else quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (dict, list)):
        value = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (datetime, date)):
        value = value.isoformat()
    return '"' + str(value).replace('"', '""') + '"'


def _column(model, name: str) -> str:
    for field in model._meta.concrete_fields:
        if name in (field.name, field.attname):
            return field.column
    raise LookupError(f"{model.__name__} has no field {name}")


def copy_rows(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """Insert `rows` (tuples in the order of `fields`, foreign keys as ids: `offer_id`) into the
    model's table; returns how many."""
    rows = list(rows)
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(fields, row))) for row in rows], batch_size=2000)
        return len(rows)
    columns = ", ".join(f'"{_column(model, name)}"' for name in fields)
    buffer = io.StringIO("\n".join(",".join(_csv(v) for v in row) for row in rows) + "\n")
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({columns}) FROM STDIN WITH (FORMAT csv)", buffer)
    return len(rows)


def _value(obj, field):
    value = getattr(obj, field.attname)
    if value is None and field.is_relation:  # a parent saved after this object was made
        parent = field.get_cached_value(obj, None)
        value = parent.pk if parent is not None else None
    if value is None and field.has_default():
        value = field.get_default()
    return value


def copy_objects(model, objects: list) -> int:
    """Insert unsaved model instances with COPY (no primary keys come back: for rows nothing
    points to). Defaults apply; `auto_now` fields do not (use `bulk_create` for those)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return copy_rows(model, [f.attname for f in fields], ([_value(o, f) for f in fields] for o in objects))
