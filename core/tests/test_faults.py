"""Faults: the database connection dies in the middle of a submission; a backup is restored.

Both need PostgreSQL (a real server connection to kill, pg_dump and pg_restore); in CI they
must run, never skip.
"""
import os
import subprocess
import uuid
from unittest import mock

import psycopg2
import pytest
from django.db import DatabaseError, connection

from offers import selectors as offer_selectors
from offers import services
from offers.models import Offer, OfferEvent, OfferVersion
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer
from tests_support.postgres import require_postgres



def _connect(dbname: str):
    s = connection.settings_dict
    return psycopg2.connect(dbname=dbname, user=s["USER"], password=s["PASSWORD"] or None, host=s["HOST"] or None,
                            port=s["PORT"] or None)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_killed_mid_submission_leaves_a_complete_draft_that_can_be_submitted_again(reference_call):
    require_postgres("pg_dump", "pg_restore")
    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    original = OfferEvent.objects.create

    def kill_then_continue(*args, **kwargs):
        """The version row is written; now the server drops this connection, as a crash would."""
        with _connect(connection.settings_dict["NAME"]) as other, other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        return original(*args, **kwargs)

    with mock.patch.object(OfferEvent.objects, "create", side_effect=kill_then_continue):
        with pytest.raises(DatabaseError):
            services.offer_submit(offer=offer, by=member.user)
    connection.close()  # a new connection, as the next request would get

    offer = Offer.objects.get(pk=offer.pk)
    assert offer.state == Offer.State.DRAFT and offer.number == "" and offer.submitted_at is None
    assert not OfferVersion.objects.filter(offer=offer).exists()
    assert offer_selectors.offer_problems(offer) == []  # the draft is complete: every part is still there
    version = services.offer_submit(offer=offer, by=member.user)  # nothing half-done stands in the way
    assert version.number == 1 and Offer.objects.get(pk=offer.pk).state == Offer.State.SUBMITTED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_offer_with_its_control_sum(reference_call, tmp_path):
    require_postgres("pg_dump", "pg_restore")
    submitted = {}
    for _ in range(3):
        member = MembershipFactory(organisation__legal_form="association")
        offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
        version = services.offer_submit(offer=offer, by=member.user)
        submitted[offer.pk] = version.checksum
    s = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": s["PASSWORD"] or ""}
    common = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
    dump = tmp_path / "portal.dump"
    subprocess.run(["pg_dump", *common, "-Fc", "-f", str(dump), s["NAME"]], env=env, check=True, timeout=120)
    restored = f"restore_check_{uuid.uuid4().hex[:8]}"
    admin = _connect("postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{restored}"')
        subprocess.run(["pg_restore", *common, "--no-owner", "-d", restored, str(dump)], env=env, check=True,
                       timeout=120)
        with _connect(restored) as copy, copy.cursor() as cursor:
            cursor.execute("SELECT o.id, v.checksum, v.data FROM offers_offer o "
                           "JOIN offers_offerversion v ON v.offer_id = o.id")
            rows = cursor.fetchall()
        copy.close()
        assert {pk: checksum for pk, checksum, _data in rows} == submitted
        for _pk, checksum, data in rows:
            assert services.checksum(data) == checksum  # the snapshot itself is intact, not only its sum
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}"')
        admin.close()
