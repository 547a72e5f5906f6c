#!/usr/bin/python3
"""Mailward's WHM CGI. install.sh rewrites the first line with the interpreter chosen at install time."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Installed: cgi_proxy.py sits beside this file. In the source tree it is one directory up (whm_plugin/).
sys.path.insert(0, str(HERE if (HERE / "cgi_proxy.py").is_file() else HERE.parent))

import cgi_proxy  # noqa: E402

if __name__ == "__main__":
    sys.exit(cgi_proxy.main())
