"""Settings of the page benchmark (`bench/run.py`): the portal's own settings (DEBUG and the
rest from the environment, as `config.settings.local` reads them), with the bench-only floor
view mounted in front of the portal's URLs (`bench/floor.py`). Never used by the product."""
from config.settings.local import *  # noqa: F401,F403

ROOT_URLCONF = "bench.floor"
