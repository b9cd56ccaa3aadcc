"""The matrix's printing helper is a tool for developers, not a test: it is collected only when
MATRIX_PRINT is set (so a normal run, CI included, neither runs nor skips it)."""
import os


def pytest_collection_modifyitems(config, items):
    if os.environ.get("MATRIX_PRINT"):
        return
    keep = [item for item in items if item.name != "test_print_observed_rows"]
    dropped = [item for item in items if item.name == "test_print_observed_rows"]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
