"""Header cells of a document's tables say what they head, for the tagged PDF (PDF/UA): WeasyPrint
links every data cell to the headers of its column and, for headers marked `scope="row"`, of its
row; an unmarked header in a table's body ("Razem", a group's title) would count as a column
header for the cells below it. A header in `<thead>` heads its column, any other its row, unless the
template says otherwise."""
import re

_THEAD = re.compile(r"<thead\b.*?</thead>", re.S | re.I)
_TH_WITHOUT_SCOPE = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)", re.I)


def with_header_scope(html: str) -> str:
    html = _THEAD.sub(lambda head: _TH_WITHOUT_SCOPE.sub('<th scope="col"', head.group(0)), html)
    return _TH_WITHOUT_SCOPE.sub('<th scope="row"', html)
