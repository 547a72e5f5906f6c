#!/usr/bin/env bash
# Install (or re-install: idempotent) Mailward's cPanel plugin for the Jupiter theme. Run as root.
# CPANEL_ROOT (default empty = /) prefixes every cPanel path, for tests and the local mode.
# MAILWARD_API_SOCKET (default /var/lib/mailward/api.sock) is written to mailward.json for index.live.py.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${CPANEL_ROOT:-}
CP=$ROOT/usr/local/cpanel
DEST=$CP/base/frontend/jupiter/mailward
SOCKET=${MAILWARD_API_SOCKET:-/var/lib/mailward/api.sock}
INSTALL_PLUGIN=$CP/scripts/install_plugin
[ -x "$INSTALL_PLUGIN" ] || { echo "install.sh: $INSTALL_PLUGIN not found (is this a cPanel server?)" >&2; exit 1; }
case "$SOCKET" in /*) ;; *) echo "install.sh: MAILWARD_API_SOCKET must be absolute" >&2; exit 1 ;; esac

mkdir -p "${DEST%/*}"
tmp=$(mktemp -d "${DEST%/*}/.mailward-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
install -m 0755 "$SRC/index.live.py" "$tmp/index.live.py"
install -m 0644 "$SRC/mailward.svg" "$tmp/mailward.svg"
mkdir -p "$tmp/assets/vendor"
install -m 0644 "$SRC"/assets/*.js "$SRC/assets/mailward.css" "$tmp/assets/"  # the page's ES modules and style
install -m 0644 "$SRC/assets/vendor/bootstrap.min.css" "$tmp/assets/vendor/"
printf '{"api_socket": "%s"}\n' "$SOCKET" > "$tmp/mailward.json"
chmod 0644 "$tmp/mailward.json"
chmod 0755 "$tmp" "$tmp/assets" "$tmp/assets/vendor"
# swap the directory in one step so users never see a half-installed page
rm -rf "$DEST.old"
[ -d "$DEST" ] && mv "$DEST" "$DEST.old"
mv "$tmp" "$DEST"
rm -rf "$DEST.old"
trap - EXIT

# register the Tools entry (install.json + icon); re-running replaces the previous registration
"$INSTALL_PLUGIN" "$SRC" --theme=jupiter
echo "install.sh: Mailward cPanel plugin installed in $DEST"
