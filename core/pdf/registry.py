"""The kinds of cached PDF documents, registered by the app that owns each at start-up
(`AppConfig.ready()`), so the cache and its build task never import the stages above `core`.

    register("protocol", owner=Call, source=protocol_source, label=_("protocol of the commission"),
             is_large=call_is_large)

- `owner`: the model a document belongs to; the cache keys a document by "<model>-<pk>"
  ("call-12") and the build task finds the owner again by its primary key.
- `source(owner, subject) -> Source`: the template, its context and the file name of the document
  as the data stand now (`subject` names one document of the owner: "offer-12-v3", or "").
- `worker_only`: documents whose size a user controls are always built by the PDF worker.
- `is_large(owner) -> bool`: for the others, True sends the build to the worker too; None means
  always rendered in the request.
- `chunk_rows`: a long document rendered in chunks of this many rows (`core.pdf.chunks`); its
  source then gives the rows apart (`Source.rows`) and its template prints `rows` and, from
  `chunk`, the head only in the first chunk and the closing part only in the last.
- `built_on`: events after which the document is built at once by the worker, so that no reader
  waits for it (`core.pdf.prebuild`): "results" (published, or corrected after publication).
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Source:
    template: str
    context: dict
    filename: str
    rows: list | None = None  # a chunked document's rows (`DocumentKind.chunk_rows`)


@dataclass(frozen=True)
class DocumentKind:
    kind: str
    owner: type
    source: Callable[[Any, str], Source]
    label: Any
    worker_only: bool = False
    is_large: Callable[[Any], bool] | None = None
    chunk_rows: int = 0
    built_on: tuple[str, ...] = ()


_KINDS: dict[str, DocumentKind] = {}


def register(kind: str, *, owner: type, source: Callable[[Any, str], Source], label,
             worker_only: bool = False, is_large: Callable[[Any], bool] | None = None,
             chunk_rows: int = 0, built_on: tuple[str, ...] = ()) -> DocumentKind:
    """Add a kind of document (idempotent for the same kind and owner: `ready()` may run twice in tests)."""
    known = _KINDS.get(kind)
    if known is not None and known.owner is not owner:
        raise ValueError(f"PDF kind {kind!r} is already registered for {known.owner.__name__}.")
    entry = DocumentKind(kind, owner, source, label, worker_only, is_large, chunk_rows, tuple(built_on))
    _KINDS[kind] = entry
    return entry


def get(kind: str) -> DocumentKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"No PDF kind {kind!r} is registered (see core.pdf.registry).") from None


def kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)


def built_on(event: str, owner_model: type) -> list[DocumentKind]:
    """The kinds of an owner's documents to build after `event` (see `core.pdf.prebuild`)."""
    return [entry for entry in _KINDS.values() if event in entry.built_on and entry.owner is owner_model]


def owner_key(owner) -> str:
    """How the cache names a document's owner: "call-12"."""
    return f"{owner._meta.model_name}-{owner.pk}"
