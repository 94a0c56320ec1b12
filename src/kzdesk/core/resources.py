"""Where the shipped data files (vocabularies, catalogues) live, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kzdesk.core.install import bundled_data_dir


@cache
def resources_dir() -> Path:
    """Return the resources directory: beside the modules of a frozen build, inside the installed
    package, or the checkout's top level."""
    bundled = bundled_data_dir()
    if bundled is not None and (bundled / "resources").is_dir():
        return bundled / "resources"
    here = Path(__file__).resolve().parent.parent
    packaged = here / "resources"
    if packaged.is_dir():
        return packaged
    checkout = here.parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("kzdesk resources not found next to the package")


def resource_path(*parts: str) -> Path:
    """Path of one shipped data file."""
    return resources_dir().joinpath(*parts)
