import pytest

from tests_support.contracts import funded
from tests_support.controls import backdated


@pytest.fixture
def world(reference_call, clerk, mayor):
    """The reference call decided, the second offer's contract signed (8 100,00 zł), backdated."""
    world = funded(reference_call, clerk, mayor)
    world.contract = backdated(world.contract)
    return world
