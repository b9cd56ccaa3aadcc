"""Loaded by the PDF workers that `bench/pdf_spread.py` starts (`--include bench.spread_hook`),
never by the portal: with `BENCH_SPREAD_ROWS=N` the ranking's source gives the call's real rows
repeated and renumbered up to N rows (as `bench/pdf_probe.py --rows`), in every worker process,
so that the dispatching task and the joining one see the same content."""
import dataclasses
import os

from celery.signals import worker_process_init


@worker_process_init.connect
def synthesise_rows(**_kwargs) -> None:
    rows = int(os.environ.get("BENCH_SPREAD_ROWS") or 0)
    if not rows:
        return
    from bench.pdf_probe import _synthesise
    from core.pdf import registry

    entry = registry.get("ranking")

    def source(owner, subject):
        found = entry.source(owner, subject)
        found.rows = _synthesise(found.rows, rows)
        return found

    registry._KINDS["ranking"] = dataclasses.replace(entry, source=source)
