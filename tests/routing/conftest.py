"""Fixtures for the routing tests: the shared labelled messages (read, never copied), real ward
rows for a few of today's codes, and a model directory per test."""

import csv
from pathlib import Path

import pytest

from civicdesk.organisation.models import AdminUnit
from tests.factories import ProvinceFactory, WardFactory

# The shared data sit beside the project: ../shared/data from its root.
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
PETITIONS = SHARED / "petitions_train.csv"
DUPLICATE_PAIRS = SHARED / "duplicates_dev.csv"


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        pytest.skip(f"{path} is not available on this machine")
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def petitions() -> list[dict[str, str]]:
    return read_rows(PETITIONS)


@pytest.fixture(autouse=True)
def _model_dir(settings, tmp_path):
    settings.MODEL_DIR = tmp_path / "models"


@pytest.fixture
def wards(db) -> dict[str, AdminUnit]:
    """Today's wards used in the tests, with their official codes and centres."""
    province = ProvinceFactory()
    rows = {
        "26743": ("Phường Bến Thành", 10.7713, 106.694),
        "27142": ("Phường Nhiêu Lộc", 10.7871, 106.681),
        "26882": ("Phường An Hội Tây", 10.8455, 106.651),
        "27424": ("Phường Bình Đông", 10.7012, 106.612),
    }
    return {
        code: WardFactory(code=code, name=name, short_name=name.split(" ", 1)[1], parent=province, lat=lat, lon=lon)
        for code, (name, lat, lon) in rows.items()
    }
