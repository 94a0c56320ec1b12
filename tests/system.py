"""Debian tools a test needs (age, Xvfb, debootstrap…): found, or installed with apt-get when this
is a Debian-like system and the suite runs as root (as CI does), or else the test is skipped."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def apt_install(*packages: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if subprocess.run(install, env=env, check=False, capture_output=True).returncode != 0:
        # A new machine may hold no package lists yet.
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True, capture_output=True)
        subprocess.run(install, env=env, check=True, capture_output=True)


def debian_tool(command: str, package: str) -> str:
    """The path of command, installing package for it if need be."""
    found = shutil.which(command)
    if found is None and shutil.which("apt-get") is not None and os.geteuid() == 0:
        apt_install(package)
        found = shutil.which(command)
    if found is None:
        pytest.skip(f"{command} (Debian package {package}) is not installed")
    return found
