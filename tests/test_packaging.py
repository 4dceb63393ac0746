"""What the installers are built from must agree with the app: every package in the wheel,
and the file types, icons and program names that the Linux, Windows and macOS packaging
files name. These read the checkout's packaging files, so the wheelhouse check leaves this
file out."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

from desktop.core.draft_file import SUFFIX
from desktop.core.settings import BUNDLE_SUFFIX
from tests.helpers.tools import require_tool

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_every_python_package_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "desktop").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set()


def test_the_linux_menu_entry_is_valid_and_opens_drafts():
    entry = PACKAGING / "linux" / "amends.desktop"
    validate = require_tool("desktop-file-validate", "desktop-file-utils")
    done = subprocess.run([validate, str(entry)], capture_output=True, text=True)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")
    keys = dict(line.split("=", 1) for line in entry.read_text("utf-8").splitlines() if "=" in line)
    assert keys["Exec"] == "amends %f"
    assert keys["MimeType"] == "application/x-amends-draft;"
    assert keys["Icon"] == "amends"


def test_the_linux_file_types_are_the_apps_suffixes():
    root = ET.parse(PACKAGING / "linux" / "amends-mime.xml").getroot()
    globs = {t.get("type"): t.find(f"{MIME}glob").get("pattern") for t in root.iter(f"{MIME}mime-type")}
    assert globs == {
        "application/x-amends-draft": f"*{SUFFIX}",
        "application/x-amends-profile": f"*{BUNDLE_SUFFIX}",
    }


def test_each_icon_size_is_the_size_its_name_says():
    sizes = {}
    for png in ICONS.glob("amends-*.png"):
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png.name
        sizes[int(png.stem.removeprefix("amends-"))] = struct.unpack(">II", header[16:24])
    assert sizes == {size: (size, size) for size in (16, 24, 32, 48, 64, 128, 256, 512)}
    assert (ICONS / "amends.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "amends.icns").read_bytes()[:4] == b"icns"


def test_the_macos_bundle_claims_the_draft_suffix():
    types = json.loads((PACKAGING / "macos" / "document-types.json").read_text("utf-8"))
    (declared,) = types["UTExportedTypeDeclarations"]
    assert declared["UTTypeTagSpecification"]["public.filename-extension"] == [SUFFIX.lstrip(".")]
    (document,) = types["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [declared["UTTypeIdentifier"]]


def test_the_windows_installer_takes_what_the_build_makes():
    script = (PACKAGING / "windows" / "amends.iss").read_text("utf-8")
    spec = (PACKAGING / "amends.spec").read_text("utf-8")
    app_exe = re.search(r'#define AppExe "(.+)\.exe"', script)[1]
    assert f'executable("{app_exe}", console=False' in spec
    assert 'name="amends")' in spec  # the folder the installer copies: dist\amends
    assert 'Source: "..\\..\\dist\\amends\\*"' in script
    icon = re.search(r"SetupIconFile=(.+)", script)[1].strip()
    assert (PACKAGING / "windows" / Path(icon.replace("\\", "/"))).resolve() == ICONS / "amends.ico"
    assert f'Subkey: "Software\\Classes\\{SUFFIX}"' in script
