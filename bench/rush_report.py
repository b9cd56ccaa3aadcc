"""The table of one deadline rush (`bench/deadline_rush.py`): what the applicants saw (the
locustfile's outcomes), what the database holds, and the times per kind of request."""
from collections import Counter

KINDS = ("open step", "save", "submit", "read control sum")
ALREADY = ("already been submitted", "została już złożona")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def count(outcomes: dict, states: dict, deadline: float, arrivals: dict) -> dict:
    """`outcomes`: offer → what its applicant saw; `states`: offer → [state, versions, submitted_at,
    short checksum of its last version]; `arrivals`: offer → when its first submission reached
    nginx (the balancer's clock: what the portal judges)."""
    in_db = {pk for pk, (state, versions, _at, _sum) in states.items() if state == "submitted" and versions == 1}
    attempted = [pk for pk, o in outcomes.items() if o.get("submit_at")]
    sent = [pk for pk in attempted if outcomes[pk]["submit_at"] <= deadline]
    in_time = [pk for pk in attempted if arrivals.get(pk, float("inf")) <= deadline]
    confirmed = [pk for pk in attempted if outcomes[pk]["submit"] == 302]
    earlier = [pk for pk in attempted if outcomes[pk]["submit"] == 200 and outcomes[pk]["submit_tries"] > 1
               and any(text in outcomes[pk]["refusal"] for text in ALREADY) and pk in in_db]
    refused = [pk for pk in attempted if outcomes[pk]["submit"] == 200 and pk not in in_db]
    statuses = Counter(r[1] for o in outcomes.values() for r in o["requests"])
    checked = [pk for pk in confirmed + earlier if outcomes[pk]["checksum"]]
    return {
        "applicants": len(outcomes),
        "never got the page": sum(1 for o in outcomes.values() if o["open"] != 200),
        "attempted": len(attempted),
        "clicked before the deadline (reached nginx in time)": len(in_time),
        "clicked after the deadline (page too slow)": len(attempted) - len(in_time),
        "sent before the deadline by the client, reached nginx after it": len(set(sent) - set(in_time)),
        "accepted (302)": len(confirmed),
        "accepted earlier (a retried submit)": len(earlier),
        "in the database, submitted": len(in_db),
        "refused with a message": len(refused),
        "lost": sum(1 for pk in attempted if pk not in in_db and outcomes[pk]["submit"] != 200
                    and (pk in in_time or outcomes[pk]["submit"] == 302)),
        "sent after the deadline, still unanswered when the run ended": sum(
            1 for pk in set(attempted) - set(in_time) if outcomes[pk]["submit"] in (None, 0)),
        "server errors (5xx)": sum(n for status, n in statuses.items() if status >= 500 and status != 503),
        "503 overloaded, waited out and retried": statuses.get(503, 0),
        "no answer (connection error or 120 s timeout)": statuses.get(0, 0),
        "submitted after the deadline": sum(1 for (_s, _v, at, _c) in states.values() if at and at > deadline),
        "clicks before the deadline refused": sum(1 for pk in in_time if pk not in in_db),
        "control sum shown ≠ the database's": sum(1 for pk in checked
                                                  if outcomes[pk]["checksum"] != states[pk][3]),
        "control sum not read": len(confirmed) + len(earlier) - len(checked),
    }


def timings(outcomes: dict) -> list[list]:
    rows = []
    for kind in KINDS:
        requests = [r for o in outcomes.values() for r in o["requests"] if r[0] == kind]
        answered = [r[2] * 1000 for r in requests if r[1] not in (0, 503)]
        failures = sum(1 for r in requests if r[1] == 0 or r[1] >= 400)
        rows.append([kind, len(requests), failures] + [percentile(answered, s) for s in (0.5, 0.95, 0.99, 1.0)])
    return rows


BOLD = {"lost", "server errors (5xx)", "submitted after the deadline", "clicks before the deadline refused",
        "control sum shown ≠ the database's"}


def table(counts: dict, rows: list[list]) -> list[str]:
    lines = ["| submissions | count |", "|---|---|"]
    for name, value in counts.items():
        lines.append(f"| **{name}** | **{value}** |" if name in BOLD else f"| {name} | {value} |")
    lines += ["", "| request | count | failures | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|---|"]
    for kind, number, failures, *times in rows:
        cells = " | ".join("–" if t != t else f"{t:.0f}" for t in times)
        lines.append(f"| {kind} | {number} | {failures} | {cells} |")
    return lines


def verdict(counts: dict, rows: list[list], users: int) -> str:
    submit_p95 = next(r[4] for r in rows if r[0] == "submit")
    zero = all(counts[k] == 0 for k in ("lost", "server errors (5xx)", "submitted after the deadline",
                                        "clicks before the deadline refused", "control sum shown ≠ the database's"))
    fast = users != 1000 or (submit_p95 == submit_p95 and submit_p95 < 1000)
    missed = [] if zero else ["0 lost / 0 server errors / none late"]
    if not fast:
        missed.append(f"p95 of submit under 1 s (measured {submit_p95:.0f} ms)")
    return "met" if not missed else "NOT met: " + "; ".join(missed)
