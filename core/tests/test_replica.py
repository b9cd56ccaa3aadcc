"""The read replica (core/replica.py): an anonymous visitor's public page and an export read from
the `replica` database; a logged-in user's pages, every write and everything outside the two
switches stay on the primary.

In tests `replica` is a test mirror of the primary: a second connection to the same database,
so these tests commit their rows (transaction=True) and count the queries on each connection.
"""
import io

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from competition.models import Call
from core.replica import REPLICA, ReplicaRouter, replica_reads
from tests_support.factories import CallFactory, ClerkFactory

BOTH = ["default", REPLICA]


@pytest.fixture(autouse=True)
def _close_the_replica_connection():
    """The mirror's connection is a second session on the test database: closed after each
    test, so that the test database can be dropped at the end of the run."""
    yield
    connections[REPLICA].close()


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


class TestRouter:
    def test_reads_go_to_the_primary_outside_the_block(self, settings):
        settings.REPLICA_READS = True
        assert ReplicaRouter().db_for_read(Call) is None

    def test_reads_go_to_the_replica_inside_the_block(self, settings):
        settings.REPLICA_READS = True
        with replica_reads():
            assert ReplicaRouter().db_for_read(Call) == REPLICA
        assert ReplicaRouter().db_for_read(Call) is None

    def test_without_a_replica_the_block_changes_nothing(self, settings):
        settings.REPLICA_READS = False
        with replica_reads():
            assert ReplicaRouter().db_for_read(Call) is None

    def test_writes_never_go_to_the_replica(self, settings):
        settings.REPLICA_READS = True
        with replica_reads():
            assert ReplicaRouter().db_for_write(Call) is None

    def test_the_replica_is_never_migrated(self):
        assert ReplicaRouter().allow_migrate(REPLICA, "competition") is False
        assert ReplicaRouter().allow_migrate("default", "competition") is None


@pytest.fixture
def published_call(settings):
    settings.REPLICA_READS = True
    return CallFactory(published=True)


@pytest.mark.django_db(transaction=True, databases=BOTH)
@pytest.mark.parametrize("name", ["competition:call_list", "competition:call_detail"])
def test_an_anonymous_public_page_reads_from_the_replica(client, published_call, name):
    url = reverse(name, kwargs={"slug": published_call.slug} if name.endswith("detail") else {})
    with CaptureQueriesContext(connections["default"]) as primary, \
            CaptureQueriesContext(connections[REPLICA]) as replica:
        response = client.get(url)
    assert response.status_code == 200
    assert published_call.title in response.content.decode()
    assert "competition_call" in _tables(replica.captured_queries)
    assert "competition_call" not in _tables(primary.captured_queries)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_a_logged_in_user_reads_the_same_page_from_the_primary(client, published_call):
    client.force_login(ClerkFactory())
    with CaptureQueriesContext(connections["default"]) as primary, \
            CaptureQueriesContext(connections[REPLICA]) as replica:
        response = client.get(reverse("competition:call_detail", kwargs={"slug": published_call.slug}))
    assert response.status_code == 200
    assert replica.captured_queries == []
    assert "competition_call" in _tables(primary.captured_queries)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_without_a_replica_the_public_page_reads_from_the_primary(client, published_call, settings):
    settings.REPLICA_READS = False
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(reverse("competition:call_list")).status_code == 200
    assert replica.captured_queries == []


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_export_reads_from_the_replica_unless_told_otherwise(published_call):
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        call_command("export_call", published_call.slug, stdout=io.StringIO())
    assert "competition_call" in _tables(replica.captured_queries)
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        out = io.StringIO()
        call_command("export_call", published_call.slug, "--primary", stdout=out)
    assert replica.captured_queries == []
    assert published_call.slug in out.getvalue()
