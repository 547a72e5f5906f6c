"""Links to the places phishing pages live: free static-site, serverless and storage hosting, IPFS gateways and
tunnels (anyone can put a page there in a minute, under a name nobody checks), and the plugin, upload or library
folders of a hacked web site (where kits are unpacked).

Both are "links" evidence and never hold mail alone: developers link their own previews on pages.dev, and the
same hosts serve honest images and downloads. So only a link to a *page* counts (not an image, style sheet, font
or document), on a host the sending account does not own; a storage bucket only when it serves a web page; a
hacked-site folder only on a host that is neither the account's nor the From address's site.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.rule_tables import (
    PHISH_HOSTING_PAGES,
    PHISH_HOSTING_PATHS,
    PHISH_HOSTING_STORAGE,
    PHISH_HOSTING_THROWAWAY,
)
from core.mail.links import URL_MEMO, host_of, sender_site, site_of, suffix_in, url_hosts, url_path
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

HOSTING = "URL_FREE_HOSTING"
HACKED = "URL_HACKED_SITE_PAGE"
#: Files honest mail fetches from such hosts: images, styles, fonts, media and documents.
ASSETS = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "avif", "css", "js", "mjs", "woff",
                    "woff2", "ttf", "otf", "eot", "mp4", "webm", "mp3", "ogg", "wav", "pdf", "json", "xml", "txt",
                    "csv", "zip", "map"})
#: Pages a kit serves from a hacked site's folders.
PAGES = frozenset({"php", "html", "htm", "shtml", "phtml", "asp", "aspx"})
#: Folders of a web site that hold code and uploads, never pages meant for visitors.
_HACKED_DIRS = ("/wp-content/", "/wp-includes/", "/.well-known/", "/vendor/", "/node_modules/")


@lru_cache(maxsize=URL_MEMO)  # asked several times per URL
def _path(url: str) -> str:
    """The path of a URL, lower case, without query or fragment ('/' if none)."""
    return url_path(url).split("?", 1)[0].split("#", 1)[0].lower() or "/"


def _extension(path: str) -> str:
    name = path.rstrip("/").rpartition("/")[2] if not path.endswith("/") else ""
    return name.rpartition(".")[2] if "." in name else ""


def _suffix_in(host: str, table: frozenset[str]) -> str:
    """The entry of `table` that `host` is or ends with (".pages.dev" for "x.pages.dev"), or ''."""
    return suffix_in(host, table)


@lru_cache(maxsize=URL_MEMO)  # pure functions of the URL, asked by this check and login_lure's
def free_hosting(url: str) -> str:
    """The free-hosting service a URL's page lives on ('' if it is not such a page)."""
    host = host_of(url)
    path = _path(url)
    ext = _extension(path)
    if not host or ext in ASSETS:
        return ""
    service = _suffix_in(host, PHISH_HOSTING_PAGES)
    if service and (host != service or any(path.startswith(p) for p in PHISH_HOSTING_PATHS.get(service, ("/",)))):
        return service
    service = _suffix_in(host, PHISH_HOSTING_STORAGE)
    if service and (ext in PAGES or path.endswith("/")):  # a bucket serving a web page, not a file
        return service
    return ""


def throwaway_page(url: str, from_site: str = "") -> str:
    """Where a URL's page lives if no honest service would put a sign-in page there: an IPFS gateway, a tunnel, a
    throwaway free host or a storage bucket (the service), or a foreign site's code folders ("hacked site"); ''."""
    service = free_hosting(url)
    if service and (service in PHISH_HOSTING_THROWAWAY or service in PHISH_HOSTING_STORAGE):
        return service
    host = host_of(url)
    if host and site_of(host) != from_site and hacked_site_page(url):
        return "hacked site"
    return ""


@lru_cache(maxsize=URL_MEMO)
def hacked_site_page(url: str) -> bool:
    """Whether a URL opens a page (a script, an HTML file or a folder's index) inside a web site's code or upload
    folders."""
    path = _path(url)
    if not any(map(path.__contains__, _HACKED_DIRS)):
        return False
    ext = _extension(path)
    return ext in PAGES or (not ext and path.count("/") >= 4)


class PhishHostingCheck:
    """Where every link's page lives."""

    name = "phish_hosting"
    group = GROUP_SPAM
    description = "Links a page on free hosting, an IPFS gateway or a tunnel, or inside a web site's code folders"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_FREE_HOSTING and/or URL_HACKED_SITE_PAGE, each once, with an example."""
        from_site = sender_site(msg)
        hits: dict[str, str] = {}
        for url, host in url_hosts(msg):
            if not host or ctx.owns(host):
                continue
            if HOSTING not in hits:
                service = free_hosting(url)
                if service:
                    hits[HOSTING] = host[:80]
            if HACKED not in hits and site_of(host) != from_site and hacked_site_page(url):
                hits[HACKED] = f"{host}{_path(url)}"[:100]
            if len(hits) == 2:
                break
        return [Symbol(name=sym, score=ctx.settings.score(sym), description=self.description, options=[opt])
                for sym, opt in hits.items()]


CHECK = PhishHostingCheck()
