"""Builds the Rust C library (crates/redactor-ffi) with cargo and puts it inside the package.

Everything else is declared in pyproject.toml. Environment:

- ``CARGO``: the cargo executable (default: ``cargo`` on PATH).
- ``REDACTOR_SOURCE_DIR``: the redactor workspace (default: two levels up from this file).
- ``REDACTOR_PREBUILT_LIB``: ship this already built library instead of running cargo.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

try:  # setuptools >= 70.1 ships bdist_wheel itself
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # older setuptools: the wheel package's
    from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent

if sys.platform == "darwin":
    LIB_FILE = "libredactor_ffi.dylib"
elif sys.platform == "win32":
    LIB_FILE = "redactor_ffi.dll"
else:
    LIB_FILE = "libredactor_ffi.so"


def _workspace() -> Path:
    root = Path(os.environ.get("REDACTOR_SOURCE_DIR", HERE.parent.parent)).resolve()
    if not (root / "crates" / "redactor-ffi" / "Cargo.toml").is_file():
        raise SystemExit(
            f"redactor: no Rust workspace at {root}; set REDACTOR_SOURCE_DIR to the repository "
            "root (or REDACTOR_PREBUILT_LIB to a built library)"
        )
    return root


def _build_library() -> Path:
    prebuilt = os.environ.get("REDACTOR_PREBUILT_LIB")
    if prebuilt:
        return Path(prebuilt)
    cargo = os.environ.get("CARGO", "cargo")
    manifest = str(_workspace() / "Cargo.toml")
    try:
        subprocess.check_call(
            [cargo, "build", "--release", "--locked", "-p", "redactor-ffi", "--manifest-path", manifest]
        )
        meta = subprocess.check_output(
            [cargo, "metadata", "--format-version", "1", "--no-deps", "--manifest-path", manifest]
        )
    except FileNotFoundError:
        raise SystemExit("redactor: cargo not found; install Rust (https://rustup.rs) or set CARGO")
    target = Path(json.loads(meta)["target_directory"])
    return target / "release" / LIB_FILE


class BuildPyWithCargo(build_py):
    """The usual build_py, plus the cargo-built shared library next to _ffi.py."""

    def run(self) -> None:
        super().run()
        lib = _build_library()
        dest = Path(self.build_lib) / "redactor" / LIB_FILE
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lib, dest)


class PlatformWheel(bdist_wheel):
    """The wheel holds a native library but no Python extension: any Python 3, this platform."""

    def finalize_options(self) -> None:
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(cmdclass={"build_py": BuildPyWithCargo, "bdist_wheel": PlatformWheel})
