"""Sphinx configuration: MyST pages plus an API reference generated from docstrings."""

from __future__ import annotations

import pelayanan

project = "pelayanan"
author = "pelayanan maintainers"
release = pelayanan.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "show-inheritance": False}
nitpicky = False
html_theme = "furo"
html_title = "pelayanan"
