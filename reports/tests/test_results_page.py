"""The public results page rendered once per version of the results and language, served from the cache."""
import logging
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.checks.caches import check_cache_location_not_exposed
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from awards import services as award_services
from awards.models import Grant
from competition.models import Call
from organisations.models import Organisation
from reports import results_page
from reports import selectors_results as selectors
from config.settings import base
from reports.tests.test_results import _cell, _money, _row, _table, _url, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(reference_call, clerk, mayor):
    return build(reference_call, clerk, mayor)


def _get(client, call, language="pl"):
    response = client.get(_url("results", call), HTTP_COOKIE=f"django_language={language}")
    assert response.status_code == 200
    return response.content.decode()


def _awarded(html: str, number: str) -> str:
    return _cell(_row(_table(html, "funded"), "data-offer", number), "data-awarded")


def _key(call, language="pl") -> str:
    call = Call.objects.select_related("decision").get(pk=call.pk)
    return results_page.cache_key(call, selectors.results_version(call, call.decision), language)


def _cached(call, language="pl"):
    return caches["rendered"].get(_key(call, language))


def _files() -> list[Path]:
    return sorted(Path(settings.CACHES["rendered"]["LOCATION"]).glob("*.djcache"))


def _no_rendering(monkeypatch):
    def render(*args, **kwargs):
        raise AssertionError("the results were rendered again")

    monkeypatch.setattr(results_page, "render_to_string", render)


def test_the_second_request_reads_two_queries_and_gives_the_same_page(client, published):
    call, _offers = published
    first = _get(client, call)
    with CaptureQueriesContext(connection) as queries:
        second = _get(client, call)
    assert len(queries) == 3  # the call with its decision, the version of the results (twice: opendata's links)
    body = _cached(call)
    assert body in first and body in second
    assert 'id="funded"' in second and 'id="stats-actions"' in second


def test_a_correction_after_publication_shows_at_once(client, published, mayor):
    call, offers = published
    grant = Grant.objects.filter(decision__call=call, awarded__gt=0).select_related("offer").first()
    number = grant.offer.number
    before = _awarded(_get(client, call), number)
    lowered = grant.awarded - D("100.00")
    award_services.decision_correct(decision=grant.decision, amounts={grant.pk: str(lowered)}, reason="Błąd pisarski",
                                    by=mayor)
    after = _awarded(_get(client, call), number)
    assert after != before
    total = sum(g.awarded for g in Grant.objects.filter(decision__call=call, offer=grant.offer))
    assert after == _money(total)


def test_a_new_name_of_an_offeror_shows_at_once(client, published):
    call, offers = published
    assert "Stowarzyszenie Łąka 1" in _get(client, call)
    organisation = Organisation.objects.get(pk=offers[0].organisation_id)
    organisation.name = "Stowarzyszenie Nowa Łąka"
    organisation.save()
    assert "Stowarzyszenie Nowa Łąka" in _get(client, call)


def test_each_language_gets_its_own_rendering(client, published):
    call, _offers = published
    polish = _get(client, call, "pl")
    english = _get(client, call, "en")
    assert "Oferty, którym przyznano dotację" in polish and "Offers awarded a grant" not in polish
    assert "Offers awarded a grant" in english and "Oferty, którym przyznano dotację" not in english
    assert _cached(call, "pl") in polish and _cached(call, "en") in english


def test_the_cached_body_holds_nothing_of_the_user(client, published, clerk):
    call, _offers = published
    anonymous = _get(client, call)
    client.force_login(clerk)
    logged_in = _get(client, call)
    body = _cached(call)
    assert body in anonymous and body in logged_in
    assert clerk.email not in body and "csrfmiddlewaretoken" not in body
    assert 'id="funded"' in body


def test_publishing_renders_the_page_for_every_language_after_the_commit(client, reference_call, clerk, mayor,
                                                                         django_capture_on_commit_callbacks):
    call, _offers = build(reference_call, clerk, mayor, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        award_services.results_publish(call=call, by=clerk)
    assert _cached(call, "pl") and _cached(call, "en")
    with CaptureQueriesContext(connection) as queries:
        _get(client, call)
    assert len(queries) == 3  # the call with its decision, the version (for the body and for opendata's links)


def test_a_correction_after_publication_renders_the_new_results_after_the_commit(
        published, mayor, django_capture_on_commit_callbacks):
    call, _offers = published
    grant = Grant.objects.filter(decision__call=call, awarded__gt=0).first()
    with django_capture_on_commit_callbacks(execute=True):
        award_services.decision_correct(decision=grant.decision, amounts={grant.pk: "0"}, reason="Rezygnacja", by=mayor)
    assert _cached(call, "pl")


def test_a_failing_warm_up_does_not_undo_the_publication(reference_call, clerk, mayor, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    call, _offers = build(reference_call, clerk, mayor, publish=False)

    def broken(call_pk):
        raise RuntimeError("the cache is down")

    monkeypatch.setattr(results_page, "body", broken)
    with django_capture_on_commit_callbacks(execute=True):
        award_services.results_publish(call=call, by=clerk)
    assert Call.objects.get(pk=call.pk).results_published_at is not None


def test_an_annulled_call_is_never_served_from_the_cache(client, published):
    call, _offers = published
    _get(client, call)  # cached
    Call.objects.filter(pk=call.pk).update(state=Call.State.ANNULLED)
    html = _get(client, call)
    assert 'id="annulled"' in html and 'id="funded"' not in html
    caches["rendered"].clear()
    results_page.warm(call.pk)
    assert _cached(call) is None
    assert 'id="funded"' not in _get(client, call)


def test_before_publication_nothing_is_cached_and_the_page_is_404(client, reference_call, clerk, mayor):
    call, _offers = build(reference_call, clerk, mayor, publish=False)
    assert client.get(_url("results", call)).status_code == 404
    results_page.warm(call.pk)
    assert not _cached(call)


def test_a_page_warmed_by_the_worker_is_served_by_another_process_without_rendering(
        client, reference_call, clerk, mayor, monkeypatch, django_capture_on_commit_callbacks):
    call, _offers = build(reference_call, clerk, mayor, publish=False)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's warm-up, after the commit
        award_services.results_publish(call=call, by=clerk)
    assert len(_files()) == 2  # one file per language, in the shared directory
    # Another process: its own memory cache, its own file cache object on the same directory.
    caches["default"].clear()
    del caches["rendered"]
    _no_rendering(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        html = _get(client, call)
    assert len(queries) == 3  # the call with its decision, the version of the results (twice: opendata's links)
    assert 'id="funded"' in html and _cached(call) in html
    assert "Offers awarded a grant" in _get(client, call, "en")


def _directory_gone(location: Path) -> None:
    """The directory is unmounted or replaced after the process started: every read and write fails."""
    caches["rendered"].get("any")  # the cache object exists, on a usable directory
    shutil.rmtree(location)
    location.write_text("not a directory")


def _directory_unusable_from_the_start(location: Path) -> None:
    location.write_text("not a directory")


@pytest.mark.parametrize("break_it", [_directory_gone, _directory_unusable_from_the_start])
def test_a_failing_cache_is_a_miss_logged_never_an_error(client, published, tmp_path, caplog, break_it):
    call, _offers = published
    location = tmp_path / "rendered"
    rendered = {**settings.CACHES["rendered"], "LOCATION": str(location)}
    with override_settings(CACHES={**settings.CACHES, "rendered": rendered}):
        break_it(location)
        with pytest.raises(OSError):  # the cache really fails
            caches["rendered"].set("any", "value")
        with caplog.at_level(logging.WARNING, logger="reports.results_page"):
            html = _get(client, call)
            results_page.warm(call.pk)
    assert 'id="funded"' in html and "Oferty, którym przyznano dotację" in html
    messages = [record.getMessage() for record in caplog.records if record.name == "reports.results_page"]
    assert any("could not be read" in message for message in messages)
    assert any("could not be kept" in message for message in messages)


def test_a_damaged_file_is_a_miss_and_is_written_again(client, published, caplog, monkeypatch):
    call, _offers = published
    _get(client, call)
    body = _cached(call)
    [damaged] = _files()
    data = damaged.read_bytes()
    damaged.write_bytes(data[:len(data) // 2])  # cut short, as by a full disk
    with pytest.raises(results_page.CACHE_ERRORS):  # the file cache itself fails on it
        caches["rendered"].get(_key(call))
    with caplog.at_level(logging.WARNING, logger="reports.results_page"):
        assert body in _get(client, call)
    assert any("could not be read" in record.getMessage() for record in caplog.records)
    assert _cached(call) == body  # written again
    _no_rendering(monkeypatch)
    assert body in _get(client, call)


def test_the_default_directory_is_outside_media_root_so_the_deploy_check_passes():
    inside = {**base.CACHES["rendered"], "LOCATION": str(Path(base.MEDIA_ROOT) / "rendered")}
    with override_settings(CACHES={**base.CACHES, "rendered": inside}, MEDIA_ROOT=base.MEDIA_ROOT):
        assert [warning.id for warning in check_cache_location_not_exposed(None)] == ["caches.W002"]
    with override_settings(CACHES=base.CACHES, MEDIA_ROOT=base.MEDIA_ROOT):
        assert check_cache_location_not_exposed(None) == []
