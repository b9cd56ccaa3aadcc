"""The checks `make lint` runs on the structure (.ci/import_rules, .ci/module_size) catch what
they are for."""
import importlib.machinery
import importlib.util
from pathlib import Path

import pytest

CI = Path(__file__).resolve().parents[2] / ".ci"


def _load(name):
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(CI / name))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def import_rules():
    return _load("import_rules")


def test_a_circle_of_three_modules_is_found_and_a_chain_is_not(import_rules):
    edges = {"a.x": {"b.y"}, "b.y": {"c.z"}, "c.z": {"a.x"}, "d.w": {"a.x"}}
    assert import_rules.circles(edges) == [["a.x", "b.y", "c.z"]]
    assert import_rules.circles({"a.x": {"b.y"}, "b.y": set()}) == []


def test_only_url_configurations_and_the_same_views_package_import_views(import_rules):
    edges = {
        "offers.urls": {"offers.views"},
        "offers.views": {"offers.views.common"},
        "offers.views.steps": {"offers.views.common"},
        "contracts.views": {"offers.views_attachments"},
        "accounts.context_processors": {"accounts.views_notices"},
        "offers.services": {"offers.selectors"},
    }
    assert import_rules.views_imports(edges) == [
        ("accounts.context_processors", "accounts.views_notices"),
        ("contracts.views", "offers.views_attachments"),
    ]


def test_the_portal_itself_keeps_both_rules(import_rules):
    assert import_rules.main() == 0


def test_a_module_over_400_lines_fails_the_size_check(tmp_path, monkeypatch, capsys):
    module_size = _load("module_size")
    (tmp_path / "offers").mkdir()
    (tmp_path / "offers" / "long.py").write_text("x = 1\n" * 401)
    (tmp_path / "offers" / "short.py").write_text("x = 1\n" * 400)
    (tmp_path / "offers" / "tests").mkdir()
    (tmp_path / "offers" / "tests" / "test_long.py").write_text("x = 1\n" * 900)
    found = [p.name for p in module_size.modules(tmp_path)]
    assert found == ["long.py", "short.py"]
    monkeypatch.setattr(module_size, "__file__", str(tmp_path / ".ci" / "module_size"))
    assert module_size.main() == 1
    assert "offers/long.py: 401 lines" in capsys.readouterr().out


def test_every_package_with_tests_is_collected():
    """A package's tests run only if pytest.ini names it (the organisations app once was not)."""
    import configparser

    root = CI.parent
    config = configparser.ConfigParser()
    config.read(root / "pytest.ini")
    collected = set(config["pytest"]["testpaths"].split())
    with_tests = {p.parent.parent.name for p in root.glob("*/tests/__init__.py")} | {"e2e"}
    assert with_tests - collected == set()
