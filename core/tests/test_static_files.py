"""`collectstatic` with the production storage succeeds, and every static file a template names
exists.

The production storage (WhiteNoise's compressed manifest storage) rewrites each `url(…)`,
`@import` and `sourceMappingURL` it finds in CSS and JS to the hashed name of the file it
points to, and aborts when that file is missing; without the manifest every HTML page
answers 500. The test settings use the plain storage, so this runs the production one into
a temporary directory.
"""
import io
import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")


def test_collectstatic_with_the_production_storage_finds_every_referenced_file(tmp_path):
    with override_settings(STORAGES=PRODUCTION_STORAGES, STATIC_ROOT=tmp_path):
        call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.bundle.min.js",
                 "css/portal.css", "admin/css/base.css"):
        assert name in manifest, name
        assert (tmp_path / manifest[name]).is_file()


def test_the_vendored_files_point_to_no_source_map():
    vendor = Path(settings.BASE_DIR) / "static" / "vendor"
    offending = [str(path.relative_to(vendor)) for path in vendor.rglob("*")
                 if path.suffix in {".css", ".js"} and "sourceMappingURL" in path.read_text()]
    assert offending == []


def test_every_static_file_a_template_names_exists():
    templates = [path for root in (Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates"))
                 for path in root.rglob("*.html")]
    named = {name for path in templates for name in STATIC_TAG.findall(path.read_text())}
    assert "vendor/bootstrap/bootstrap.min.css" in named  # the pattern finds the tags at all
    assert [name for name in sorted(named) if not finders.find(name)] == []
