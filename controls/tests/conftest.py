import pytest

from tests_support.contracts import funded
from tests_support.controls import backdated, ensure_interest_rates


@pytest.fixture(autouse=True)
def interest_rates(db):
    """The rate table as the data migration loads it (see `ensure_interest_rates`)."""
    ensure_interest_rates()


@pytest.fixture
def world(reference_call, clerk, mayor):
    """The reference call decided, the second offer's contract signed (8 100,00 zł), backdated."""
    world = funded(reference_call, clerk, mayor)
    world.contract = backdated(world.contract)
    return world
