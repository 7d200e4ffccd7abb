"""The web process must not pay for scikit-learn (nor pyvi, which imports it) until a trained
model is actually loaded."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
import civicdesk.wsgi  # noqa: F401
from civicdesk.petitions.models import Category
from civicdesk.workflow.intake import NewCase, submit
Category.objects.create(code="dien-nuoc", name="Điện và nước", scope="cúp điện, mất nước")
case, _ = submit(NewCase(title="Mất điện", content="cúp điện cả khu, mất điện từ sáng",
                         address_text="hẻm 34 Lê Văn Sỹ, P.13, Q.3"))
assert case.category and case.category.code == "dien-nuoc", case.category
heavy = sorted(m for m in ("sklearn", "scipy", "pyvi") if m in sys.modules)
print("HEAVY=" + ",".join(heavy))
"""


def test_routing_a_case_without_a_model_imports_no_training_library(tmp_path):
    env = dict(os.environ, CIVICDESK_DEMO="1", CIVICDESK_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="civicdesk.settings")
    env.pop("CIVICDESK_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "HEAVY=\n" in result.stdout, result.stdout
