"""Mail sent by a PHP script that sits where no site keeps code that sends mail: an uploads folder, a cache or
temporary folder, WordPress's own wp-includes, a dot-folder such as .well-known, a folder of pictures, style sheets
or fonts. That is where a hacked site's
dropped mailer or web shell lives (uploads folders are writable by the web server; the rest are never entry
points of an honest site). X-PHP-Script names the script PHP ran; a sender can forge it only to look worse.

"script" evidence ([verdict.kinds]): it says the site is compromised, not what the message is, so it only
corroborates; whom the message goes to (a Bcc blast to strangers) is another kind, "behaviour".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.identity.script_header import parse_php_script
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

SYMBOL = "PHP_SCRIPT_DROPPED"
#: Folders of a site that hold uploaded files, caches, the CMS's own libraries or static assets (pictures, style
#: sheets, fonts; WordPress's wp-admin/css and wp-admin/images): never a mail form's entry
#: point. A PHP file among a site's pictures or style sheets is one somebody put there.
_DROP_DIRS = re.compile(r"/(?:wp-content/uploads|uploads|upload|cache|tmp|temp|wp-includes|"
                        r"\.well-known|\.[a-z0-9_-]+|cgi-bin/tmp|images|img|css|fonts)/", re.I)

_PHP_ENTRY = re.compile(r"\.(?:php\d?|phtml|pht|phar)$", re.I)


def dropped_path(script_path: str) -> str:
    """The folder that makes `script_path` a dropped script ('' if none); only .php-like entry points count."""
    path = script_path.split("?", 1)[0].strip()
    if not _PHP_ENTRY.search(path):
        return ""
    m = _DROP_DIRS.search(path)
    return m.group(0).strip("/") if m else ""


class ScriptDroppedCheck:
    """The X-PHP-Script path (after the site name) lies in an uploads, cache, temporary or library folder."""

    name = "script_dropped"
    group = GROUP_SPAM
    description = "Sent by a PHP script in an uploads, cache, temporary or library folder (a dropped mailer)"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit PHP_SCRIPT_DROPPED with the script's path."""
        path = parse_php_script(msg.header("x-php-script") or "")[1]
        folder = dropped_path(path[:255])
        if not folder:
            return []
        return [Symbol(name=SYMBOL, score=ctx.settings.score(SYMBOL), description=self.description,
                       options=[path[:100]])]


CHECK = ScriptDroppedCheck()
