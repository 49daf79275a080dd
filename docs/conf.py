"""Sphinx configuration: MyST pages plus an API reference generated from docstrings.

The API pages (api.md, api-plugins.md, api-testing.md) document the three public faces by
their public names (``pelayanan.Rubric``, not the private module that defines it); the lists
of objects are generated from each face's ``__all__`` when the docs are built, so they cannot
go stale. A docstring or type hint that names an object by its private home
(``pelayanan._model.rubric.Rubric``) is linked to the public name by :func:`_public_target`.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from pathlib import Path
from typing import Any

import pelayanan

project = "pelayanan"
author = "pelayanan maintainers"
release = pelayanan.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
autosummary_generate = False  # tables of names and summaries only (the API pages)
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": True}
# Every cross-reference must resolve (sphinx-build -W turns a broken one into an error).
nitpicky = True
# References to the standard library and to attrs, Hypothesis, jsonschema and Babel are
# linked through intersphinx. The docs build without network access, so each inventory is
# read from the copy Debian's documentation packages install (.ci/run installs them:
# python3-doc, python-attr-doc, python-hypothesis-doc, python-jsonschema-doc,
# python-babel-doc); the links themselves point to the projects' own sites. Where an
# inventory is not installed, references into that project are accepted as plain text
# instead (nitpick_ignore_regex below), so ``make docs`` also works on a machine without
# them. Projects with no packaged inventory (pluggy, DuckDB, Dask, pandas, PyArrow, ...) are
# always plain text.
_DOCS = Path("/usr/share/doc")
_INVENTORIES = {
    # name: (site, installed inventory, the modules it documents)
    "python": (
        "https://docs.python.org/3",
        next(iter(sorted(_DOCS.glob("python3*/html/objects.inv"), reverse=True)), None),
        "fractions|collections|decimal|os|pathlib|enum|datetime|typing|importlib|types"
        "|argparse|io|re|json|threading|contextlib",
    ),
    "attrs": (
        "https://www.attrs.org/en/stable",
        _DOCS / "python-attr-doc/html/objects.inv",
        "attrs?",
    ),
    "hypothesis": (
        "https://hypothesis.readthedocs.io/en/latest",
        _DOCS / "python-hypothesis-doc/html/objects.inv",
        "hypothesis",
    ),
    "jsonschema": (
        "https://python-jsonschema.readthedocs.io/en/stable",
        _DOCS / "python-jsonschema-doc/html/objects.inv",
        "jsonschema",
    ),
    "babel": (
        "https://babel.pocoo.org/en/latest",
        _DOCS / "python-babel-doc/html/objects.inv",
        "babel",
    ),
}
intersphinx_mapping = {
    name: (site, str(inventory))
    for name, (site, inventory, _modules) in _INVENTORIES.items()
    if inventory is not None and inventory.is_file()
}
_MISSING = sorted(set(_INVENTORIES) - set(intersphinx_mapping))
if _MISSING and os.environ.get("PELAYANAN_DOCS_LINKED"):  # set by .ci/run: CI links them all
    raise RuntimeError(f"intersphinx inventories not installed: {', '.join(_MISSING)}")
_UNLINKED = [
    modules
    for name, (_site, _inventory, modules) in _INVENTORIES.items()
    if name not in intersphinx_mapping
]
_EXTERNAL = (
    r"(_pytest|pytest|pluggy|referencing|yaml|markupsafe|openpyxl|duckdb|dask|distributed"
    r"|pandas|pyarrow" + "".join("|" + modules for modules in _UNLINKED) + r")(\..*)?"
)
nitpick_ignore_regex = [
    (r"py:.*", _EXTERNAL),
    # pluggy's and Hypothesis's own names as they appear in signatures: the hook markers'
    # type variable, the plugin manager, Hypothesis's settings (imported as Settings).
    (r"py:(class|meth)", r"(_F|PluginManager(\..*)?|Settings)"),
    # Hypothesis's settings class as its defining (private) module names it; its inventory
    # has it as hypothesis.settings.
    (r"py:class", r"hypothesis\._settings\.settings"),
    # Strategies made by Hypothesis's @composite show their annotations as written
    # (zone_schemes: ``Fraction | int``), which Sphinx cannot qualify.
    (r"py:class", r"Fraction"),
    # The type variable of from_data(cls: type[T], ...) -> T (the class given is the class
    # returned), as autodoc shows it in the signature.
    (r"py:class", r"pelayanan\._model\.convert\.T"),
    # MarkupSafe's own aliases of typing and typing_extensions (seen in Html's signature).
    (r"py:class", r"(t|te)\.\w+"),
]
# Objects are shown by their names alone: the API pages say which face each lives in, and
# the types no face exports are documented under their private module, which is not shown.
add_module_names = False
html_theme = "furo"
html_title = "pelayanan"

FACES = ("pelayanan", "pelayanan.plugins", "pelayanan.testing")
_PAGES = {
    "api": "pelayanan",
    "api-plugins": "pelayanan.plugins",
    "api-testing": "pelayanan.testing",
}


def _faces() -> list[types.ModuleType]:
    return [importlib.import_module(name) for name in FACES]


def _home_face(value: object) -> str:
    """The face that documents ``value``: the one its module lives under, else ``pelayanan``."""
    module = getattr(value, "__module__", None) or ""
    for name in sorted(FACES, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name
    return "pelayanan"


_PUBLIC: dict[int, str] = {}
_SHORT: dict[str, str] = {}
_RECEIVED: dict[str, list[tuple[str, object, str]]] = {}


def _received(face_name: str) -> list[tuple[str, object, str]]:
    """What a face's API page documents although no face exports it: (name, object, path).

    These are the names the face exported before 0.2 that no face holds now (its
    ``_DEPRECATED``): the parts of results, the string-valued choices and settings,
    annotation aliases and converters. Signatures, results and docstrings name them, so they
    are documented (under their real module, which the page does not show), in a section of
    their own.
    """
    if face_name not in _RECEIVED:
        face = importlib.import_module(face_name)
        held = {id(getattr(module, name)) for module in _faces() for name in module.__all__}
        held |= {  # and the members of a face's namespaces (pelayanan.testing.laws)
            id(getattr(space, member))
            for module in _faces()
            for space in (getattr(module, name) for name in module.__all__)
            if isinstance(space, types.ModuleType)
            for member in getattr(space, "__all__", ())
        }
        found = _RECEIVED[face_name] = []
        for name, (home, _advice) in getattr(face, "_DEPRECATED", {}).items():
            value = getattr(importlib.import_module(home), name)
            if id(value) in held:
                continue  # moved to another face, documented there
            module = getattr(value, "__module__", "")
            if not (
                isinstance(value, (type, types.FunctionType)) and module.startswith("pelayanan")
            ):
                module = _defining_module(name, value, home)
            found.append((name, value, f"{module}.{name}"))
    return _RECEIVED[face_name]


def _defining_module(name: str, value: object, home: str) -> str:
    """The deepest module under ``home`` whose ``__all__`` holds ``value`` as ``name``."""
    found = home
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith(home + ".") and len(module_name) > len(found):
            if name in getattr(module, "__all__", ()) and getattr(module, name) is value:
                found = module_name
    return found


def _public_names() -> tuple[dict[int, str], dict[str, str]]:
    """Public name of every documented object (by identity), and of every short name."""
    if not _PUBLIC:
        schemas = importlib.import_module("pelayanan.schemas")  # a documented namespace
        for member in schemas.__all__:
            _PUBLIC[id(getattr(schemas, member))] = f"pelayanan.schemas.{member}"
        for face in _faces():
            for name in face.__all__:
                value = getattr(face, name)
                if isinstance(value, types.ModuleType):
                    for member in getattr(value, "__all__", ()):
                        _PUBLIC.setdefault(id(getattr(value, member)), f"{value.__name__}.{member}")
                    continue
                if _documented_in(face.__name__, name, value):
                    _PUBLIC[id(value)] = f"{face.__name__}.{name}"
                    _SHORT[name] = f"{face.__name__}.{name}"
        for face_name in FACES:
            for name, value, path in _received(face_name):
                _PUBLIC.setdefault(id(value), path)
                _SHORT.setdefault(name, path)
    return _PUBLIC, _SHORT


def _documented_in(face: str, name: str, value: object) -> bool:
    """Whether the page of ``face`` documents ``name``: a name shared by two faces is
    documented once, by the face its module lives under if that face exports it, else by
    the first face that does."""
    if not isinstance(value, (type, types.FunctionType)):
        return True
    exporting = [
        module.__name__
        for module in _faces()
        if name in module.__all__ and getattr(module, name) is value
    ]
    home = _home_face(value)
    return face == (home if home in exporting else exporting[0])


def _resolve(path: str) -> object | None:
    """The object at a dotted ``path`` (modules imported as needed), or None."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            value: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for part in parts[cut:]:
                value = getattr(value, part)
        except AttributeError:
            return None
        return value
    return None


def _public_path(target: str) -> str | None:
    """The public name for a reference written with a private path or a short name."""
    public, short = _public_names()
    head, _, rest = target.partition(".")
    if target in short or head in short:  # a short name, or a member of one (Kind.MEMBER)
        return short[target] if target in short else f"{short[head]}.{rest}"
    if not target.startswith("pelayanan."):
        return None
    parts = target.split(".")
    for cut in range(len(parts), 1, -1):
        value = _resolve(".".join(parts[:cut]))
        if value is not None and id(value) in public:
            return ".".join([public[id(value)], *parts[cut:]])
    return None


def _public_target(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a Python reference to a private path by the object's public name."""
    if node.get("refdomain") != "py":
        return None
    target = _public_path(node["reftarget"])
    if target is None:
        return None
    domain = env.get_domain("py")
    for kind in (node["reftype"], "obj"):
        found = domain.resolve_xref(env, node["refdoc"], app.builder, kind, target, node, contnode)
        if found is not None:
            return found
    return None


_OWN_PAGE = {"pelayanan.plugins.hookspecs": "hooks"}
"""Namespaces documented member by member on a page of their own, not on the API page."""


def _directive(face: str, name: str, value: object, full: str | None = None) -> str:
    full = full or f"{face}.{name}"
    if isinstance(value, types.ModuleType) and value.__name__ in _OWN_PAGE:
        return f"``{name}``: every member is documented on :doc:`{_OWN_PAGE[value.__name__]}`.\n"
    if isinstance(value, types.ModuleType):
        # A namespace's members that the face exports itself are documented there.
        module = importlib.import_module(face)
        shared = [
            member
            for member in getattr(value, "__all__", ())
            if member in module.__all__ and getattr(module, member) is getattr(value, member)
        ]
        exclude = f"   :exclude-members: {', '.join(shared)}\n" if shared else ""
        return f".. automodule:: {value.__name__}\n   :members:\n   :imported-members:\n{exclude}"
    if isinstance(value, type) and issubclass(value, BaseException):
        return f".. autoexception:: {full}\n"
    if isinstance(value, type):
        return f".. autoclass:: {full}\n"
    if isinstance(value, types.FunctionType):
        return f".. autofunction:: {full}\n"
    if isinstance(value, str):  # a setting's name: the text is what one writes
        return f".. autodata:: {full}\n"
    return f".. autodata:: {full}\n   :no-value:\n"


def _kind(value: object) -> str:
    if isinstance(value, types.ModuleType):
        return "Namespaces"
    if isinstance(value, type) and issubclass(value, BaseException):
        return "Exceptions"
    if isinstance(value, type):
        return "Classes"
    if isinstance(value, types.FunctionType):
        return "Functions"
    return "Other names"


def _face_page(face_name: str) -> tuple[str, str]:
    """The autosummary lines and the directives documenting one face's ``__all__``."""
    face = importlib.import_module(face_name)
    names = [name for name in face.__all__ if name != "__version__"]
    table = "\n   ".join(names)
    groups: dict[str, list[str]] = {}
    elsewhere = []
    for name in names:
        value = getattr(face, name)
        if not _documented_in(face_name, name, value):
            elsewhere.append(f"``{name}`` (:py:obj:`{_home_face(value)}.{name}`)")
            continue
        groups.setdefault(_kind(value), []).append(_directive(face_name, name, value))
    text = []
    if elsewhere:
        text.append(
            "Also importable from here, documented with the face they belong to: "
            + ", ".join(elsewhere)
            + ".\n"
        )
    for kind in ("Classes", "Exceptions", "Functions", "Other names", "Namespaces"):
        if kind in groups:
            text.append(f".. rubric:: {kind}\n")
            text.extend(groups[kind])
    if _received(face_name):
        text.append(".. rubric:: Not exported\n")
        text.append(_RECEIVED_INTRO)
        text.extend(
            _directive(face_name, name, value, path) for name, value, path in _received(face_name)
        )
    return table, "\n".join(text)


_RECEIVED_INTRO = """\
No face exports these: a user receives them as attributes of a result (a score card's
``breakdown``, an analysis's ``elements``, a plugin's ``provides``), gives their value as text
(``"zero"`` for a missing policy, ``PELAYANAN_DISABLE_PLUGINS`` in the environment), writes the
union an alias stands for, or lets the model convert numbers. They are documented here
because results, signatures and the docs name them. Each still imports from this face until
0.3, with a DeprecationWarning saying where it went.
"""


def _fill_api_pages(app: object, docname: str, source: list[str]) -> None:
    """Fill the API pages from the faces' ``__all__``, so that they never go stale."""
    face = _PAGES.get(docname)
    if face is not None:
        table, objects = _face_page(face)
        source[0] = source[0].replace("PUBLIC-NAMES", table).replace("PUBLIC-OBJECTS", objects)


_ATTRIBUTE_DOCS: dict[str, list[str]] = {}


def _keep_attribute_docstring(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Remember an attribute's docstring before napoleon reads it (see below)."""
    if what in {"attribute", "data", "property"}:
        _ATTRIBUTE_DOCS[name] = list(lines)


def _restore_attribute_docstring(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Undo napoleon's reading of ``"Instansi: a ministry, ..."`` as type ``Instansi``.

    Napoleon takes the text before the first colon of an attribute's docstring as its type.
    Our attributes are typed by their annotations (autodoc shows those), and their docstrings
    begin with a label, so such a ``:type:`` is the label: the docstring is put back as written.
    """
    original = _ATTRIBUTE_DOCS.pop(name, None)
    if not original:
        return
    for line in lines:
        if line.startswith(":type: ") and original[0].startswith(line[len(":type: ") :] + ":"):
            lines[:] = original
            return


def _public_bases(app: Any, name: str, obj: object, options: Any, bases: list[type]) -> None:
    """Show a class's bases by their public names, leaving out private ones (``_Bounded``)
    and ``object``."""
    bases[:] = [base for base in bases if base is not object and not base.__name__.startswith("_")]


def setup(app: Any) -> None:
    """Connect :func:`_fill_api_pages`, :func:`_public_target` and the attribute fix."""
    app.connect("source-read", _fill_api_pages)
    app.connect("missing-reference", _public_target)
    app.connect("autodoc-process-bases", _public_bases)
    app.connect("autodoc-process-docstring", _keep_attribute_docstring, priority=100)
    app.connect("autodoc-process-docstring", _restore_attribute_docstring, priority=900)
