#!/usr/bin/env bash
# Remove Mailward's cPanel plugin (idempotent: nothing to remove is not an error). Run as root.
set -euo pipefail
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${CPANEL_ROOT:-}
CP=$ROOT/usr/local/cpanel
DEST=$CP/base/frontend/jupiter/mailward
if [ -x "$CP/scripts/uninstall_plugin" ]; then
  "$CP/scripts/uninstall_plugin" "$SRC" --theme=jupiter || echo "uninstall.sh: uninstall_plugin failed (not registered?)" >&2
fi
rm -rf "$DEST" "$DEST.old"
echo "uninstall.sh: Mailward cPanel plugin removed"
