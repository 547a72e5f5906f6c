"""The modern-shape checks (issue 13, held-out recall): recipient_link, lookalike_domain, attachment_content,
money_ask, contact_channel, and the "ask" kind of evidence they give the verdict policy."""

from __future__ import annotations

import base64

from core.detection.checks import attachment_content, contact_channel, lookalike_domain, money_ask, recipient_link
from core.detection.checks.base import ScanContext
from core.detection.checks.lookalike_domain import cousin_of, looks_like
from core.mail.mime import parse_message
from core.models import Envelope, Sender, Symbol
from core.verdict_policy import assess
from tests.core.scan_support import context, settings
from tests.fixtures.make_fixtures import attachment, make_zip

RCPT = "maria.santos@customer.example"


def _ctx(rcpts: tuple[str, ...] = (RCPT,), domains: tuple[str, ...] = ("shop.example",)) -> ScanContext:
    ctx = context()
    ctx.accounts_known = ctx.vouched = True
    ctx.own_domains = frozenset(domains)
    ctx.sender = Sender(account="shop", how="auth")
    ctx.envelope = Envelope(sender="alice@shop.example", recipients=list(rcpts), user="alice@shop.example",
                            ip="192.0.2.1")
    return ctx


def _msg(body: str, *, html: bool = False, headers: str = "", frm: str = "alice@shop.example",
         subject: str = "Hello"):
    ctype = "text/html" if html else "text/plain"
    raw = (f"From: {frm}\nTo: {RCPT}\nSubject: {subject}\n{headers}MIME-Version: 1.0\n"
           f"Content-Type: {ctype}; charset=utf-8\n\n{body}\n")
    return parse_message(raw.encode(), settings().scan)


def _mixed(text: str, part: str):
    raw = (f"From: alice@shop.example\nTo: {RCPT}\nSubject: File\nMIME-Version: 1.0\n"
           'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
           f"{text}\n--b\n{part}\n--b--\n")
    return parse_message(raw.encode(), settings().scan)


def _names(symbols: list[Symbol]) -> set[str]:
    return {s.name for s in symbols}


# --- recipient_link

def test_recipient_address_in_a_foreign_link_plain_or_base64() -> None:
    encoded = base64.b64encode(RCPT.encode()).decode()
    for url in (f"https://docs-view.example/login?e={encoded}", f"https://docs-view.example/#{RCPT}",
                "https://docs-view.example/?u=maria.santos%40customer.example"):
        found = recipient_link.CHECK.run(_msg(f"Open: {url}"), _ctx())
        assert _names(found) == {"URL_RCPT_ADDRESS"}, url


def test_recipient_address_in_honest_links_does_not_count() -> None:
    own = f"Reset: https://shop.example/reset?email={RCPT}"
    unsub = f"Leave the list: https://esp.example/unsubscribe?email={RCPT}"
    other = "Open: https://docs-view.example/#someone.else@customer.example"
    for body in (own, unsub, other):
        assert recipient_link.CHECK.run(_msg(body), _ctx()) == [], body
    listed = _msg(f"Open: https://docs-view.example/#{RCPT}", headers="List-Id: <news.shop.example>\n")
    assert recipient_link.CHECK.run(listed, _ctx()) == []


def test_recipient_address_heading_a_message_that_links_elsewhere() -> None:
    lure = f"Dear {RCPT}, your storage is full: https://keep-mail.example/k"
    assert _names(recipient_link.CHECK.run(_msg(lure), _ctx())) == {"RCPT_ADDRESS_IN_TEXT"}
    reset = f"A password reset was asked for {RCPT}: https://shop.example/reset/8812"
    assert recipient_link.CHECK.run(_msg(reset), _ctx()) == []  # the sender's own site
    fwd = _msg(lure, subject="Fwd: storage")
    assert recipient_link.CHECK.run(fwd, _ctx()) == []


# --- lookalike_domain

def test_looks_like() -> None:
    assert looks_like("custorner.example", "customer.example")  # rn for m
    assert looks_like("northwind-tradres.example", "northwind-traders.example")  # swapped letters
    assert looks_like("examp1e-corp.com", "example-corp.com")  # digit for letter
    assert looks_like("acmecorp.co", "acme-corp.com")  # a hyphen dropped
    assert not looks_like("acme.de", "acme.fr")  # the same name in another country
    assert not looks_like("shop.example", "shoe.example")  # too short to tell from chance
    assert not looks_like("bakery-lisbon.example", "customer.example")


def test_cousin_of() -> None:
    assert cousin_of("riverside-runners-group.com", "riverside-runners.example")
    assert cousin_of("acmecorpinc.com", "acmecorp.example")
    assert cousin_of("payments-northwind.com", "northwind.example")
    assert not cousin_of("riverside-runners.com", "riverside-runners.example")  # the same name elsewhere
    assert not cousin_of("riverside-runners-club.com", "riverside-runners.example")  # another word
    assert not cousin_of("shopgroup.com", "shop.example")  # too short a name to tell
    assert not cousin_of("gmail.com", "gmail.example")


def test_reply_to_cousin_domain() -> None:
    bec = _msg("Wire today.", frm="jess@riverside-runners.example",
               headers="Reply-To: jess@riverside-runners-group.com\n")
    assert _names(lookalike_domain.CHECK.run(bec, _ctx())) == {"REPLYTO_COUSIN_DOMAIN"}
    # the account owns its group's domain too
    assert lookalike_domain.CHECK.run(bec, _ctx(domains=("riverside-runners.example",
                                                         "riverside-runners-group.com"))) == []


def test_lookalike_reply_to_and_from() -> None:
    reply = _msg("Pay today.", frm="john@northwind-traders.example",
                 headers="Reply-To: john@northwind-tradres.example\n")
    assert _names(lookalike_domain.CHECK.run(reply, _ctx())) == {"REPLYTO_LOOKALIKE"}
    own_reply = _msg("Hi.", frm="john@northwind-traders.example", headers="Reply-To: john@northwind-tradres.example\n")
    assert lookalike_domain.CHECK.run(own_reply, _ctx(domains=("northwind-tradres.example",))) == []
    fraud = _msg("Updated bank details.", frm="accounts@custorner.example")
    assert _names(lookalike_domain.CHECK.run(fraud, _ctx(domains=("custorner.example",)))) == {"FROM_LOOKALIKE_RCPT"}
    assert lookalike_domain.CHECK.run(_msg("Hi.", frm="alice@customer.example"), _ctx()) == []


def test_from_domain_lure() -> None:
    for frm in ("billing@netflix-billing-update.example", "team@secure-account-verify.example"):
        found = lookalike_domain.CHECK.run(_msg("Hi.", frm=frm), _ctx(domains=(frm.partition("@")[2],)))
        assert "FROM_DOMAIN_LURE" in _names(found), frm
    for frm in ("news@bakery-lisbon.example", "info@paypal.com", "a@securebank.example"):
        assert "FROM_DOMAIN_LURE" not in _names(lookalike_domain.CHECK.run(_msg("Hi.", frm=frm), _ctx())), frm


# --- attachment_content

def test_svg_without_script_is_a_picture() -> None:
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
    part = attachment('image/svg+xml; name="logo.svg"', 'attachment; filename="logo.svg"', svg)
    assert attachment_content.CHECK.run(_mixed("Our logo.", part), _ctx()) == []
    active = svg.replace(b"<circle", b'<circle onload="fetch(1)"')
    part = attachment('image/svg+xml; name="logo.svg"', 'attachment; filename="logo.svg"', active)
    assert _names(attachment_content.CHECK.run(_mixed("Our logo.", part), _ctx())) == {"ATTACH_SVG_SCRIPT"}


def test_plain_zip_and_own_pdf_link_are_nothing() -> None:
    plain = make_zip([("invoice.pdf", b"%PDF-1.4")])
    part = attachment('application/zip; name="a.zip"', 'attachment; filename="a.zip"', plain)
    assert attachment_content.CHECK.run(_mixed("Files.", part), _ctx()) == []
    pdf = b"%PDF-1.4\n<< /A << /S /URI /URI (https://www.shop.example/pay) >> >>\n%%EOF"
    part = attachment('application/pdf; name="i.pdf"', 'attachment; filename="i.pdf"', pdf)
    assert attachment_content.CHECK.run(_mixed("Invoice.", part), _ctx()) == []


def test_programs_inside_containers_winexec_cannot_open() -> None:
    import gzip

    from core.detection.checks.attachment_content import exec_in_container
    from core.mail.mime import Attachment

    def att(name: str, data: bytes) -> Attachment:
        return Attachment(name, "application/octet-stream", data, len(data))

    assert exec_in_container(att("a.iso", b"\0" * 64 + b"SCAN_0425.LNK;1" + b"\0" * 8)) == "SCAN_0425.LNK;1"
    assert exec_in_container(att("a.img", b"\0" * 64 + "Invoice.exe".encode("utf-16-be"))) == "Invoice.exe"
    assert exec_in_container(att("n.one", b"\0" * 64 + "open.hta".encode("utf-16-le"))) == "open.hta"
    assert exec_in_container(att("d.gz", gzip.compress(b"payload order_77.vbs\0"))) == "order_77.vbs"
    assert exec_in_container(att("a.rar", b"Rar!\x1a\x07\x00" + b"\0" * 20 + b"setup.msi")) == "setup.msi"
    # a web page's addresses and a document inside a disk image are not programs; a PDF is no container
    assert exec_in_container(att("site.iso", b"\0" * 64 + b"www.example.com/index.html report.pdf")) == ""
    assert exec_in_container(att("a.pdf", b"%PDF-1.4 run.exe")) == ""


def test_disk_image_or_notebook_named_like_paperwork() -> None:
    from core.detection.checks.attachment_content import disguised_document

    for name in ("Invoice_2291.img", "Rechnung-04.one", "請求書_0425.iso", "PO77120.iso", "Zamówienie_7.vhd"):
        assert disguised_document(name), name
    for name in ("ubuntu-24.04.iso", "Meeting notes.one", "Invoice.pdf", "repo_backup.img", "recorder.iso"):
        assert not disguised_document(name), name


def test_documents_that_run_something_when_opened() -> None:
    from core.detection.checks.attachment_content import active_document
    from core.mail.mime import Attachment

    def att(name: str, data: bytes) -> Attachment:
        return Attachment(name, "application/octet-stream", data, len(data))

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 32
    assert active_document(att("a.doc", ole + b"Sub AutoOpen()\r\nShell \"cmd /c calc\""))
    assert not active_document(att("a.doc", ole + b"Sub AutoOpen()\r\nMsgBox \"Hello\""))  # starts, runs nothing
    assert not active_document(att("a.xls", ole + b"Shell Oil quarterly figures"))  # a word, no macro start
    assert active_document(att("a.rtf", b"{\\rtf1{\\object\\objemb\\objupdate}}"))
    assert not active_document(att("a.rtf", b"{\\rtf1 Hello}"))
    assert active_document(att("a.pdf", b"%PDF-1.7 << /OpenAction << /S /Launch /F (x.exe) >> >>"))
    plain = make_zip([("xl/vbaProject.bin", b"Sub Total()\r\nRange(\"A1\") = 1\r\nEnd Sub")])
    assert not active_document(att("book.xlsm", plain))


def test_encrypted_rar5() -> None:
    rar5 = b"Rar!\x1a\x07\x01\x00" + b"\x00\x00\x00\x00\x04" + b"\x00" * 40
    part = attachment('application/vnd.rar; name="a.rar"', 'attachment; filename="a.rar"', rar5)
    assert _names(attachment_content.CHECK.run(_mixed("Files.", part), _ctx())) == {"ATTACH_ENCRYPTED_ARCHIVE"}


# --- money_ask and contact_channel

def test_asks_outside_the_senders_business() -> None:
    gift = "Buy three gift cards of 100 and send me a photo of the codes."
    assert _names(money_ask.CHECK.run(_msg(gift), _ctx())) == {"ASK_GIFT_CARD"}
    assert money_ask.CHECK.run(_msg("Our gift card makes a lovely present."), _ctx()) == []
    shop = gift + " Shop: https://shop.example/gift"
    assert money_ask.CHECK.run(_msg(shop), _ctx()) == []  # links its own site
    thread = _msg("Could you send me your mobile number?", headers="In-Reply-To: <a@b>\n")
    assert money_ask.CHECK.run(thread, _ctx()) == []
    assert _names(money_ask.CHECK.run(_msg("Envíeme su número de celular por favor."), _ctx())) == {
        "ASK_PHONE_NUMBER"}
    for ask in ("WhatsApp numaranızla yanıtlayın.", "لطفا شماره موبایل شما را بفرستید."):  # noqa: RUF001
        assert _names(money_ask.CHECK.run(_msg(ask), _ctx())) == {"ASK_PHONE_NUMBER"}, ask
    assert _names(money_ask.CHECK.run(_msg("لطفا نام کامل شما را بنویسید."), _ctx())) == {"ASK_PERSONAL_DETAILS"}
    call = "Your plan renewed for 299,99 €. To cancel call +33 1 70 36 99 21."
    assert _names(money_ask.CHECK.run(_msg(call), _ctx())) == {"ASK_CALL_ABOUT_CHARGE"}
    assert money_ask.CHECK.run(_msg(call + " Details: https://plans.example/x"), _ctx()) == []
    lure = "Geek Squad: 399.99 USD was debited. If you did not authorize this, call 1-888-555-0142 today."
    assert _names(money_ask.CHECK.run(_msg(lure), _ctx())) == {"ASK_CALL_ABOUT_CHARGE"}


def test_a_short_quote_with_a_price_and_a_phone_number_is_not_a_callback_lure() -> None:
    # an amount and a number to call, but no charge to cancel, refund or dispute: a small business's honest note
    for honest in ("Hi Tom, the new boiler valve and two hours of labour come to $240. Call me on +1 415 555 0187 "
                   "if Thursday suits.",
                   "Bonjour, le devis pour la terrasse est de 1 850 € TTC. Appelez-moi au +33 6 12 34 56 78.",
                   "Your table for 6 is booked, deposit £30. Running late? Ring us on +44 20 7946 0958."):
        assert money_ask.CHECK.run(_msg(honest), _ctx()) == [], honest


def test_urgent_payment() -> None:
    wire = "Bitte heute noch eine Überweisung von 12.400,00 € an den neuen Lieferanten veranlassen."
    assert _names(money_ask.CHECK.run(_msg(wire), _ctx())) == {"ASK_URGENT_PAYMENT"}
    assert money_ask.CHECK.run(_msg("Bitte eine Überweisung an den Lieferanten veranlassen."), _ctx()) == []
    receipt = "Thank you, we received your payment of 23.00 EUR today."  # a payment done, not asked for
    assert money_ask.CHECK.run(_msg(receipt), _ctx()) == []
    # "today" in its everyday Polish, Persian and Japanese forms
    for wire in ("Proszę o potwierdzenie przelewu EUR 5,953 jeszcze dziś.",
                 "لطفا تحويل 4,000 $ را امروز انجام دهید.", "本日中に 120,000円 の送金をお願いします。"):
        assert _names(money_ask.CHECK.run(_msg(wire), _ctx())) == {"ASK_URGENT_PAYMENT"}, wire
    # the act and the hurry in other words
    for wire in ("Kindly arrange the transfer of $48,200.00 to the account below as soon as possible.",
                 "Please release the payment of EUR 12,500 by close of business.",
                 "Merci de régler le virement de 9 800 € dès que possible."):
        assert _names(money_ask.CHECK.run(_msg(wire), _ctx())) == {"ASK_URGENT_PAYMENT"}, wire


def test_personal_details_and_fees() -> None:
    assert _names(money_ask.CHECK.run(_msg("Envíe su nombre completo y sus datos bancarios."), _ctx())) == {
        "ASK_PERSONAL_DETAILS"}
    assert money_ask.CHECK.run(_msg("Bring your passport to the check-in desk."), _ctx()) == []
    fee = "Votre colis est bloqué: réglez les frais de douane de 1,99 € pour la livraison."
    assert _names(money_ask.CHECK.run(_msg(fee), _ctx())) == {"ASK_UPFRONT_FEE"}
    assert money_ask.CHECK.run(_msg(fee + " Suivi: https://shop.example/t/1"), _ctx()) == []


def test_messenger() -> None:
    assert _names(contact_channel.CHECK.run(_msg("Reach me: https://t.me/fundmanager77"), _ctx())) == {
        "CONTACT_MESSENGER"}
    assert _names(contact_channel.CHECK.run(_msg("تواصل معي على واتساب +971 50 123 4567"), _ctx())) == {
        "CONTACT_MESSENGER"}
    assert contact_channel.CHECK.run(_msg("We use Telegram at work."), _ctx()) == []


# --- cta_link

def test_cta_button_to_a_site_nothing_else_links() -> None:
    from core.detection.checks import cta_link

    style = 'style="display:inline-block;padding:10px"'
    lure = f'<p><a href="https://get-doc.example/x" {style}>Open</a> <a href="https://www.paypal.com/help">Help</a></p>'
    assert _names(cta_link.CHECK.run(_msg(lure, html=True), _ctx())) == {"URL_CTA_FOREIGN"}
    own = f'<p><a href="https://shop.example/orders/3" {style}>Your order</a></p>'
    assert cta_link.CHECK.run(_msg(own, html=True), _ctx()) == []
    shared = (f'<p><a href="https://t.esp.example/1" {style}>Open</a> '
              '<a href="https://t.esp.example/2">Unsubscribe</a></p>')
    assert cta_link.CHECK.run(_msg(shared, html=True), _ctx()) == []
    plain = '<p><a href="https://get-doc.example/x">Open</a></p>'  # a link, not a button
    assert cta_link.CHECK.run(_msg(plain, html=True), _ctx()) == []


# --- redirect_link

def test_open_redirects() -> None:
    from core.detection.checks.redirect_link import redirect_target

    assert redirect_target("https://www.google.com/url?q=https://evil.example/login&sa=D") == "evil.example"
    assert redirect_target("https://l.facebook.com/l.php?u=https%3A%2F%2Fevil.example%2F") == "evil.example"
    bing = "https://www.bing.com/ck/a?!&&p=1&u=a1" + base64.urlsafe_b64encode(b"https://evil.example/x").decode()
    assert redirect_target(bing) == "evil.example"
    assert redirect_target("https://www.google.com/url?q=https://meet.google.com/abc") == ""  # its own brand
    assert redirect_target("https://www.google.com/maps/place/x?q=https://evil.example") == ""  # no redirect path
    assert redirect_target("https://shop.example/go?to=https://evil.example") == ""  # not a famous redirector


# --- bcc_blast

def test_bcc_blast() -> None:
    from core.detection.checks import bcc_blast

    rcpts = tuple(f"p{i}@d{i % 4}.example" for i in range(8))
    hidden = _msg("Hello all.", headers="")  # To: RCPT only, none of rcpts
    assert _names(bcc_blast.CHECK.run(hidden, _ctx(rcpts))) == {"RCPT_BCC_BLAST"}
    one_domain = tuple(f"p{i}@staff.example" for i in range(8))
    assert bcc_blast.CHECK.run(hidden, _ctx(one_domain)) == []  # colleagues of one company
    listed = _msg("Hello all.", headers="List-Unsubscribe: <https://shop.example/u>\n")
    assert bcc_blast.CHECK.run(listed, _ctx(rcpts)) == []
    openly = _msg("Hello all.", headers="Cc: " + ", ".join(rcpts[:6]) + "\n")
    assert bcc_blast.CHECK.run(openly, _ctx(rcpts)) == []
    # a free-mail provider is no organisation: six strangers on two of them are six parties
    freemail = tuple(f"p{i}@{('gmail.com', 'yandex.com')[i % 2]}" for i in range(6))
    assert _names(bcc_blast.CHECK.run(hidden, _ctx(freemail))) == {"RCPT_BCC_BLAST"}
    two_firms = tuple(f"p{i}@{('north.example', 'south.example')[i % 2]}" for i in range(6))
    assert bcc_blast.CHECK.run(hidden, _ctx(two_firms)) == []  # colleagues at two partner firms
    assert bcc_blast.CHECK.run(hidden, _ctx(freemail[:4])) == []  # four: a small group, not a blast


# --- the verdict policy: "ask" is a kind of its own

def _sym(name: str) -> Symbol:
    return Symbol(name, settings().score(name), "")


def test_ask_corroborates_a_fraud_story_and_never_holds_alone() -> None:
    policy = settings().verdict
    credit = [_sym("ALIGNED_FROM"), _sym("AUTH_MAILBOX_OF_FROM"), _sym("SHORT_PLAIN_TEXT")]
    story = [_sym("SCAM_CALLBACK"), _sym("CLASSIFIER_10"), *credit]
    assert not assess(story, policy).holds(6.0)
    assert assess([*story, _sym("ASK_CALL_ABOUT_CHARGE")], policy).holds(6.0)
    for ask in ("ASK_GIFT_CARD", "ASK_PHONE_NUMBER", "ASK_CALL_ABOUT_CHARGE", "ASK_URGENT_PAYMENT",
                "ASK_PERSONAL_DETAILS", "ASK_UPFRONT_FEE", "CONTACT_MESSENGER", "CRYPTO_WALLET"):
        assert policy.classify(ask)[0] == "ask"
        assert not assess([_sym(ask), _sym("CLASSIFIER_30"), *credit], policy).holds(6.0)


def test_brand_display_names_in_other_languages() -> None:
    from core.detection.brands import brand_in_display

    for display, brand in (("PayPal Kundenservice", "paypal"), ("Équipe Netflix", "netflix"),
                           ("Servicio al cliente de Amazon", "amazon"), ("Apple サポート", "apple"),
                           ("فريق PayPal", "paypal"), ("Служба поддержки PayPal", "paypal"),
                           ("Netflix 고객센터", "netflix")):
        assert brand_in_display(display) == brand, display
    for display in ("Maria da Silva", "Amazon Lisboa Shop", "Apple Valley Dental"):
        assert brand_in_display(display) is None, display
