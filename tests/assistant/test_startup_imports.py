import subprocess
import sys

CHECK = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")
import django
django.setup()
import civicdesk.urls  # what a gunicorn worker loads before its first request
print(",".join(name for name in ("sklearn", "pyvi") if name in sys.modules))
"""


def test_loading_the_site_does_not_import_the_segmenter_or_scikit_learn(tmp_path):
    env = {"CIVICDESK_DEMO": "1", "CIVICDESK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
