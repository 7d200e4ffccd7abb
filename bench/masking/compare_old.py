"""Score the masking before issue 12 (civicdesk/lib/masking.py at commit eb4fc08, loaded from git into a temporary
module) and today's on the same sets, with the scorer of `civicdesk eval-masking`.

    .venv/bin/python bench/masking/compare_old.py bench/masking/dev.jsonl bench/masking/heldout.jsonl
"""

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from civicdesk.lib import masking_eval  # noqa: E402
from civicdesk.lib.masking import mask_personal_data  # noqa: E402

OLD_COMMIT = "eb4fc08"


def old_masking():
    source = subprocess.run(["git", "show", f"{OLD_COMMIT}:civicdesk/lib/masking.py"], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_masking.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_masking", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(paths: list[str]) -> None:
    old = old_masking()
    for path in paths:
        items = masking_eval.read_items(path)
        print(path)
        print("  before:", json.dumps(masking_eval.score(items, lambda t, n, k: old.mask_personal_data(t, n))))
        print("  now:   ", json.dumps(masking_eval.score(items, lambda t, n, k: mask_personal_data(t, n, kind=k))))


if __name__ == "__main__":
    main(sys.argv[1:] or ["bench/masking/dev.jsonl"])
