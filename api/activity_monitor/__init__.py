"""The Activity Monitor resource: sender-object statistics, per-object limits and the server's default limits."""
