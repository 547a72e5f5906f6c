#!/bin/bash
# Remove Mailward's WHM plugin. Idempotent: nothing to remove is not an error.
#   CPANEL_ROOT  root of the cPanel tree (default /)
set -euo pipefail

ROOT=${CPANEL_ROOT:-/}
ROOT=${ROOT%/}
DOCROOT=$ROOT/usr/local/cpanel/whostmgr/docroot
UNREGISTER=$ROOT/usr/local/cpanel/bin/unregister_appconfig

if [ -e "$ROOT/var/cpanel/apps/mailward.conf" ]; then
  [ -x "$UNREGISTER" ] || { echo "uninstall.sh: $UNREGISTER not found" >&2; exit 1; }
  "$UNREGISTER" mailward
fi
rm -rf -- "$DOCROOT/cgi/mailward"
rm -f -- "$DOCROOT/addon_plugins/mailward.png"
echo "uninstall.sh: Mailward WHM plugin removed"
