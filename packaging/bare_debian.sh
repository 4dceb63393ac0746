#!/usr/bin/env bash
# A bare Debian system in a folder, to run the Linux bundle as a workstation with no Python
# would (packaging/check_bundle.py --root DIR). It has the minimal base system plus only
# what every Linux desktop has: the OpenGL and EGL libraries (Qt's own X11 and Wayland
# helpers are in the bundle, the GPU driver stack must not be) and fontconfig with a font.
#
#   sudo packaging/bare_debian.sh DIR      # needs debootstrap and the Debian mirror, once
#
# SUITE (default bookworm, the oldest Debian the bundle is built for) and MIRROR may be set.
# A folder made earlier is reused.
set -euo pipefail

root=${1:?usage: bare_debian.sh DIR}
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
ready="$root/.amends-bare-debian"

if [[ -e $ready ]]; then
    echo "Reusing the bare Debian in $root"
    exit 0
fi
command -v debootstrap >/dev/null || {
    echo "bare_debian.sh: debootstrap is not installed (apt-get install debootstrap)" >&2
    exit 1
}
debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" apt-get install -y -q --no-install-recommends libgl1 libegl1 fontconfig fonts-dejavu-core >/dev/null
chroot "$root" apt-get clean
if chroot "$root" sh -c 'command -v python3 || command -v python'; then
    echo "bare_debian.sh: $root has a Python, so it cannot show the bundle needs none" >&2
    exit 1
fi
touch "$ready"
echo "A bare Debian $suite with no Python is in $root ($(du -sh "$root" | cut -f1))"
