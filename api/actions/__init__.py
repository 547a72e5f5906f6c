"""/actions/{token}: one-click release or delete from a digest link (public; the signed token is the authority)."""
