#!/bin/bash
# Install (or update) Mailward's WHM plugin. Idempotent: run it again after an upgrade.
#   CPANEL_ROOT      root of the cPanel tree (default /; tests install into a fake tree)
#   MAILWARD_PYTHON  interpreter written into index.cgi's shebang (default: the project venv beside this
#                    directory when there is one, else /usr/bin/python3; the CGI needs the standard library only)
#   MAILWARD_API_SOCKET, MAILWARD_CONFIG  written to config.json for the CGI (cpsrvd clears the environment);
#                    unset, the CGI reads Mailward's settings (when `core` is importable) or the defaults
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${CPANEL_ROOT:-/}
ROOT=${ROOT%/}
DOCROOT=$ROOT/usr/local/cpanel/whostmgr/docroot
DEST=$DOCROOT/cgi/mailward
ICONS=$DOCROOT/addon_plugins
REGISTER=$ROOT/usr/local/cpanel/bin/register_appconfig

if [ -n "${MAILWARD_PYTHON:-}" ]; then
  PY=$MAILWARD_PYTHON
elif [ -x "$HERE/../.venv/bin/python" ]; then
  PY=$(cd "$HERE/../.venv/bin" && pwd)/python
else
  PY=/usr/bin/python3
fi
case $PY in /*) ;; *) echo "install.sh: MAILWARD_PYTHON must be an absolute path" >&2; exit 2 ;; esac
[ -x "$REGISTER" ] || { echo "install.sh: $REGISTER not found: is this a cPanel server?" >&2; exit 1; }

install -d -m 0755 "$DEST" "$DEST/assets" "$DEST/assets/vendor" "$ICONS"
tmp=$(mktemp "$DEST/.index.cgi.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{ echo "#!$PY"; tail -n +2 "$HERE/cgi/index.cgi"; } >"$tmp"
chmod 0755 "$tmp"
mv -f "$tmp" "$DEST/index.cgi"
install -m 0644 "$HERE/cgi_proxy.py" "$DEST/cgi_proxy.py"
for f in index.html mailward.js mailward.css mailward.png; do
  install -m 0644 "$HERE/assets/$f" "$DEST/assets/$f"
done
install -m 0644 "$HERE/assets/vendor/bootstrap.min.css" "$HERE/assets/vendor/BOOTSTRAP-LICENSE" "$DEST/assets/vendor/"
"$PY" - "$DEST/config.json" <<'PYEOF'
import json, os, sys
doc = {k: v for k, v in (("api_socket", os.environ.get("MAILWARD_API_SOCKET", "")),
                         ("config", os.environ.get("MAILWARD_CONFIG", "")),
                         ("cpanel_root", os.environ.get("MAILWARD_CPANEL_ROOT", ""))) if v}
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w", encoding="utf-8") as fh:
    json.dump(doc, fh, indent=1, sort_keys=True)
os.chmod(tmp, 0o644)
os.replace(tmp, sys.argv[1])
PYEOF
install -m 0644 "$HERE/assets/mailward.png" "$ICONS/mailward.png"
if [ "$(id -u)" = 0 ]; then
  chown -R root:root "$DEST" "$ICONS/mailward.png"
fi
"$REGISTER" "$HERE/mailward.conf"
echo "install.sh: Mailward WHM plugin installed in $DEST (python: $PY)"
