"""Pages where the members of an organisation write, submit and withdraw an offer.

Every view finds the offer through `selectors.offer_get_for_user` (404 for anyone outside
its organisations, clerks included: they do not read drafts), binds the forms of one step
and calls the service for it. A service's ValidationError is shown on the page with the
typed data kept; an `OfferConflict` says who changed which section and when, keeps the
typed data and offers to reload or to save anyway. An autosave (header `X-Autosave: 1`)
gets JSON instead of a page. After the deadline the pages are read-only, and the services
refuse any write whatever the browser sends.

If the session expired while somebody typed, what they posted is kept in the session under
the page's path, and restored on that page after they log in again.

Modules: `common` (login with the stash, the lock, the checklist), `start` (list, create),
`steps` (one step page and its autosave), `saving` (one service call per step), `detail`
(overview, submit, withdraw), `next_steps` ("Co dalej" after submitting). The URL configuration reads the views from here.
"""
from offers.views.common import STASH_KEY
from offers.views.detail import offer_detail, offer_submit, offer_withdraw
from offers.views.next_steps import offer_next_steps
from offers.views.start import offer_create, offer_list
from offers.views.steps import offer_step

__all__ = ["STASH_KEY", "offer_create", "offer_detail", "offer_list", "offer_next_steps", "offer_step", "offer_submit",
           "offer_withdraw"]
