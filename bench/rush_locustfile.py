"""Locust users of the deadline rush (run by `bench/deadline_rush.py`, not by hand).

Each user is one applicant already logged in (a session seeded in the database), with one pass:

- realistic model (RUSH_MODEL=realistic, the default): at a random moment of the final minute
  it opens its offer's step page (for the CSRF token and the revision), saves the step (an
  autosave, as `static/js/offer_form.js` does), submits, then opens the offer's page and reads
  the control sum it shows;
- pre-opened model (RUSH_MODEL=preopened, the old one): it opens the step page as soon as locust
  starts (before the final minute), then at its random moment saves, submits and reads the sum.

It behaves as the real pages do: an answer 503 is waited out for `Retry-After` seconds and the
same request sent again (the 503 page refreshes itself, the autosave retries); an autosave
answered 5xx or nothing (a connection error or the client's timeout, 120 s as a browser's) is
repeated after 2, 5, 15, 30… s as `static/js/offer_form.js` does; any other request answered so
is sent once more, as a person presses the button again after the error page. Every request is recorded (kind, status, seconds)
with the applicant's outcome, and written to RUSH_OUTCOMES when the run stops.
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
MODEL = os.environ.get("RUSH_MODEL", "realistic")
CLIENT_TIMEOUT = 120
GIVE_UP = RUSH_END + 240  # nobody retries a 503 forever: the run ends
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVISION = re.compile(r'name="revision"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="revision"')
CHECKSUM = re.compile(r'<code class="checksum">([^<]+)</code>')
ERRORS = re.compile(r'id="error-summary".*?<ul[^>]*>(.*?)</ul>', re.S)
OUTCOMES: dict[int, dict] = {}
_next = iter(SEED["applicants"])
_done = {"count": 0}


class Applicant(HttpUser):
    wait_time = staticmethod(lambda: 3600)  # one pass each

    def on_start(self):
        me = next(_next)
        self.offer = me["offer"]
        self.client.cookies.set("sessionid", me["session"])
        self.outcome = OUTCOMES.setdefault(self.offer, {
            "open": None, "save": None, "submit": None, "submit_at": None, "submit_tries": 0, "refusal": "",
            "checksum": None, "shed": 0, "requests": []})

    def send(self, method, path, name, **kwargs):
        """One request as the page sends it: a 503 waited out (Retry-After) and repeated; an
        autosave answered 5xx or nothing repeated after 2, 5, 15, 30, 30… s (offer_form.js); any
        other request answered 5xx or nothing repeated once (a person pressing again)."""
        delays = [2, 5, 15] + [30] * 20 if name == "save" else [0]
        while True:
            started = time.time()
            with self.client.request(method, path, name=name, timeout=CLIENT_TIMEOUT, catch_response=True,
                                     allow_redirects=False, **kwargs) as response:
                status = response.status_code or 0
                self.outcome["requests"].append([name, status, round(time.time() - started, 4), started])
                wait = None
                if status == 503:
                    self.outcome["shed"] += 1
                    response.failure("503 overloaded (waited out, retried)")
                    wait = float(response.headers.get("Retry-After") or 10)
                elif status == 0 or status >= 500:
                    response.failure(f"{name} answered {status or response.error}")
                    wait = delays.pop(0) if delays else None
                elif status >= 400:
                    response.failure(f"{name} answered {status}")
                else:
                    response.success()
                if wait is None or time.time() + wait > GIVE_UP:
                    return response
            if name == "submit":
                self.outcome["submit_tries"] += 1
            gevent.sleep(wait)

    def open_step(self):
        page = self.send("GET", f"/offers/{self.offer}/other/", "open step")
        self.outcome["open"] = page.status_code
        token, revision = TOKEN.search(page.text or ""), REVISION.search(page.text or "")
        if page.status_code != 200 or not token or not revision:
            return None
        return token.group(1), revision.group(1) or revision.group(2)

    @task
    def rush(self):
        moment = random.uniform(RUSH_START, RUSH_END - 1)
        self.outcome["moment"] = moment
        opened = self.open_step() if MODEL == "preopened" else None
        gevent.sleep(max(0.0, moment - time.time()))
        if MODEL != "preopened":
            opened = self.open_step()
        if opened:
            self.save_and_submit(*opened)
        _finished(self.environment)

    def save_and_submit(self, csrf, revision):
        step = f"/offers/{self.offer}/other/"
        save = self.send("POST", step, "save", headers={"X-CSRFToken": csrf, "X-Autosave": "1",
                                                        "Referer": self.host + step},
                         data={"csrfmiddlewaretoken": csrf, "revision": revision,
                               "other_information": f"Zapisano w ostatniej minucie {time.time():.3f}"})
        self.outcome["save"] = save.status_code
        try:  # the offer's page the applicant submits from shows the revision the save made
            revision = str(save.json().get("revision", revision))
        except ValueError:
            pass
        self.outcome["submit_at"] = time.time()
        self.outcome["submit_tries"] = 1
        submit = self.send("POST", f"/offers/{self.offer}/submit/", "submit",
                           headers={"Referer": self.host + f"/offers/{self.offer}/"},
                           data={"csrfmiddlewaretoken": csrf, "revision": revision})
        self.outcome["submit"] = submit.status_code
        if submit.status_code == 200:
            errors = ERRORS.search(submit.text or "")
            self.outcome["refusal"] = re.sub(r"<[^>]+>|\s+", " ", errors.group(1)).strip() if errors else "?"
        if submit.status_code in (200, 302):
            page = self.send("GET", f"/offers/{self.offer}/", "read control sum")
            found = CHECKSUM.search(page.text or "") if page.status_code == 200 else None
            self.outcome["checksum"] = found.group(1).strip() if found else None


def _finished(environment):
    _done["count"] += 1
    if _done["count"] >= len(SEED["applicants"]):
        gevent.spawn_later(1, environment.runner.quit)  # everyone is done: no need to wait for --run-time


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["RUSH_OUTCOMES"], "w") as handle:
        json.dump(OUTCOMES, handle)
