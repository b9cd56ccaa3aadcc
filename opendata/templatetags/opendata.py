"""Links to the open data, for the public pages of the apps below (which may not import this
one): `{% load opendata %}{% open_data_links call %}` on a call's and its results' pages,
`{% open_data_feeds %}` on the list of calls."""
from django import template
from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from opendata import files
from opendata.rules import FORMATS

register = template.Library()


@register.inclusion_tag("opendata/includes/_files.html")
def open_data_links(call):
    """The files of a call's published results, each with its format and, once the files are
    built (at publication), its size; nothing before publication."""
    try:
        sizes = files.call_file_sizes(call, build=False)  # never built by a page view: sizes once built
    except Http404:
        return {"call": call, "files": []}
    labels = {files.RESULTS: _("Grants awarded"), files.RANKING: _("Ranking")}
    groups = [{"label": labels[kind], "links": [
        {"url_name": f"opendata:{kind}_{fmt}", "format": fmt.upper(), "size": sizes[kind][fmt] if sizes else None}
        for fmt in FORMATS]} for kind in files.KINDS]
    return {"call": call, "files": groups, "licence": settings.OPEN_DATA_LICENCE,
            "licence_url": settings.OPEN_DATA_LICENCE_URL}


@register.inclusion_tag("opendata/includes/_feeds.html")
def open_data_feeds():
    return {}
