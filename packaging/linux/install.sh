#!/usr/bin/env bash
# Install a built Amends folder system-wide, or take it away again. For IT; no network.
#
#   sudo ./install.sh [--prefix DIR] [BUNDLE]     install (or upgrade) BUNDLE into DIR
#   sudo ./install.sh --uninstall [--prefix DIR]  remove what an install put in place
#
# BUNDLE is the folder PyInstaller built, with the program `amends` in it: by default the
# folder this script sits in when it is one (the release archive ships it there), otherwise
# dist/amends. DIR defaults to /opt/amends. Environment: BINDIR (default /usr/local/bin)
# gets the `amends` command as a symlink; DATADIR (default /usr/local/share) gets the menu
# entry, the icons and the MIME types for *.amends drafts and *.amends-profile bundles.
# The desktop caches are refreshed only where their tools are installed. Uninstalling
# leaves every user's own drafts, settings and history alone.

set -euo pipefail

DEFAULT_PREFIX=/opt/amends
PROGRAM=amends
ICON_SIZES="16 24 32 48 64 128 256 512"

say() { printf '%s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

usage() {
    sed -n '2,13s/^# \{0,1\}//p' "$0"
}

absolute() {
    # An absolute path for $1, which need not exist yet.
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s/%s\n' "$PWD" "$1" ;;
    esac
}

is_amends_install() {
    # True when folder $1 holds an Amends program, so removing or replacing it is safe.
    [[ -d "$1" && -f "$1/$PROGRAM" && -x "$1/$PROGRAM" ]]
}

need_writable() {
    # Fail early, with advice, rather than half-way through copying.
    local dir=$1
    while [[ ! -e "$dir" ]]; do dir=$(dirname "$dir"); done
    [[ -w "$dir" ]] || die "cannot write to $dir: run with sudo, or choose --prefix, BINDIR and DATADIR you can write to"
}

refresh_caches() {
    # Optional: a desktop without these tools finds the files on its next scan anyway.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATADIR/applications" || warn "update-desktop-database failed"
    fi
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATADIR/mime" || warn "update-mime-database failed"
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [[ -d "$DATADIR/icons/hicolor" ]]; then
        gtk-update-icon-cache -q -f -t "$DATADIR/icons/hicolor" || warn "gtk-update-icon-cache failed"
    fi
}

find_sources() {
    # The release folder carries the desktop files in share/ (packaging/build.py puts them
    # there); a checkout has them beside this script and in resources/icons.
    local here=$1
    if [[ -f "$BUNDLE/share/applications/amends.desktop" ]]; then
        DESKTOP_SRC="$BUNDLE/share/applications/amends.desktop"
        MIME_SRC="$BUNDLE/share/mime/packages/amends.xml"
        ICON_SRC="$BUNDLE/share/icons/hicolor/@x@/apps/amends.png"
    else
        DESKTOP_SRC="$here/amends.desktop"
        MIME_SRC="$here/amends-mime.xml"
        ICON_SRC="$here/../../resources/icons/amends-@.png"
    fi
    [[ -f "$DESKTOP_SRC" ]] || die "desktop entry not found: $DESKTOP_SRC"
    [[ -f "$MIME_SRC" ]] || die "MIME type definition not found: $MIME_SRC"
}

do_install() {
    local here=$1 size icon
    is_amends_install "$BUNDLE" || die "no executable '$PROGRAM' in $BUNDLE: build it first (python packaging/build.py) or name the folder"
    find_sources "$here"
    if [[ -e "$PREFIX" ]] && ! is_amends_install "$PREFIX" && ! [[ -d "$PREFIX" && -z "$(ls -A "$PREFIX")" ]]; then
        die "$PREFIX exists and is not an Amends install: refusing to replace it; choose another --prefix"
    fi
    if [[ -e "$BINDIR/$PROGRAM" && ! -L "$BINDIR/$PROGRAM" ]]; then
        die "$BINDIR/$PROGRAM exists and is not a symlink (a pip-installed amends?): remove it first or set BINDIR"
    fi
    need_writable "$(dirname "$PREFIX")"
    need_writable "$BINDIR"
    need_writable "$DATADIR"

    if [[ "$(cd "$BUNDLE" && pwd -P)" == "$(cd "$PREFIX" 2>/dev/null && pwd -P)" ]]; then
        say "Program already in place in $PREFIX"
    else
        # Copy beside the old install, then swap, so a failed copy leaves the old one working.
        # Plain cp -R: the files belong to whoever installs, not to whoever unpacked them.
        STAGING="$PREFIX.installing.$$"
        OLD="$PREFIX.replaced.$$"
        trap 'rm -rf "$STAGING"' EXIT
        say "Copying $BUNDLE to $PREFIX"
        mkdir -p "$(dirname "$PREFIX")"
        cp -R "$BUNDLE" "$STAGING"
        chmod -R u+rwX,go+rX,go-w "$STAGING"
        if [[ -e "$PREFIX" ]]; then
            mv "$PREFIX" "$OLD"
            mv "$STAGING" "$PREFIX"
            rm -rf "$OLD"
        else
            mv "$STAGING" "$PREFIX"
        fi
        trap - EXIT
    fi

    say "Linking $BINDIR/$PROGRAM -> $PREFIX/$PROGRAM"
    mkdir -p "$BINDIR"
    ln -sfn "$PREFIX/$PROGRAM" "$BINDIR/$PROGRAM"

    # The menu entry runs the program by its full path, so it works whether or not BINDIR
    # is on the desktop session's PATH.
    say "Installing the menu entry, icons and MIME types under $DATADIR"
    mkdir -p "$DATADIR/applications"
    sed -e "s|^Exec=amends |Exec=$PREFIX/$PROGRAM |" -e "s|^TryExec=amends\$|TryExec=$PREFIX/$PROGRAM|" \
        "$DESKTOP_SRC" >"$DATADIR/applications/amends.desktop"
    chmod 644 "$DATADIR/applications/amends.desktop"
    install -D -m 644 "$MIME_SRC" "$DATADIR/mime/packages/amends.xml"
    for size in $ICON_SIZES; do
        icon=${ICON_SRC//@/$size}
        if [[ -f "$icon" ]]; then
            install -D -m 644 "$icon" "$DATADIR/icons/hicolor/${size}x${size}/apps/amends.png"
        else
            warn "no ${size}px icon at $icon"
        fi
    done
    refresh_caches
    say "Installed Amends in $PREFIX. Start it from the applications menu or with: $PROGRAM"
    say "Check it starts: $PROGRAM --startup-check"
}

do_uninstall() {
    local size target
    need_writable "$BINDIR"
    need_writable "$DATADIR"
    if [[ -L "$BINDIR/$PROGRAM" ]]; then
        target=$(readlink "$BINDIR/$PROGRAM")
        if [[ "$target" == "$PREFIX/$PROGRAM" ]]; then
            rm -f "$BINDIR/$PROGRAM"
            say "Removed $BINDIR/$PROGRAM"
        else
            warn "$BINDIR/$PROGRAM points to $target, not into $PREFIX: left alone"
        fi
    fi
    rm -f "$DATADIR/applications/amends.desktop" "$DATADIR/mime/packages/amends.xml"
    for size in $ICON_SIZES; do
        rm -f "$DATADIR/icons/hicolor/${size}x${size}/apps/amends.png"
    done
    say "Removed the menu entry, icons and MIME types from $DATADIR"
    refresh_caches
    if is_amends_install "$PREFIX"; then
        need_writable "$(dirname "$PREFIX")"
        rm -rf "$PREFIX"
        say "Removed $PREFIX"
    elif [[ -e "$PREFIX" ]]; then
        warn "$PREFIX does not look like an Amends install: left alone"
    else
        say "Nothing at $PREFIX"
    fi
    say "Users' own drafts, settings and letter history were not touched."
}

main() {
    local here action=install bundle=""
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    PREFIX=$DEFAULT_PREFIX
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --prefix) [[ $# -ge 2 ]] || die "--prefix needs a folder"; PREFIX=$2; shift 2 ;;
            --prefix=*) PREFIX=${1#--prefix=}; shift ;;
            --uninstall) action=uninstall; shift ;;
            -h | --help) usage; exit 0 ;;
            -*) die "unknown option $1 (see --help)" ;;
            *) [[ -z "$bundle" ]] || die "one bundle folder only (see --help)"; bundle=$1; shift ;;
        esac
    done
    [[ -n "$PREFIX" ]] || die "--prefix is empty"
    PREFIX=$(absolute "${PREFIX%/}")
    # The prefix goes into the menu entry's Exec line, where most punctuation needs quoting.
    case "$PREFIX" in
        *[!A-Za-z0-9/._+@-]*) die "use a --prefix of letters, digits and / . _ - + @ only: $PREFIX" ;;
    esac
    case "$PREFIX" in
        / | /usr | /usr/local | /opt | /bin | /etc | /home | "${HOME:-/}") die "refusing --prefix $PREFIX: give Amends its own folder, such as $DEFAULT_PREFIX" ;;
    esac
    BINDIR=$(absolute "${BINDIR:-/usr/local/bin}")
    DATADIR=$(absolute "${DATADIR:-/usr/local/share}")

    if [[ "$action" == uninstall ]]; then
        [[ -z "$bundle" ]] || die "--uninstall takes no bundle folder"
        do_uninstall
        return
    fi
    if [[ -n "$bundle" ]]; then
        BUNDLE=$bundle
    elif is_amends_install "$here"; then
        BUNDLE=$here
    else
        BUNDLE=dist/amends
    fi
    [[ -d "$BUNDLE" ]] || die "no bundle folder at $BUNDLE: build it first (python packaging/build.py) or name the folder"
    BUNDLE=$(cd "$BUNDLE" && pwd)
    do_install "$here"
}

# Everything runs from inside main, read whole before it starts: --uninstall may delete the
# folder this very script is in.
main "$@"
