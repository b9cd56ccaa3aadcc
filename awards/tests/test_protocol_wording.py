"""The protocol words each person's function and statements in the form the person chose:
the chair (feminine) closed the evaluation, the secretary (feminine) took the protocol, a member
(masculine) and a member with no form chosen (neutral) sign under their own titles."""
import pytest

from accounts.models import User
from awards.tests.test_protocol import _flat, _get, _url, mc  # noqa: F401
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_the_protocol_uses_each_persons_form(client, mc, clerk):  # noqa: F811
    User.objects.filter(pk__in=[mc.chair.user_id, mc.secretary.user_id]).update(address_form="feminine")
    bogdan, celina = mc.members
    User.objects.filter(pk=bogdan.user_id).update(address_form="masculine")
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert "Przewodnicząca komisji Anna Przewodnicząca zamknęła ocenę merytoryczną" in flat
    assert "Protokół sporządziła: Sylwia Sekretarz" in flat
    signatures = flat[flat.index("Protokół sporządziła"):]
    assert "Przewodnicząca komisji" in signatures
    assert "Członek komisji" in signatures              # Bogdan
    assert "Członek/członkini komisji" in signatures    # Celina: nothing chosen, neutral
    assert "Przewodniczący" not in flat


def test_the_protocol_words_a_chair_with_no_form_chosen_neutrally(client, mc, clerk):  # noqa: F811
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert "Ocenę merytoryczną zamknięto dnia" in flat and "przewodnicząca/przewodniczący komisji: Anna" in flat
    assert "Protokół sporządził(a): Sylwia Sekretarz" in flat
