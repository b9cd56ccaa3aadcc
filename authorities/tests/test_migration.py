"""competition 0012: the free text of every call becomes an Authority, and back; nothing is lost."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("competition", "0011_indicator_source")]
AFTER = [("competition", "0012_call_authority_as_data")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest_schema():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield
    _migrate(latest)


def _call(apps, slug, authority):
    today = timezone.localdate()
    now = timezone.now()
    return apps.get_model("competition", "Call").objects.create(
        slug=slug, title=slug, authority=authority, public_task_type="t", legal_basis="l", order_number="1/26",
        announcement_date=today, submission_deadline=now, confirmation_deadline=now, confirmation_address="a",
        decision_date=today, realisation_start=today, realisation_end=today)


@pytest.mark.django_db(transaction=True)
def test_each_text_becomes_one_authority_and_goes_back_to_the_same_text(back_to_the_latest_schema):
    old = _migrate(BEFORE)
    try:
        _call(old, "a", "Burmistrz Miasta Hajnówka")
        _call(old, "b", "Burmistrz  Miasta Hajnówka")  # the same office, typed with two spaces
        _call(old, "c", "Zarząd Powiatu Hajnowskiego")
        _call(old, "d", "Wójt Gminy Kamienna Struga")
    finally:
        new = _migrate(AFTER)
    Call = new.get_model("competition", "Call")
    Authority = new.get_model("authorities", "Authority")
    assert Authority.objects.count() == 3
    by_slug = {c.slug: c.authority for c in Call.objects.select_related("authority")}
    assert by_slug["a"] == by_slug["b"]
    assert (by_slug["a"].kind, by_slug["a"].name, by_slug["a"].name_genitive, by_slug["a"].municipality) == (
        "burmistrz", "Burmistrz Miasta Hajnówka", "Burmistrza Miasta Hajnówka", "Gmina Miejska Hajnówka")
    assert (by_slug["c"].kind, by_slug["c"].name_genitive, by_slug["c"].municipality) == (
        "zarzad_powiatu", "Zarządu Powiatu Hajnowskiego", "Powiat Hajnowski")
    assert (by_slug["d"].kind, by_slug["d"].slug, by_slug["d"].office_name) == (
        "wojt", "wojt-gminy-kamienna-struga", "Urząd Gminy Kamienna Struga")

    back = _migrate(BEFORE)
    texts = dict(back.get_model("competition", "Call").objects.values_list("slug", "authority"))
    assert texts == {"a": "Burmistrz Miasta Hajnówka", "b": "Burmistrz Miasta Hajnówka",
                     "c": "Zarząd Powiatu Hajnowskiego", "d": "Wójt Gminy Kamienna Struga"}
