"""The sections of a person's data export are registered by the apps that keep them and keep
the export's order."""
import pytest

from accounts import registry, selectors
from tests_support.factories import UserFactory


def test_every_section_of_the_export_is_registered_in_its_order():
    assert [name for name, _ in registry.personal_data_providers()] == list(registry.PERSONAL_DATA_SECTIONS)


@pytest.mark.django_db
def test_the_export_has_its_sections_in_order():
    assert list(selectors.personal_data(UserFactory())) == list(registry.PERSONAL_DATA_SECTIONS)
