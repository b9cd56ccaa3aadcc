"""Active content in a PDF, found however it is written (the PDFs are built here, byte by byte)."""
import zlib

import pytest

from core.pdf_active import Unreadable, active_content

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
TRAILER = b"trailer\n<</Root 1 0 R>>\n%%EOF\n"


def pdf(*objects: bytes) -> bytes:
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (n, obj) for n, obj in enumerate(objects, start=1))
    return HEADER + body + TRAILER


def stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<<%s /Length %d>>stream\n%s\nendstream" % (dictionary, len(data), data)


def object_stream(objects: bytes, filters: bytes = b"/FlateDecode", encode=zlib.compress, extra: bytes = b"") -> bytes:
    """An object stream holding `objects` (offsets are not checked by the scan, as by no attacker)."""
    return stream(b"/Type/ObjStm/N 1/First 4/Filter " + filters + extra, encode(b"2 0 " + objects))


CATALOG = b"<</Type/Catalog/Pages 3 0 R>>"
PAGES = b"<</Type/Pages/Kids[4 0 R]/Count 1>>"
PAGE = b"<</Type/Page/Parent 3 0 R/MediaBox[0 0 595 842]/Contents 5 0 R>>"
CONTENT = stream(b"/Filter/FlateDecode", zlib.compress(b"BT /F1 12 Tf 72 712 Td (Statut) Tj ET"))


def plain(*extra: bytes) -> bytes:
    return pdf(CATALOG, CATALOG, PAGES, PAGE, CONTENT, *extra)


def up_predicted(data: bytes, columns: int) -> bytes:
    """PNG "Up" rows (filter type 2), as a writer with /Predictor 12 stores them."""
    rows, previous = [], bytes(columns)
    for start in range(0, len(data), columns):
        row = data[start:start + columns].ljust(columns, b" ")
        rows.append(b"\x02" + bytes((b - p) & 0xFF for b, p in zip(row, previous, strict=True)))
        previous = row
    return b"".join(rows)


def test_a_plain_document_has_no_active_content():
    assert active_content(plain()) == []


def test_open_at_a_page_written_by_office_suites_is_not_active():
    assert active_content(pdf(b"<</Type/Catalog/Pages 3 0 R/OpenAction [4 0 R /XYZ null null 0]>>", PAGES)) == []


def test_links_to_web_pages_are_not_active():
    link = b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/URI/URI(https://bip.example.pl)>>>>"
    assert active_content(plain(link)) == []


@pytest.mark.parametrize(
    ("obj", "found"),
    [
        (b"<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>", ["/JS", "/JavaScript", "/OpenAction"]),
        (b"<</Type/Catalog/OpenAction 9 0 R>>", ["/OpenAction"]),
        (b"<</Type/Catalog/Names<</JavaScript 7 0 R>>>>", ["/JavaScript"]),
        (b"<</Type/Page/AA<</O<</S/Launch/F(cmd.exe)>>>>>>", ["/AA", "/Launch"]),
        (b"<</Type/Catalog/Names<</EmbeddedFiles 8 0 R>>>>", ["/EmbeddedFiles"]),
        (b"<</Type/Filespec/F(a.exe)/EF<</F 9 0 R>>>>", ["/EF"]),
        (stream(b"/Type/EmbeddedFile", b"MZ\x90\x00"), ["/EmbeddedFile"]),
        (b"<</Type/Annot/Subtype/RichMedia>>", ["/RichMedia"]),
        (b"<</Type/Catalog/AcroForm<</XFA 9 0 R>>>>", ["/XFA"]),
        (b"<</S/SubmitForm/F(https://evil.example)>>", ["/SubmitForm"]),
        (b"<</S/ImportData/F(data.fdf)>>", ["/ImportData"]),
    ],
)
def test_active_content_is_found_and_named(obj, found):
    assert active_content(plain(obj)) == found


@pytest.mark.parametrize(
    "obj",
    [
        b"<</Type/Catalog/Names<</J#61vaScript 7 0 R>>>>",   # a
        b"<</Type/Catalog/Names<</#4A#61#76#61#53cript 7 0 R>>>>",
        b"<</S/JavaScript/#4A#53(app.alert(1))>>",            # JS
        b"<</Type/Catalog/Open#41ction<</S/Named/N/Print>>>>",
    ],
)
def test_names_hidden_with_hex_escapes_are_found(obj):
    assert active_content(plain(obj))


def test_a_script_inside_a_compressed_object_stream_is_found():
    hidden = object_stream(b"<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>")
    assert active_content(plain(hidden)) == ["/JS", "/JavaScript", "/OpenAction"]


def test_an_object_stream_with_an_escaped_type_and_a_filter_chain_is_decoded():
    objects = b"<</Type/Catalog/Names<</EmbeddedFiles 8 0 R>>>>"
    hidden = stream(b"/Typ#65/Obj#53tm/N 1/First 4/Filter[/AHx/Fl]", zlib.compress(b"2 0 " + objects).hex().encode() + b">")
    assert active_content(plain(hidden)) == ["/EmbeddedFiles"]


def test_an_object_stream_with_a_png_predictor_is_decoded():
    objects = b"2 0 <</Type/Catalog/OpenAction<</S/Launch/F(calc.exe)>>>>"
    hidden = stream(b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 5>>",
                    zlib.compress(up_predicted(objects, 5)))
    assert active_content(plain(hidden)) == ["/Launch", "/OpenAction"]


def test_endstream_planted_in_an_object_stream_does_not_cut_it_short():
    payload = zlib.compress(b"2 0 <</S/JavaScript/JS(app.alert(1))>>")
    hidden = b"<</Type/ObjStm/N 1/First 4/Filter/FlateDecode>>stream\n" + payload[:3] + b"endstream" + payload[3:]
    # not a valid deflate stream any more: refused as unreadable rather than passed
    with pytest.raises(Unreadable):
        active_content(plain(hidden))


def test_an_object_hidden_inside_a_stream_body_is_found():
    fake = stream(b"/Subtype/Image/Width 1/Height 1", b"9 0 obj <</S/Launch/F(cmd.exe)>> endobj")
    assert active_content(plain(fake)) == ["/Launch"]


def test_names_in_image_data_are_not_read():
    image = stream(b"/Subtype/Image/Width 4/Height 4/Filter/DCTDecode", b"\xff\xd8 /JS /AA /Launch (x)")
    assert active_content(plain(image)) == []


@pytest.mark.parametrize(
    ("filters", "encode"),
    [
        (b"/LZWDecode", lambda data: data),  # a filter the scan does not decode
        (b"/FlateDecode", lambda data: b"\x00\x01 not deflate " + data),  # e.g. an encrypted object stream
    ],
)
def test_an_object_stream_that_cannot_be_decoded_cannot_be_checked(filters, encode):
    with pytest.raises(Unreadable):
        active_content(plain(object_stream(b"<</Type/Catalog>>", filters, encode)))


def test_a_decompression_bomb_in_an_object_stream_is_unreadable():
    with pytest.raises(Unreadable):
        active_content(plain(stream(b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", zlib.compress(b" " * (17 << 20)))))


def test_many_object_streams_share_one_decoding_budget():
    bomb = stream(b"/Type/ObjStm/N 1/First 4/Filter/FlateDecode", zlib.compress(b" " * (3 << 20)))
    with pytest.raises(Unreadable):
        active_content(plain(*[bomb] * 6))


def test_a_pdf_made_by_weasyprint_is_plain():
    import weasyprint

    document = weasyprint.HTML(string="<h1>Statut</h1><p><a href='https://example.org'>BIP</a></p>").write_pdf()
    assert active_content(document) == []


def test_a_pdf_with_javascript_written_by_pypdf_is_found(tmp_path):
    from pypdf import PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_open_action(JavaScript("app.alert('x');"))
    writer.add_attachment("program.exe", b"MZ\x90\x00")
    path = tmp_path / "active.pdf"
    writer.write(path)
    found = active_content(path.read_bytes())
    assert "/JavaScript" in found and "/EmbeddedFiles" in found
