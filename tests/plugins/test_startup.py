"""What ``pelayanan classify`` does not load (issue 10: a command costs little more than the
import): no evidence reader, no document loader with its JSON Schemas, no HTML renderer, no
other command's module and none of Babel's locale data. The built-in files and readers are
named from the manifest and a table, and loaded when first asked for; the one number printed
is formatted with Babel's symbols kept beside the catalogs. Speed itself is shown by
benchmarks/import_cost.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pelayanan._cache import ENV_VARIABLE as CACHE_VARIABLE
from pelayanan.plugins import Registry, _builtin
from pelayanan.plugins._collect import collect
from pelayanan.plugins._discovery import PluginInfo

NOT_NEEDED = (
    "pelayanan._readers",
    "pelayanan._documents.api",
    "pelayanan._documents.schemas",
    "pelayanan._reports.html",
    "pelayanan._reports.view",  # the reports' rows and summaries: classify prints figures
    "pelayanan._cli.cmd_score",
    "pelayanan._cli.cmd_survey",
    "pelayanan._cli.pipeline",
    "babel.dates",  # imported by unpickling any of Babel's locale data
    "yaml",  # the trusted built-in zone scheme is read from its JSON copy
    "pelayanan._documents._yaml",
    "pelayanan._documents.loading",  # nor pelayanan's parser, nor its readers of text
    "pelayanan._documents._parser",
    "pelayanan._scoring.engine",  # classifying scores nothing: no engine, fixes or aggregation
    "pelayanan._scoring.fixes",
    "pelayanan._scoring.aggregate",
)

CLASSIFY = """
import io, json, sys
import babel.localedata
from pelayanan._cli.app import main
from pelayanan._cli.common import Console
out = io.StringIO()
code = main(["classify", "--scheme", "ombudsman-2022", "80"], Console(out, io.StringIO()))
print(json.dumps([code, out.getvalue(), sorted(sys.modules), sorted(babel.localedata._cache)]))
"""


def test_classify_loads_no_reader_loader_renderer_or_other_command(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PELAYANAN_")}
    env[CACHE_VARIABLE] = str(tmp_path / "cache")  # empty: the first run fills it
    for _ in range(2):  # the first run keeps Babel's number symbols and the file as JSON
        done = subprocess.run(
            [sys.executable, "-c", CLASSIFY], capture_output=True, text=True, check=True, env=env
        )
    code, out, modules, locales = json.loads(done.stdout)
    assert code == 0, out
    assert "80,00" in out  # Indonesian decimal comma, from Babel's symbols for "id"
    loaded = [name for name in modules if name.startswith(NOT_NEEDED)]
    assert loaded == []
    assert locales == []  # no locale file of Babel's was read


def test_every_deferred_builtin_reader_loads_the_reader_it_names() -> None:
    from pelayanan._readers import builtin_readers

    # the same readers, in the same order, as the readers package lists
    assert [r.name for r in builtin_readers()] == [item.name for item in _builtin.TABLE_READERS]
    info = PluginInfo("builtin", "pelayanan", "0", "pelayanan.plugins._builtin")
    for item in _builtin.TABLE_READERS:
        reader = item.load()
        assert reader.name == item.name
        # the loaded reader passes the checks any plugin's reader passes
        assert collect(info, "pelayanan_evidence_readers", [reader]).problems == []
    registry = Registry(discover=False, builtin=True, environ={})
    assert list(registry.evidence_readers()) == [
        "document",
        *(item.name for item in _builtin.TABLE_READERS),
    ]
    assert registry.reader_for("data.tsv").name == "csv"
