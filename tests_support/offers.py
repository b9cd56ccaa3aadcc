"""Offer builders for tests; the same code builds the demo's offers."""
from demo.offers import cost, default_costs, make_offer

__all__ = ["cost", "default_costs", "make_offer"]
