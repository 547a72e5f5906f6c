#!/bin/bash
# Remove Mailward's WHM plugin. Idempotent: nothing to remove is not an error.
#   CPANEL_ROOT      root of the cPanel tree (default /)
#   MAILWARD_PREFIX  the prefix install.sh used (default $CPANEL_ROOT/usr/local/mailward); only its
#                    lib/mailward-whm is removed, and the prefix itself only if nothing else is left in it
set -euo pipefail

ROOT=${CPANEL_ROOT:-/}
ROOT=${ROOT%/}
DOCROOT=$ROOT/usr/local/cpanel/whostmgr/docroot
UNREGISTER=$ROOT/usr/local/cpanel/bin/unregister_appconfig
PREFIX=${MAILWARD_PREFIX:-$ROOT/usr/local/mailward}
PREFIX=${PREFIX%/}

if [ -e "$ROOT/var/cpanel/apps/mailward.conf" ]; then
  [ -x "$UNREGISTER" ] || { echo "uninstall.sh: $UNREGISTER not found" >&2; exit 1; }
  "$UNREGISTER" mailward
fi
rm -rf -- "$DOCROOT/cgi/mailward"
rm -f -- "$DOCROOT/addon_plugins/mailward.png"
rm -rf -- "$PREFIX/lib/mailward-whm"
rmdir -- "$PREFIX/lib" "$PREFIX" 2>/dev/null || true
echo "uninstall.sh: Mailward WHM plugin removed"
