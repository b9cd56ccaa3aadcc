"""Locust users of the deadline rush (run by `bench/deadline_rush.py`, not by hand).

Each user is one applicant already logged in (the session seeded in the database). It opens
its offer's step page (for the CSRF token and the revision), waits for the final minute before
the deadline, then at a random moment within it saves the step (an autosave, as the browser
does) and submits the offer. Every outcome is written to RUSH_OUTCOMES when the run stops.
"""
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, events, task

SEED = json.load(open(os.environ["RUSH_SEED"]))
RUSH_START, RUSH_END = float(os.environ["RUSH_START"]), float(os.environ["RUSH_END"])
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="revision"')
OUTCOMES: dict[int, dict] = {}
_next = iter(SEED["applicants"])


class Applicant(HttpUser):
    wait_time = staticmethod(lambda: 3600)  # one pass each

    def on_start(self):
        me = next(_next)
        self.offer = me["offer"]
        self.client.cookies.set("sessionid", me["session"])
        self.outcome = OUTCOMES.setdefault(self.offer, {"save": None, "submit": None, "submit_at": None})

    @task
    def rush(self):
        page = self.client.get(f"/offers/{self.offer}/other/", name="open step")
        token, revision = TOKEN.search(page.text), REVISION.search(page.text)
        if page.status_code != 200 or not token or not revision:
            self.outcome["save"] = f"could not open: {page.status_code}"
            return
        csrf, rev = token.group(1), revision.group(1) or revision.group(2)
        moment = random.uniform(RUSH_START, RUSH_END - 2)
        gevent.sleep(max(0.0, moment - time.time()))
        headers = {"X-CSRFToken": csrf, "X-Autosave": "1", "Referer": self.host + f"/offers/{self.offer}/other/"}
        with self.client.post(f"/offers/{self.offer}/other/", name="save", headers=headers, catch_response=True,
                              data={"csrfmiddlewaretoken": csrf, "revision": rev,
                                    "other_information": f"Zapisano w ostatniej minucie {time.time():.3f}"}) as r:
            self.outcome["save"] = r.status_code
            if r.status_code != 200:
                r.failure(f"save answered {r.status_code}")
        self.outcome["submit_at"] = time.time()
        with self.client.post(f"/offers/{self.offer}/submit/", name="submit", allow_redirects=False,
                              headers={"Referer": self.host + f"/offers/{self.offer}/"},
                              data={"csrfmiddlewaretoken": csrf}, catch_response=True) as r:
            self.outcome["submit"] = r.status_code
            if r.status_code != 302:
                r.failure(f"submit answered {r.status_code}")


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["RUSH_OUTCOMES"], "w") as handle:
        json.dump(OUTCOMES, handle)
