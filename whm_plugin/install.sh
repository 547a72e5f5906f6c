#!/bin/bash
# Install (or update) Mailward's WHM plugin. Idempotent: run it again after an upgrade.
# cpsrvd runs the CGI as root, so the code it imports is copied into a root-owned prefix (never imported from
# this checkout or a venv) and index.cgi refuses to run while anything it loads is writable by another user.
#   CPANEL_ROOT      root of the cPanel tree (default /; tests install into a fake tree)
#   MAILWARD_PREFIX  root-owned prefix for the CGI's code: cgi_proxy.py goes to $MAILWARD_PREFIX/lib/mailward-whm
#                    (default $CPANEL_ROOT/usr/local/mailward; a production venv such as /opt/mailward works too)
#   MAILWARD_PYTHON  interpreter written into index.cgi's shebang, run with -I -S (default /usr/bin/python3; the
#                    CGI needs the standard library only)
#   MAILWARD_API_SOCKET, MAILWARD_CPANEL_ROOT, MAILWARD_CONFIG  resolved now into config.json for the CGI
#                    (cpsrvd clears the environment): unset values come from Mailward's settings (read with
#                    $MAILWARD_PREFIX/bin/python, else the project venv beside this directory, when either has
#                    the `core` package), else the CGI's defaults
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${CPANEL_ROOT:-/}
ROOT=${ROOT%/}
DOCROOT=$ROOT/usr/local/cpanel/whostmgr/docroot
DEST=$DOCROOT/cgi/mailward
ICONS=$DOCROOT/addon_plugins
REGISTER=$ROOT/usr/local/cpanel/bin/register_appconfig
PREFIX=${MAILWARD_PREFIX:-$ROOT/usr/local/mailward}
PREFIX=${PREFIX%/}
LIB=$PREFIX/lib/mailward-whm
PY=${MAILWARD_PYTHON:-/usr/bin/python3}

case $PY in /*) ;; *) echo "install.sh: MAILWARD_PYTHON must be an absolute path" >&2; exit 2 ;; esac
# PREFIX is written into index.cgi as a Python string: plain path characters only
if ! [[ $PREFIX =~ ^/[A-Za-z0-9._/-]+$ ]]; then
  echo "install.sh: MAILWARD_PREFIX must be an absolute path of letters, digits and ._/- (got '$PREFIX')" >&2
  exit 2
fi
[ -x "$REGISTER" ] || { echo "install.sh: $REGISTER not found: is this a cPanel server?" >&2; exit 1; }

SETTINGS_PY=$PY
for candidate in "$PREFIX/bin/python" "$HERE/../.venv/bin/python"; do
  if [ -x "$candidate" ]; then SETTINGS_PY=$candidate; break; fi
done

install -d -m 0755 "$DEST" "$DEST/assets" "$DEST/assets/vendor" "$ICONS" "$PREFIX" "$PREFIX/lib" "$LIB"
tmp=$(mktemp "$LIB/.cgi_proxy.py.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat "$HERE/cgi_proxy.py" >"$tmp"
chmod 0644 "$tmp"
mv -f "$tmp" "$LIB/cgi_proxy.py"
tmp=$(mktemp "$DEST/.index.cgi.XXXXXX")
{ echo "#!$PY -IS"; tail -n +2 "$HERE/cgi/index.cgi" | sed "s#^PREFIX: str | None = None\$#PREFIX: str | None = \"$PREFIX\"#"; } >"$tmp"
grep -q "^PREFIX: str | None = \"$PREFIX\"\$" "$tmp" || { echo "install.sh: could not set PREFIX in index.cgi" >&2; exit 1; }
chmod 0755 "$tmp"
mv -f "$tmp" "$DEST/index.cgi"
trap - EXIT
rm -f "$DEST/cgi_proxy.py"  # earlier versions imported it from here
for f in index.html mailward.css mailward.png; do
  install -m 0644 "$HERE/assets/$f" "$DEST/assets/$f"
done
# the page's ES modules (common.js is the cPanel plugin's file: copied, not linked)
install -m 0644 "$HERE"/assets/*.js "$DEST/assets/"
install -m 0644 "$HERE/assets/vendor/bootstrap.min.css" "$HERE/assets/vendor/BOOTSTRAP-LICENSE" "$DEST/assets/vendor/"
"$SETTINGS_PY" - "$DEST/config.json" <<'PYEOF'
import json, os, sys
doc = {k: v for k, v in (("api_socket", os.environ.get("MAILWARD_API_SOCKET", "")),
                         ("cpanel_root", os.environ.get("MAILWARD_CPANEL_ROOT", ""))) if v}
if len(doc) < 2:
    try:
        from core.settings import load_settings
    except ImportError:
        pass  # no Mailward here: the CGI's defaults apply
    else:
        # MAILWARD_PYTHON and MAILWARD_PREFIX are this script's own, not settings
        env = {k: v for k, v in os.environ.items() if k not in ("MAILWARD_PYTHON", "MAILWARD_PREFIX")}
        s = load_settings(os.environ.get("MAILWARD_CONFIG") or None, environ=env)
        doc.setdefault("api_socket", str(s.api_socket))
        doc.setdefault("cpanel_root", str(s.cpanel_root))
tmp = sys.argv[1] + ".tmp"
with open(tmp, "w", encoding="utf-8") as fh:
    json.dump(doc, fh, indent=1, sort_keys=True)
os.chmod(tmp, 0o644)
os.replace(tmp, sys.argv[1])
PYEOF
install -m 0644 "$HERE/assets/mailward.png" "$ICONS/mailward.png"
if [ "$(id -u)" = 0 ]; then
  chown -R root:root "$DEST" "$ICONS/mailward.png" "$LIB"
  chown root:root "$PREFIX" "$PREFIX/lib"
fi
chmod -R go-w "$DEST" "$LIB"
# the same check the CGI makes on every request: refuse now rather than install a page that cannot run
if ! "$DEST/index.cgi" --check >/dev/null; then
  echo "install.sh: $DEST/index.cgi would refuse to run (see above): fix the ownership or choose another MAILWARD_PREFIX" >&2
  exit 1
fi
"$REGISTER" "$HERE/mailward.conf"
echo "install.sh: Mailward WHM plugin installed in $DEST (code in $LIB, python: $PY -I -S)"
