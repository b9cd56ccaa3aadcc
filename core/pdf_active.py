"""Active content in a PDF: what makes a file do something when it is opened or clicked.

An attachment is read by clerks and commission members on office computers. A PDF may carry
scripts (/JS, /JavaScript), actions run on opening or on events (/OpenAction, /AA), programs
to launch (/Launch), files inside it (/EmbeddedFile(s), /EF), Flash or 3D media (/RichMedia),
XFA forms (/XFA), and forms that send or import data (/SubmitForm, /ImportData, /GoToE). None
of that belongs in a statute or a cost estimate, so such a file is refused, naming what was
found.

The scan reads bytes, not a parsed document (a malformed file must not slip through because a
parser gave up):

- Names are compared after decoding their #xx escapes: /J#61vaScript is /JavaScript.
- Object streams (/Type /ObjStm, or any stream with /First, which is how a reader finds one)
  hold dictionaries compressed out of sight; they are decoded (Flate with PNG or TIFF
  predictors, ASCIIHex, ASCII85, in any chain) and scanned too. An object stream that cannot
  be decoded (encrypted, or another filter) cannot be checked, and the file is refused.
- The decoded size is capped (a decompression bomb is refused as unreadable).
- Other streams (page content, images, fonts) are skipped: their bytes are never read as
  objects, and high-entropy image data would otherwise hold "/JS" by chance. A dictionary a
  forger hides inside what looks like a stream is still found: any "N G obj" inside a stream
  body is scanned as an object.
- /OpenAction with an inline destination array ("open at page 1", which office suites write)
  is not active; any other /OpenAction is.
"""
import base64
import binascii
import re
import zlib

ACTIVE_NAMES = frozenset({
    b"JS", b"JavaScript", b"AA", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"EF", b"RichMedia",
    b"RichMediaExecute", b"XFA", b"SubmitForm", b"ImportData", b"GoToE",
})
MAX_DECODED = 16 * 1024 * 1024  # all object streams of one file together; more is a decompression bomb

_DELIMITERS = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
_NAME = re.compile(rb"/([^" + _DELIMITERS + rb"]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_WHITESPACE = b"\x00\t\n\x0c\r "


class Unreadable(Exception):
    """A part that may hold objects could not be decoded, so the file cannot be checked."""


def _name(raw: bytes) -> bytes:
    return _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def _names(text: bytes) -> list[tuple[bytes, int]]:
    """Every name in `text`, decoded, with the offset just after it."""
    return [(_name(m.group(1)), m.end()) for m in _NAME.finditer(text)]


def _active_in(text: bytes) -> set[str]:
    found = set()
    for name, end in _names(text):
        if name in ACTIVE_NAMES:
            found.add("/" + name.decode("latin-1"))
        elif name == b"OpenAction" and text[end:].lstrip(_WHITESPACE)[:1] != b"[":
            found.add("/OpenAction")
    return found


# --- streams ----------------------------------------------------------------------------------------


def _streams(data: bytes) -> list[tuple[bytes, int, int]]:
    """(dictionary, body start, body end) of each stream, the dictionary as decoded names."""
    found, position = [], 0
    for match in _STREAM.finditer(data):
        if match.start() < position:
            continue  # the keyword inside the body of the stream before
        start = match.end()
        end = data.find(b"endstream", start)
        end = len(data) if end < 0 else end
        head = data.rfind(b"obj", 0, match.start())
        dictionary = data[head + 3 if head >= 0 else 0:match.start() + 2]
        found.append((_NAME.sub(lambda m: b"/" + _name(m.group(1)), dictionary), start, end))
        position = end
    return found


def _filters(dictionary: bytes) -> list[bytes]:
    """The /Filter chain of a stream dictionary (its names already decoded)."""
    match = re.search(rb"/Filter\s*(\[[^\]]*\]|/[^" + _DELIMITERS + rb"]*)", dictionary)
    return [name for name, _end in _names(match.group(1))] if match else []


def _parameter(dictionary: bytes, key: bytes, default: int) -> int:
    match = re.search(rb"/" + key + rb"\s+(\d+)", dictionary)
    return int(match.group(1)) if match else default


def _is_object_stream(dictionary: bytes) -> bool:
    names = {name for name, _end in _names(dictionary)}
    return b"ObjStm" in names or b"First" in names


def _inflate(body: bytes, budget: int) -> bytes:
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(body, budget + 1)
    except zlib.error as exc:
        raise Unreadable("flate") from exc
    if len(out) > budget:
        raise Unreadable("too large")
    return out


def _unpredict(data: bytes, dictionary: bytes) -> bytes:
    predictor = _parameter(dictionary, b"Predictor", 1)
    if predictor == 1:
        return data
    columns = _parameter(dictionary, b"Columns", 1)
    width = max(1, _parameter(dictionary, b"Colors", 1) * _parameter(dictionary, b"BitsPerComponent", 8) // 8)
    row_length = columns * width
    if predictor == 2:
        return _untiff(data, width, row_length)
    return _unpng(data, width, row_length)


def _untiff(data: bytes, width: int, row_length: int) -> bytes:
    """TIFF predictor: each byte adds the one a pixel before."""
    out = bytearray(data)
    for row in range(0, len(out), row_length):
        for i in range(row + width, min(row + row_length, len(out))):
            out[i] = (out[i] + out[i - width]) & 0xFF
    return bytes(out)


def _unpng(data: bytes, width: int, row_length: int) -> bytes:
    """PNG predictors: each row starts with its filter kind."""
    out, previous = bytearray(), bytearray(row_length)
    for row in range(0, len(data), row_length + 1):
        line = _unpng_row(data[row], bytearray(data[row + 1:row + 1 + row_length]), previous, width)
        out += line
        previous = line + bytearray(row_length - len(line))
    return bytes(out)


def _unpng_row(kind: int, line: bytearray, previous: bytearray, width: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - width] if i >= width else 0
        up, corner = previous[i], previous[i - width] if i >= width else 0
        line[i] = (line[i] + _png_guess(kind, left, up, corner)) & 0xFF
    return line


def _png_guess(kind: int, left: int, up: int, corner: int) -> int:
    """What a PNG filter of this kind adds to a byte (0 for none or an unknown kind)."""
    if kind == 1:
        return left
    if kind == 2:
        return up
    if kind == 3:
        return (left + up) // 2
    if kind == 4:
        guess = left + up - corner
        best = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
        return best[2]
    return 0


def _decode(body: bytes, dictionary: bytes, budget: int) -> bytes:
    """The decoded object stream; Unreadable past `budget` bytes."""
    data = body
    for name in _filters(dictionary):
        if name in (b"FlateDecode", b"Fl"):
            data = _unpredict(_inflate(data, budget), dictionary)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
            try:
                data = binascii.unhexlify(digits + b"0" * (len(digits) % 2))
            except binascii.Error as exc:
                raise Unreadable("hex") from exc
        elif name in (b"ASCII85Decode", b"A85"):
            text = re.sub(rb"\s", b"", data).removeprefix(b"<~").split(b"~>", 1)[0]
            try:
                data = base64.a85decode(text)
            except ValueError as exc:
                raise Unreadable("ascii85") from exc
        else:
            raise Unreadable(name.decode("latin-1"))
        if len(data) > budget:
            raise Unreadable("too large")
    return data


# --- the scan ---------------------------------------------------------------------------------------


def active_content(data: bytes) -> list[str]:
    """The active-content names found in the PDF `data`, sorted ([] for a plain document).
    Raises Unreadable when an object stream cannot be decoded."""
    streams = _streams(data)
    outside, position, budget = [], 0, MAX_DECODED
    found: set[str] = set()
    for dictionary, start, end in streams:
        outside.append(data[position:start])
        position = end
        body = data[start:end]
        for match in _OBJ.finditer(body):  # an object hidden in what looks like a stream body
            close = body.find(b"endobj", match.end())
            found |= _active_in(body[match.start():close if close >= 0 else len(body)])
        if _is_object_stream(dictionary):
            # from the body's start to the end of the file: each filter knows where its data ends,
            # so "endstream" planted in the compressed bytes cannot cut the stream short
            decoded = _decode(data[start:], dictionary, budget)
            budget -= len(decoded)
            found |= _active_in(decoded)
    outside.append(data[position:])
    found |= _active_in(b"\n".join(outside))
    return sorted(found)
