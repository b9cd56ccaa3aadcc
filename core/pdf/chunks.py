"""Long documents rendered in chunks of rows, in flat memory, and joined into one PDF.

WeasyPrint keeps the layout of every page of a document until it writes the file, so the memory
of one render grows with the rows of a long table (the ranking of 979 offers took 565 MB). A
kind registered with `chunk_rows` (`core.pdf.registry`) gives its rows apart (`Source.rows`);
its template is rendered once per chunk of that many rows, with `rows` (the chunk's) and `chunk`
(`first`: print the head; `last`: print the closing part; `start`: the index of its first row),
and WeasyPrint lays out and writes each chunk on its own, so it holds one chunk's layout at a
time. The chunks are joined by pypdf and numbered "Strona X z Y" over the whole document: they
are rendered without page numbers (`pdf_unnumbered` in `core/pdf/base.html`), their pages
counted, and one light PDF of Y pages holding nothing but the page numbers, rendered from the
same template (`pdf_overlay_pages`: the same page size and margins), is laid over them page by
page (docs/pdfs.md says why this way and not by rendering every chunk twice).

A document of at most `chunk_rows` rows is one chunk, rendered as every other document (one
WeasyPrint render, numbered by WeasyPrint, tagged PDF/UA-1). A joined one is not tagged: pypdf
does not merge the chunks' structure trees.
"""
import gc
import hashlib
import io
from dataclasses import dataclass

from django.conf import settings

from core.pdf import render
from core.pdf.registry import Source


@dataclass(frozen=True)
class Chunk:
    first: bool = True
    last: bool = True
    start: int = 0


WHOLE = Chunk()


@dataclass
class Document:
    """A document's HTML as the data stand now: one part, or one per chunk of rows."""

    source: Source
    parts: list[str]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the HTML (of all the parts in order): the cache's key of the content."""
        digest = hashlib.sha256()
        for part in self.parts:
            digest.update(part.encode("utf-8"))
        return digest.hexdigest()

    @property
    def chunked(self) -> bool:
        return len(self.parts) > 1


def document(source: Source, chunk_rows: int = 0) -> Document:
    """The HTML of `source`, in chunks of `chunk_rows` rows when it has more rows than that."""
    rows = source.rows
    if rows is None:
        return Document(source, [render.render_html(source.template, source.context)])
    if not chunk_rows or len(rows) <= chunk_rows:
        return Document(source, [render.render_html(source.template, {**source.context, "rows": rows,
                                                                      "chunk": WHOLE})])
    parts = []
    for start in range(0, len(rows), chunk_rows):
        chunk = Chunk(first=start == 0, last=start + chunk_rows >= len(rows), start=start)
        context = {**source.context, "rows": rows[start:start + chunk_rows], "chunk": chunk, "pdf_unnumbered": True}
        parts.append(render.render_html(source.template, context))
    return Document(source, parts)


def overlay_html(source: Source, pages: int) -> str:
    """Y pages with nothing but "Strona X z Y", in the document's own page size and margins."""
    context = {**source.context, "rows": [], "chunk": Chunk(first=False, last=False),
               "pdf_overlay_pages": range(pages)}
    return render.render_html(source.template, context)


def chunk_to_pdf(html: str) -> bytes:
    """One chunk, untagged (the join drops the structure tree anyway); its layout is freed at once."""
    from weasyprint import HTML

    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    gc.collect()  # WeasyPrint's boxes hold cycles: free this chunk's layout before the next one is laid out
    return content


def join(parts: list[bytes], numbers: bytes) -> bytes:
    """The chunks' PDFs as one, each page stamped with the page of `numbers` of the same index;
    the document's information (title, author, language) is the first chunk's."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    first = PdfReader(io.BytesIO(parts[0]))
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)), import_outline=True)
    stamps = PdfReader(io.BytesIO(numbers))
    if len(stamps.pages) != len(writer.pages):
        raise ValueError(f"{len(stamps.pages)} pages of numbers for {len(writer.pages)} pages.")
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
        page.compress_content_streams()  # pypdf writes a merged page's content uncompressed
    info = {key: value for key, value in (first.metadata or {}).items() if key != "/Producer"}
    writer.add_metadata(info)
    language = first.trailer["/Root"].get("/Lang")
    if language is not None:
        writer._root_object[NameObject("/Lang")] = TextStringObject(str(language))
    writer.create_viewer_preferences().display_doctitle = True  # viewers show the title, not the file name
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def to_pdf(doc: Document) -> bytes:
    """A chunked document as one PDF, holding one chunk's layout at a time."""
    parts = [chunk_to_pdf(html) for html in doc.parts]
    pages = sum(page_count(part) for part in parts)
    numbers = chunk_to_pdf(overlay_html(doc.source, pages))
    return join(parts, numbers)


def page_count(content: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)
