"""The three public faces (``pelayanan``, ``pelayanan.plugins``, ``pelayanan.testing``).

What they promise: ``dir()`` is ``__all__``; every public name is reachable and lives in a
private module or in the face itself; nothing else is reachable as a public attribute; every
exception that pelayanan defines, or that a public function documents or raises, can be
imported from a face. (The docs use only the faces: tests/test_docs_public.py.)
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import re
import types
from pathlib import Path

import pytest

import pelayanan
import pelayanan.plugins
import pelayanan.schemas
import pelayanan.testing
from pelayanan._model import to_exact

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "pelayanan"
FACES = (pelayanan, pelayanan.plugins, pelayanan.testing)
NAMESPACES = {
    # Public submodules: a face may hold them as attributes once imported.
    "pelayanan": {"plugins", "testing", "schemas"},
    "pelayanan.plugins": set(),
    "pelayanan.testing": set(),  # laws and strategies are in its __all__
}
INTERNAL_EXCEPTIONS = {
    # Exceptions that never leave the module that raises them (caught there).
    "NeedsPurePython": "_documents/_yaml.py: selects the pure-Python YAML path, caught there",
    "Stop": "_documents/_context.py: stops a walk at the problem limit, caught there",
    "Unreadable": "_model/convert/_reader.py: a part already reported, caught by the reader",
    "XlsxRefused": "_readers/xlsx_audit.py: becomes the reader's BadRowsError, caught there",
    "Irregular": "_batch/_duckdb.py: the duckdb engine falls back to python, caught in _batch",
}
"""Exception classes defined outside the CLI that no face exports, each with the reason."""


def _exported() -> dict[str, object]:
    """Every public object of the faces and of the documented ``pelayanan.schemas``."""
    found: dict[str, object] = {}
    for face in (*FACES, pelayanan.schemas):
        for name in face.__all__:
            found[name] = getattr(face, name)
    return found


def _private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split("."))


@pytest.mark.parametrize("face", FACES, ids=lambda face: face.__name__)
def test_dir_of_a_face_is_its_all(face: types.ModuleType) -> None:
    assert dir(face) == sorted(face.__all__)
    assert len(set(face.__all__)) == len(face.__all__)


@pytest.mark.parametrize("face", FACES, ids=lambda face: face.__name__)
def test_every_name_of_a_face_lives_in_a_private_module_or_the_face(face: types.ModuleType) -> None:
    for name in face.__all__:
        value = getattr(face, name)
        if isinstance(value, types.ModuleType):  # pelayanan.testing.laws, .strategies
            assert value.__name__ == f"{face.__name__}.{name}"
            continue
        if not isinstance(value, (type, types.FunctionType)):
            continue  # __version__, constants, markers, type aliases (Node, Scale)
        home = value.__module__
        public_namespace = home in {f"{face.__name__}.{space}" for space in face.__all__}
        assert home == face.__name__ or _private(home) or public_namespace, (name, home)
        # The very object its home defines under that name (not a copy, not a wrapper).
        assert getattr(importlib.import_module(home), value.__qualname__) is value, name
        assert value.__name__ == name, name


@pytest.mark.parametrize("face", FACES, ids=lambda face: face.__name__)
def test_nothing_but_all_is_a_public_attribute_of_a_face(face: types.ModuleType) -> None:
    for name in face.__all__:  # load the lazy names too: they must not bring others along
        getattr(face, name)
    extra = {
        name
        for name in vars(face)
        if name.isidentifier()  # (pytest's assertion rewriting adds "@py_builtins")
        and not name.startswith("_")
        and name not in face.__all__
        and name not in NAMESPACES[face.__name__]
    }
    assert extra == set()


@pytest.mark.parametrize("face", FACES, ids=lambda face: face.__name__)
def test_an_unknown_name_of_a_face_is_an_attribute_error(face: types.ModuleType) -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = face.nope


def _exception_classes() -> dict[str, str]:
    """Every exception class defined in src/pelayanan outside the CLI: name -> file.

    Read from the source (no import), following bases within the package, so that an
    exception added in any module, even one no test imports, is seen.
    """
    bases: dict[str, tuple[set[str], str]] = {}
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith("_cli/"):  # CliError/UsageError end as exit codes, never raised out
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases}
                bases[node.name] = (names, relative)
    builtin = {
        name
        for name, value in vars(builtins).items()
        if isinstance(value, type) and issubclass(value, BaseException)
    }
    exceptions: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for name, (names, relative) in bases.items():
            if name not in exceptions and names & (builtin | set(exceptions)):
                exceptions[name] = relative
                changed = True
    return exceptions


def test_every_exception_pelayanan_defines_is_importable_from_a_face() -> None:
    exceptions = _exception_classes()
    # The scan finds what it must (else the test below would pass on nothing).
    assert {"DocumentError", "BadRowsError", "ConversionError", "PluginError"} <= set(exceptions)
    exported = _exported()
    missing = {
        name: where
        for name, where in exceptions.items()
        if name not in INTERNAL_EXCEPTIONS
        and not (isinstance(exported.get(name), type) and issubclass(exported[name], Exception))
    }
    assert missing == {}


def _documented_raises(obj: object) -> set[str]:
    """The exception names in the ``Raises:`` section of ``obj``'s docstring."""
    doc = inspect.getdoc(obj) or ""
    match = re.search(r"^Raises:\n((?:[ \t]+.*\n?|\n)+)", doc, re.MULTILINE)
    if match is None:
        return set()
    return set(re.findall(r"^ {4}([A-Za-z_][\w.]*)\s*:", match.group(1), re.MULTILINE))


def _public_callables() -> list[tuple[str, object]]:
    found = []
    for face in FACES:
        for name in face.__all__:
            value = getattr(face, name)
            if isinstance(value, types.ModuleType):
                found += [
                    (f"{face.__name__}.{name}.{member}", getattr(value, member))
                    for member in getattr(value, "__all__", ())
                ]
                continue
            found.append((f"{face.__name__}.{name}", value))
            if isinstance(value, type):
                for member, attribute in vars(value).items():
                    if not member.startswith("_") and callable(attribute):
                        found.append((f"{face.__name__}.{name}.{member}", attribute))
    return found


def test_every_exception_a_public_function_documents_is_importable_from_a_face() -> None:
    exported = _exported()
    checked = 0
    problems = []
    for where, obj in _public_callables():
        for raised in _documented_raises(obj):
            checked += 1
            short = raised.rsplit(".", 1)[-1]
            value = exported.get(short, getattr(builtins, short, None))
            if not (isinstance(value, type) and issubclass(value, BaseException)):
                problems.append(f"{where} raises {raised}")
    assert checked > 20  # the sections are found: score, load_*, read_units, ...
    assert problems == []


def _raised(call: object) -> type[BaseException]:
    try:
        call()  # type: ignore[operator]
    except Exception as error:
        return type(error)
    raise AssertionError("no error raised")


def test_what_the_public_functions_raise_on_bad_input_is_importable(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "rubric.yaml"
    bad_yaml.write_text("id: [unclosed\n", encoding="utf-8")
    bad_units = tmp_path / "units.csv"
    bad_units.write_text("id,name,parent\na,A,zz\n", encoding="utf-8")
    rubric = pelayanan.Rubric(
        id="r",
        version="1",
        title="r",
        children=(pelayanan.Indicator(id="a", title="a", scale=pelayanan.BooleanScale()),),
        scoring=pelayanan.ScoringSpec(model="weighted_mean"),
    )
    calls = {
        "load_rubric": lambda: pelayanan.load_rubric(bad_yaml),
        "read_units": lambda: pelayanan.read_units(bad_units),
        "from_data": lambda: pelayanan.from_data(pelayanan.Rubric, {"id": 1}),
        "to_exact": lambda: to_exact("1e999999999"),
        "score": lambda: pelayanan.score(rubric, [], [pelayanan.Unit(id="u", name="u")]),
        "assess": lambda: pelayanan.assess("no-such-rubric", []),
        "scheme_for_year": lambda: pelayanan.scheme_for_year([], 1800),
        "Evidence": lambda: pelayanan.Evidence("u", "a", "1" * 5000),
    }
    exported = set(map(id, _exported().values()))
    raised = {name: _raised(call) for name, call in calls.items()}
    assert raised["score"] is pelayanan.MissingEvidenceError
    assert raised["assess"] is pelayanan.NotFoundError
    assert {name: kind for name, kind in raised.items() if id(kind) not in exported} == {}


def test_every_error_pelayanan_raises_derives_from_one_exported_base() -> None:
    exceptions = {
        name: where
        for name, where in _exception_classes().items()
        if name not in INTERNAL_EXCEPTIONS
    }
    assert len(exceptions) >= 15  # the scan finds them (else the check below passes on nothing)
    exported = _exported()
    not_derived = {
        name: where
        for name, where in exceptions.items()
        if not issubclass(exported[name], pelayanan.PelayananError)  # type: ignore[arg-type]
    }
    assert not_derived == {}
    # The built-in bases are kept: code catching ValueError or KeyError still works.
    assert issubclass(pelayanan.DocumentError, ValueError)
    assert issubclass(pelayanan.NotFoundError, KeyError)


def test_no_name_is_in_two_faces() -> None:
    seen: dict[str, str] = {}
    twice = []
    for face in FACES:
        for name in face.__all__:
            if name in seen:
                twice.append(f"{name}: {seen[name]} and {face.__name__}")
            seen[name] = face.__name__
    assert twice == []


def test_the_top_face_stays_small() -> None:
    # What a user constructs, calls or catches (docs/api.md); the rest is reached as attributes.
    assert len(pelayanan.__all__) <= 80
    assert len(pelayanan.plugins.__all__) <= 20
    assert len(pelayanan.testing.__all__) <= 15


_OLD_NAMES = [(face, name) for face in FACES for name in face._DEPRECATED]


@pytest.mark.parametrize(
    ("face", "name"), _OLD_NAMES, ids=lambda item: getattr(item, "__name__", item)
)
def test_a_name_that_left_a_face_imports_for_one_release_with_a_warning(
    face: types.ModuleType, name: str
) -> None:
    home, advice = face._DEPRECATED[name]
    with pytest.warns(DeprecationWarning, match=rf"{face.__name__}\.{name} is deprecated") as seen:
        value = getattr(face, name)
    assert advice in str(seen[0].message)
    assert value is getattr(importlib.import_module(home), name)
    assert name not in face.__all__
    assert name not in vars(face)  # not stored: every lookup warns
    # Where it went: another face holds it, or no face does and it is reached otherwise.
    holders = [f.__name__ for f in FACES if name in f.__all__ and getattr(f, name) is value]
    assert holders == ([home] if home in {f.__name__ for f in FACES} else [])


def test_old_names_of_the_top_face_cover_every_moved_one() -> None:
    # What pelayanan exported before 0.2 (its __all__ at 0.1) is exported or deprecated.
    before = set(_OLD_TOP.split())
    assert len(before) == 122
    assert before - set(pelayanan.__all__) - set(pelayanan._DEPRECATED) == set()


_OLD_TOP = """
Addition Aggregation AggregationMethod Applies Assessment AuditFinding AuditResult
BadRowsError Band BooleanScale Candidate Chain Change Classification Combine ConversionError
Document DocumentError ElementChange ElementResult Evidence EvidenceKind EvidenceRecord
EvidenceSet Finding Fix FixPlan Group Html IndexResult Indicator IndicatorInput LimitError
Limits Metadata MissingEvidenceError MissingPolicy ModelResult NoMethodError Node NodeResult
NodeStatus NotFoundError NumericScale OrdinalScale Overlay ParamRef Parameter Period
PluginError Problem ProblemError ProblemKind ProfileTable Provenance PublishedReport Registry
Replacement Report Response ResultProvenance Rounding RoundingMode RoundingRules Rubric
RuleError SampleAdequacy Scale ScaleLevel ScoreCard ScoringError ScoringModel ScoringProblem
ScoringSpec Segment Source SurveyAnalysis TailoringError Target TargetError TargetResult
TargetSet Text Unit UnitLevel UnitTree Verification VerificationNote Weight Zone ZoneScheme
analyse_survey apply_overlay assess assess_files assess_table audit content_hash
current_limits dump exact_to_str from_data get_registry hookimpl krejcie_morgan
load_assessment load_document load_evidence load_overlay load_rubric load_zone_scheme
plan_fixes read_targets read_units render_html render_markdown_report resolve_rubric
scheme_for_year score to_data to_exact use_limits
"""
"""``pelayanan.__all__`` before 0.2 (without ``__version__``)."""
