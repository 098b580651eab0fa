"""verantwoord: the public website of a P&C document (begroting, jaarverslag) from its export.

The library follows the data flow: `load_project` reads and validates a project into a `Project`, with a
`Document` per document; `build_project` does that and writes the site, and `build_site` renders one `Document`.
The command line (`verantwoord.cli`) is a thin layer over these calls.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verantwoord.build.site import build_site
    from verantwoord.errors import BuildFailed, InvalidProject, Problem, ProjectNotFound, VerantwoordError
    from verantwoord.model import Document
    from verantwoord.project import Project, load_project
    from verantwoord.publish import build_project
    from verantwoord.scaffold import create_project

__version__ = "0.1.0"

_MODULES = {
    "build_site": "verantwoord.build.site",
    "BuildFailed": "verantwoord.errors",
    "InvalidProject": "verantwoord.errors",
    "Problem": "verantwoord.errors",
    "ProjectNotFound": "verantwoord.errors",
    "VerantwoordError": "verantwoord.errors",
    "Document": "verantwoord.model",
    "Project": "verantwoord.project",
    "build_project": "verantwoord.publish",
    "load_project": "verantwoord.project",
    "create_project": "verantwoord.scaffold",
}
"""Imported on first use (PEP 562): `verantwoord measure` needs DuckDB, not the site builder (Jinja, WeasyPrint)."""


def __getattr__(name: str) -> object:
    if name in _MODULES:
        return getattr(importlib.import_module(_MODULES[name]), name)
    raise AttributeError(f"module 'verantwoord' has no attribute {name!r}")


__all__ = [
    "BuildFailed",
    "Document",
    "InvalidProject",
    "Problem",
    "Project",
    "ProjectNotFound",
    "VerantwoordError",
    "__version__",
    "build_project",
    "build_site",
    "create_project",
    "load_project",
]
