"""Demo data: the Hajnówka 2019 call (the reference call) and one user per role."""
import json
from datetime import date
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
REFERENCE_CALL = DEMO_DIR / "hajnowka-2019.json"
REFERENCE_ANNOUNCED = date(2019, 4, 24)


def reference_document() -> dict:
    return json.loads(REFERENCE_CALL.read_text(encoding="utf-8"))
