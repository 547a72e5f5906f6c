#!/bin/sh
# /usr/bin/@NAME@: Mailward's @NAME@ from /opt/mailward, with the packaged settings file when this user can read it
# (root); anyone else reaches the API's socket in /run/mailward. MAILWARD_* variables already set win.
if [ -z "${MAILWARD_CONFIG:-}" ] && [ -r /etc/mailward/mailward.toml ]; then
  MAILWARD_CONFIG=/etc/mailward/mailward.toml
  export MAILWARD_CONFIG
elif [ -z "${MAILWARD_CONFIG:-}" ] && [ -z "${MAILWARD_API_SOCKET:-}" ]; then
  MAILWARD_API_SOCKET=/run/mailward/api.sock
  export MAILWARD_API_SOCKET
fi
exec /opt/mailward/bin/@NAME@ "$@"
