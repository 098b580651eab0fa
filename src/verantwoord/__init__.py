"""verantwoord: the public website of a P&C document (begroting, jaarverslag) from its export.

The library follows the data flow: `load_project` reads and validates the export into a `Document`,
`build_site` renders it. The command line (`verantwoord.cli`) is a thin layer over these calls.
"""

from verantwoord.build.site import build_site
from verantwoord.errors import BuildFailed, InvalidProject, Problem, ProjectNotFound, VerantwoordError
from verantwoord.model import Document
from verantwoord.project import Project, build_project, load_project
from verantwoord.scaffold import create_project

__version__ = "0.1.0"

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
