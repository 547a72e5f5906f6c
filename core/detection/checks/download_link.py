"""Links that download a program, script, disk image or archive from a host that is not the sending account's:
how malware travels once attachments are filtered (a file host, a hacked site's uploads folder, a chat CDN).

URL_MALWARE_DOWNLOAD is "links" evidence: software vendors and colleagues do link installers and zips, so alone it
never holds mail. ARCHIVE_PASSWORD is "content" evidence: the text gives a password for an archive it links or
attaches, which is how malware gets past scanners that cannot open encrypted archives. It is only told when there
is such an archive, so an ordinary "your password" sentence never trips it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from core.detection.checks.base import GROUP_SPAM, ScanContext
from core.detection.checks.risky_attachment import extension
from core.detection.checks.winexec import EXEC_EXTENSIONS
from core.detection.rule_tables import RISKY_ATTACHMENTS
from core.mail.links import URL_MEMO, url_hosts, url_path
from core.models import Symbol

if TYPE_CHECKING:
    from core.mail.mime import ParsedMessage

DOWNLOAD = "URL_MALWARE_DOWNLOAD"
PASSWORD = "ARCHIVE_PASSWORD"
#: Programs, scripts, disk images and archives: what a link must not hand a reader from a stranger's host.
#: (the Windows executables winexec knows, the disk images risky_attachment knows, and Android packages; not .dll,
#: which on the web is an ISAPI page: shop.example/ws/eBayISAPI.dll?ViewItem)
RUNNABLE = ((EXEC_EXTENSIONS - {"dll"}) | {e for e, s in RISKY_ATTACHMENTS.items() if s == "ATTACH_DISK_IMAGE"}
            | {"apk"})
ARCHIVES = frozenset({"zip", "rar", "7z", "r00", "r01", "ace", "arj", "cab", "gz", "tgz", "xz", "lzh", "z"})
_NAME_PARAM = re.compile(r"[?&](?:file|filename|name|f|dl)=([^&#]+)", re.I)
# "password: 1234", "Passwort: 2025", "senha: x", "hasło: x", "şifre: x", "비밀번호: x", "رمز: x" and so on, written
# next to a word for the archive or the attachment.
_ARCHIVE_WORDS = ("archive", "archiv", "zip", "rar", "attachment", "anhang", "file", "document",
                  "pièce jointe", "fichier", "archivio", "allegato", "arquivo", "ficheiro", "anexo",
                  "bestand", "bijlage", "archief", "archiwum", "załącznik", "plik", "arşiv", "dosya",
                  "압축", "첨부", "파일", "آرشیو", "فایل", "压缩", "附件", "添付", "アーカイブ", "архив", "файл")
_PASSWORD_WORDS = r"(?:password|passwort|kennwort|mot de passe|contraseña|clave|senha|wachtwoord|hasło|haslo|" \
                  r"şifre|sifre|parola|비밀번호|암호|رمز|密码|密碼|パスワード|пароль)"
_PASSWORD_GIVEN = re.compile(_PASSWORD_WORDS + r"\s*[:=\uff1a]\s*\S{2,32}", re.I)


@lru_cache(maxsize=URL_MEMO)  # a pure function of the URL
def link_file(url: str) -> str:
    """The file name a URL downloads as far as its path (or a file= parameter) says ('' if none)."""
    path = url_path(url)
    for m in _NAME_PARAM.finditer(path):
        if "." in m.group(1):
            return m.group(1)
    name = path.split("?", 1)[0].split("#", 1)[0].rstrip("/").rpartition("/")[2]
    return name if "." in name else ""


class DownloadLinkCheck:
    """Every linked file name's extension; a password for an archive given in the text."""

    name = "download_link"
    group = GROUP_SPAM
    description = "Links a program, disk image or archive on a foreign host; gives an archive's password"

    def run(self, msg: ParsedMessage, ctx: ScanContext) -> list[Symbol]:
        """Emit URL_MALWARE_DOWNLOAD with the files, ARCHIVE_PASSWORD when the text gives their password."""
        files: list[str] = []
        archives = False
        for url, host in url_hosts(msg):
            name = link_file(url)
            ext = extension(name)
            if (ext in RUNNABLE or ext in ARCHIVES) and not ctx.owns(host):
                files.append(f"{host}/{name}"[:100])
                archives = archives or ext in ARCHIVES  # a program's "password" is no archive's
        archives = archives or any(extension(a.filename) in ARCHIVES for a in msg.attachments)
        out = []
        if files:
            out.append(Symbol(name=DOWNLOAD, score=ctx.settings.score(DOWNLOAD), description=self.description,
                              options=files[:5]))
        if archives:
            text = (msg.text or msg.html_text)[:20_000]
            m = _PASSWORD_GIVEN.search(text)
            if m:
                near = text[max(0, m.start() - 200):m.end() + 50].lower()
                if any(map(near.__contains__, _ARCHIVE_WORDS)):
                    out.append(Symbol(name=PASSWORD, score=ctx.settings.score(PASSWORD),
                                      description="The text gives the password of a linked or attached archive",
                                      options=[m.group(0)[:40]]))
        return out


CHECK = DownloadLinkCheck()
