"""The Action Unit order the models use, read from the file the Java runtime reads too."""
import json
from pathlib import Path

AU_FILE = (Path(__file__).resolve().parents[2] / "model-core" / "src" / "main" / "resources"
           / "org" / "ganimationstudio" / "model" / "action-units.json")


def au_codes():
    """The 17 AU codes in model input order (AU01 ... AU45)."""
    with open(AU_FILE, encoding="utf-8") as f:
        return [au["code"] for au in json.load(f)["actionUnits"]]
