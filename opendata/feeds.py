"""Atom feeds (Django's syndication framework) for a BIP page or a newsletter to subscribe to:
the calls announced and the results published, newest first."""
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from opendata import selectors


class AnnouncementsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Open calls for offers: announcements")
    subtitle = _("Calls for grant offers announced on the portal")
    link = reverse_lazy("competition:call_list")

    def author_name(self):
        return settings.PORTAL_OPERATOR

    def items(self):
        return selectors.announcements_feed()

    def item_title(self, call):
        return call.title

    def item_description(self, call):
        return _("Announced by order no. %(number)s; offers until %(deadline)s.") % {
            "number": call.order_number, "deadline": call.submission_deadline.strftime("%Y-%m-%d %H:%M")}

    def item_link(self, call):
        return reverse("competition:call_detail", kwargs={"slug": call.slug})

    def item_pubdate(self, call):
        return call.published_at

    def item_updateddate(self, call):
        return call.updated_at

    def item_author_name(self, call):
        return call.authority.name


class ResultsFeed(AnnouncementsFeed):
    title = _("Open calls for offers: results")
    subtitle = _("Results of calls for grant offers published on the portal")

    def items(self):
        return selectors.results_feed()

    def item_description(self, call):
        return _("Results published; decided by order no. %(number)s.") % {"number": call.decision.order_number}

    def item_link(self, call):
        return reverse("reports:results", kwargs={"slug": call.slug})

    def item_pubdate(self, call):
        return call.results_published_at
