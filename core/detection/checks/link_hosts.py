"""The hosts of a message's links, found once per scan: the modern-shape checks (recipient_link, lookalike_domain,
contact_channel, money_ask's not_the_senders_business) each ask for every link's host, and parsing a URL's
authority costs more than the checks' own tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.mail.links import host_of, urls

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage


def link_hosts(msg: ParsedMessage) -> list[str]:
    """host_of() of every URL urls(msg) finds, in order ('' where a URL has none); kept with the bodies it was
    found in, as urls() keeps its list."""
    kept = msg.views.get("link_hosts")
    if kept is None or kept[0] is not msg.text or kept[1] is not msg.html:
        kept = msg.views["link_hosts"] = (msg.text, msg.html, [host_of(u) for u in urls(msg)])
    return kept[2]
