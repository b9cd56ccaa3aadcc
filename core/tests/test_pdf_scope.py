"""Header cells of the documents' tables get their scope (`core.pdf.scope`)."""
import re

from core.pdf.scope import with_header_scope


def test_headers_in_the_head_head_columns_and_the_others_rows():
    html = ('<table><thead><tr><th>Działanie</th><th class="num">Kwota</th></tr></thead>'
            '<tbody><tr><th>A</th><td>1</td></tr><tr><TH colspan="2">Grupa</TH></tr></tbody>'
            '<tfoot><tr><th>Razem</th><th class="num">1</th></tr></tfoot></table>')
    assert with_header_scope(html) == (
        '<table><thead><tr><th scope="col">Działanie</th><th scope="col" class="num">Kwota</th></tr></thead>'
        '<tbody><tr><th scope="row">A</th><td>1</td></tr><tr><th scope="row" colspan="2">Grupa</TH></tr></tbody>'
        '<tfoot><tr><th scope="row">Razem</th><th scope="row" class="num">1</th></tr></tfoot></table>')


def test_a_scope_the_template_gave_is_kept_and_other_tags_are_left_alone():
    html = '<thead><tr><th scope="colgroup">X</th></tr></thead><tbody><tr><th scope="col">Y</th><thx></thx></tr></tbody>'
    assert with_header_scope(html) == html


def test_the_announcements_tables_have_no_header_without_scope(reference_call):
    from competition.announcement import ANNOUNCEMENT_TEMPLATE, announcement_context
    from core.pdf.render import render_html

    html = render_html(ANNOUNCEMENT_TEMPLATE, announcement_context(reference_call))
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert not re.search(r"<th(?![^>]*scope=)[\s>]", html)
