"""Clients of optional external engines (rspamd, SpamAssassin's spamd, ClamAV's clamd), one module per protocol.

These are the only parts of core/ that do network I/O, and only when a check calls them during a scan: each
exchange has one absolute deadline and a bounded reply, and every failure is an EngineError.
"""
