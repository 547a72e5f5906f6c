"""Data tables the outbound rules consult: brands and their domains, URL shorteners, free-mail providers,
risky attachment types. Policy as data: extend a table here, not the code of a check."""

from __future__ import annotations

import unicodedata

#: Brand names phishers put in display names -> registrable domains the brand really mails from, its main
#: domain first. A sender whose site's first label is the main domain's ("paypal" of paypal.de) also counts as
#: the brand. Free-mail domains are left out on purpose: anyone can be "Microsoft Support" at outlook.com.
BRANDS: dict[str, tuple[str, ...]] = {
    "paypal": ("paypal.com", "paypal.me", "paypal-communication.com", "paypal-notice.com"),
    "apple": ("apple.com", "itunes.com"),
    "apple id": ("apple.com",),
    "icloud": ("apple.com",),
    "itunes": ("apple.com", "itunes.com"),
    "microsoft": ("microsoft.com", "microsoftonline.com", "office.com", "office365.com", "sharepoint.com",
                  "onmicrosoft.com", "skype.com", "xbox.com", "azure.com", "github.com", "linkedin.com"),
    "office 365": ("microsoft.com", "office.com", "office365.com", "onmicrosoft.com", "sharepoint.com"),
    "office365": ("microsoft.com", "office.com", "office365.com", "onmicrosoft.com", "sharepoint.com"),
    "microsoft 365": ("microsoft.com", "office.com", "office365.com", "onmicrosoft.com"),
    "outlook": ("microsoft.com", "office.com", "office365.com"),
    "onedrive": ("microsoft.com", "onedrive.com", "sharepoint.com"),
    "sharepoint": ("microsoft.com", "sharepoint.com", "onmicrosoft.com"),
    "windows live": ("microsoft.com",),
    "google": ("google.com", "youtube.com", "googlegroups.com", "withgoogle.com"),
    "gmail": ("google.com",),
    "google drive": ("google.com",),
    "youtube": ("youtube.com", "google.com"),
    "amazon": ("amazon.com", "amazonaws.com", "amazonses.com", "aws.com", "a2z.com", "amazon.co.uk",
               "amazon.co.jp"),
    "amazon prime": ("amazon.com", "amazon.co.uk", "amazon.co.jp"),
    "aws": ("amazon.com", "amazonaws.com", "aws.com"),
    "netflix": ("netflix.com",),
    "spotify": ("spotify.com",),
    "facebook": ("facebook.com", "facebookmail.com", "fb.com", "meta.com"),
    "meta": ("meta.com", "facebook.com", "facebookmail.com", "fb.com"),
    "instagram": ("instagram.com", "mail.instagram.com", "facebookmail.com", "meta.com"),
    "whatsapp": ("whatsapp.com", "facebookmail.com", "meta.com"),
    "linkedin": ("linkedin.com",),
    "twitter": ("twitter.com", "x.com"),
    "ebay": ("ebay.com", "ebay.co.uk", "ebay.de"),
    "dhl": ("dhl.com", "dhl.de", "dpdhl.com", "dhl-news.com"),
    "dhl express": ("dhl.com", "dhl.de", "dpdhl.com"),
    "fedex": ("fedex.com",),
    "ups": ("ups.com",),
    "usps": ("usps.com", "usps.gov"),
    "royal mail": ("royalmail.com", "royalmail.co.uk"),
    "dpd": ("dpd.com", "dpd.co.uk", "dpd.de"),
    "irs": ("irs.gov", "treasury.gov"),
    "hmrc": ("hmrc.gov.uk", "gov.uk"),
    "docusign": ("docusign.com", "docusign.net"),
    "dropbox": ("dropbox.com", "dropboxmail.com"),
    "wetransfer": ("wetransfer.com",),
    "adobe": ("adobe.com", "adobesign.com", "echosign.com"),
    "adobe sign": ("adobe.com", "adobesign.com", "echosign.com"),
    "zoom": ("zoom.us", "zoom.com"),
    "bank of america": ("bankofamerica.com", "bofa.com", "ealerts.bankofamerica.com"),
    "chase": ("chase.com", "jpmorgan.com", "jpmchase.com"),
    "wells fargo": ("wellsfargo.com", "wf.com"),
    "citibank": ("citi.com", "citibank.com", "citigroup.com"),
    "hsbc": ("hsbc.com", "hsbc.co.uk", "us.hsbc.com"),
    "barclays": ("barclays.com", "barclays.co.uk", "barclaycard.co.uk"),
    "santander": ("santander.com", "santander.co.uk", "santanderbank.com"),
    "american express": ("americanexpress.com", "aexp.com", "amex.com"),
    "amex": ("americanexpress.com", "aexp.com", "amex.com"),
    "visa": ("visa.com",),
    "mastercard": ("mastercard.com",),
    "coinbase": ("coinbase.com",),
    "binance": ("binance.com",),
    "blockchain": ("blockchain.com",),
    "metamask": ("metamask.io", "consensys.net"),
    "yahoo": ("yahoo.com", "yahoo-inc.com", "yahoogroups.com", "yahooinc.com"),
    "aol": ("aol.com", "yahoo-inc.com"),
    "norton": ("norton.com", "symantec.com", "nortonlifelock.com"),
    "mcafee": ("mcafee.com",),
    "geek squad": ("geeksquad.com", "bestbuy.com"),
    "coinbase wallet": ("coinbase.com",),
    "steam": ("steampowered.com", "steamcommunity.com", "valvesoftware.com"),
    "booking.com": ("booking.com",),
    "airbnb": ("airbnb.com",),
    "intuit": ("intuit.com",),
    # Banks, carriers and payment services phished in the other languages Mailward's users write, each with the
    # one national domain it sends from (brands whose branches use their own domains, such as Sparkassen or
    # Volksbanken, are left out: their honest mail would look foreign).
    "postbank": ("postbank.de",),
    "commerzbank": ("commerzbank.de", "commerzbank.com"),
    "deutsche bank": ("deutsche-bank.de", "db.com"),
    "n26": ("n26.com",),
    "deutsche post": ("deutschepost.de", "dhl.de"),
    "la poste": ("laposte.fr", "laposte.net"),
    "colissimo": ("colissimo.fr", "laposte.fr"),
    "chronopost": ("chronopost.fr",),
    "credit agricole": ("credit-agricole.fr", "credit-agricole.com"),
    "societe generale": ("societegenerale.fr", "societegenerale.com"),
    "correos": ("correos.es", "correos.com"),
    "bbva": ("bbva.es", "bbva.com"),
    "caixabank": ("caixabank.es", "caixabank.com"),
    "aramex": ("aramex.com",),
    "bank leumi": ("leumi.co.il",),
    "bank hapoalim": ("bankhapoalim.co.il",),
    "rakuten": ("rakuten.co.jp", "rakuten.com"),
    "japan post": ("japanpost.jp", "post.japanpost.jp"),
    "mufg": ("mufg.jp",),
    "smbc": ("smbc.co.jp",),
    "alipay": ("alipay.com",),
    "taobao": ("taobao.com",),
    "icbc": ("icbc.com.cn",),
    "quickbooks": ("intuit.com", "quickbooks.com"),
    # The same for the other languages the product serves (Portuguese, Brazilian, Italian, Dutch, Polish, Turkish,
    # Russian, French public services): each country's most phished banks, post and tax or health services, with
    # the national domain they mail from.
    "millennium bcp": ("millenniumbcp.pt",),
    "caixa geral de depositos": ("cgd.pt",),
    "cgd": ("cgd.pt",),
    "novo banco": ("novobanco.pt",),
    "ctt": ("ctt.pt",),
    "itau": ("itau.com.br",),
    "bradesco": ("bradesco.com.br",),
    "nubank": ("nubank.com.br",),
    "banco do brasil": ("bb.com.br",),
    "poste italiane": ("posteitaliane.it", "poste.it"),
    "intesa sanpaolo": ("intesasanpaolo.com",),
    "unicredit": ("unicredit.it", "unicredit.eu"),
    "rabobank": ("rabobank.nl", "rabobank.com"),
    "abn amro": ("abnamro.nl", "abnamro.com"),
    "ing": ("ing.nl", "ing.com", "ing.de", "ing.be"),
    "postnl": ("postnl.nl",),
    "belastingdienst": ("belastingdienst.nl",),
    "pko bp": ("pkobp.pl", "pko.pl"),
    "pko bank polski": ("pkobp.pl", "pko.pl"),
    "mbank": ("mbank.pl",),
    "inpost": ("inpost.pl", "inpost.eu"),
    "poczta polska": ("poczta-polska.pl",),
    "ziraat bankası": ("ziraatbank.com.tr",),  # noqa: RUF001 - Turkish dotless i, which accent folding keeps
    "garanti bbva": ("garantibbva.com.tr",),
    "is bankası": ("isbank.com.tr",),  # noqa: RUF001 - Is Bankasi's name as accent folding leaves it
    "ptt": ("ptt.gov.tr",),
    "sberbank": ("sberbank.ru", "sberbank.com", "sber.ru"),
    "сбербанк": ("sberbank.ru", "sberbank.com", "sber.ru"),
    "почта россии": ("pochta.ru",),
    "госуслуги": ("gosuslugi.ru",),
    "la banque postale": ("labanquepostale.fr",),
    "ameli": ("ameli.fr", "assurance-maladie.fr"),
    # Tax authorities and national posts of the other countries whose people Mailward's users write to (a refund
    # to claim and a parcel to redeliver are the two lures that borrow a state's name), each with the national
    # domain it mails from; a business's mailbox never calls itself one of them. Names as display_words leaves
    # them (lower case, accents removed). Retailers are left out: their addresses stand in the text of honest
    # affiliate links ("Walmart.com" over a partner's link: LINK_TEXT_MISMATCH_BRAND, strong, read this table).
    "agencia tributaria": ("agenciatributaria.gob.es", "agenciatributaria.es", "aeat.es"),
    "aeat": ("agenciatributaria.gob.es", "agenciatributaria.es", "aeat.es"),
    "bundeszentralamt fur steuern": ("bzst.de",),
    "bzst": ("bzst.de",),
    "skatteverket": ("skatteverket.se",),
    "skatteetaten": ("skatteetaten.no",),
    "verohallinto": ("vero.fi",),
    "dgfip": ("dgfip.finances.gouv.fr", "impots.gouv.fr", "finances.gouv.fr"),
    "direction generale des finances publiques": ("dgfip.finances.gouv.fr", "impots.gouv.fr", "finances.gouv.fr"),
    "agenzia delle entrate": ("agenziaentrate.gov.it", "agenziaentrate.it"),
    "receita federal": ("receita.fazenda.gov.br", "receita.economia.gov.br"),
    "autoridade tributaria": ("at.gov.pt", "portaldasfinancas.gov.pt"),
    "portal das financas": ("at.gov.pt", "portaldasfinancas.gov.pt"),
    "urzad skarbowy": ("podatki.gov.pl", "mf.gov.pl", "kas.gov.pl"),
    "canada revenue agency": ("cra-arc.gc.ca",),
    "australian taxation office": ("ato.gov.au",),
    "国税庁": ("nta.go.jp",),
    "רשות המסים": ("taxes.gov.il",),
    "фнс россии": ("nalog.ru", "nalog.gov.ru"),
    "postnord": ("postnord.se", "postnord.com", "postnord.dk", "postnord.no"),
    "posten norge": ("posten.no",),
    "bpost": ("bpost.be",),
    "an post": ("anpost.ie", "anpost.com"),
    "swiss post": ("post.ch", "swisspost.ch"),
    "osterreichische post": ("post.at",),
    "correios": ("correios.com.br",),
    "canada post": ("canadapost.ca", "postescanada.ca", "canadapost-postescanada.ca"),
    "australia post": ("auspost.com.au",),
    "israel post": ("israelpost.co.il",),
    "דואר ישראל": ("israelpost.co.il",),
    "日本郵便": ("japanpost.jp", "post.japanpost.jp"),
    "ゆうちょ銀行": ("jp-bank.japanpost.jp", "japanpost.jp"),
    "ヤマト運輸": ("kuronekoyamato.co.jp", "yamato-hd.co.jp"),
    "佐川急便": ("sagawa-exp.co.jp",),
}
#: Brand names that are also everyday words or first names ("Chase Miller", "Visa team"?): they only count
#: when the display name also holds one of BRAND_SERVICE_WORDS.
AMBIGUOUS_BRANDS = frozenset({"chase", "visa", "meta", "zoom", "ups", "steam", "outlook", "blockchain", "aws",
                              "dpd", "irs", "ing", "ctt", "cgd", "ptt", "ameli", "aeat", "bzst", "dgfip"})
#: Words that may stand next to a brand in an impersonating display name ("PayPal Account Security Team").
#: Any other word (a person's or a shop's name) means the name is not a bare brand.
BRAND_SERVICE_WORDS = frozenset({
    "support", "team", "service", "services", "security", "account", "accounts", "billing", "customer",
    "customers", "care", "online", "notification", "notifications", "notice", "alert", "alerts", "center",
    "centre", "help", "helpdesk", "desk", "noreply", "no-reply", "no", "reply", "do", "not", "info", "inc",
    "ltd", "llc", "corp", "corporation", "the", "official", "verification", "verify", "update", "updates",
    "mail", "email", "e-mail", "id", "payment", "payments", "bank", "banking", "delivery", "shipping",
    "department", "dept", "admin", "administrator", "secure", "protection", "fraud", "prevention",
    "resolution", "member", "members", "rewards", "store", "express", "premium", "prime", "wallet", "pay",
    "inc.", "ltd.", "sign", "signin", "login", "drive", "storage", "cloud", "mailbox", "server", "system",
    "message", "messages", "docs", "document", "documents", "share", "shared", "file", "files", "fax",
    "voicemail", "invoice", "invoices", "card", "cards", "services.", "us", "usa", "uk", "de", "fr", "es",
    "it", "ca", "au", "in", "assistance", "tracking", "parcel", "package", "via", "&", "and", "of", "for",
    "on", "-", "|", ":", "team.", "client", "clients", "portal", "management", "quarantine",
    # a brand's own product for businesses ("Meta Business Support", "PayPal Business"), not another firm's name
    "business",
    # a brand's sign-in app ("Microsoft Authenticator", "Google Authenticator")
    "authenticator",
})

#: Link-shortening services: the real destination is hidden until the click.
URL_SHORTENERS = frozenset({
    "bit.ly", "bitly.com", "bit.do", "tinyurl.com", "tiny.cc", "tiny.one", "goo.gl", "ow.ly", "is.gd", "v.gd",
    "t.co", "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "s.id", "x.co", "soo.gd",
    "shorte.st", "adf.ly", "bc.vc", "po.st", "mcaf.ee", "su.pr", "qr.net", "qrco.de", "lnkd.in", "db.tt",
    "1url.com", "u.to", "clck.ru", "short.io", "shrtco.de", "tr.im", "cli.gs", "snip.ly", "tinyurl.at",
    "urlz.fr", "gg.gg", "surl.li", "ln.run", "linktr.ee", "bl.ink", "kutt.it", "2u.pw", "0rz.tw", "ity.im",
    "yourls.org", "shorturl.com", "tny.im", "qr.ae", "url.ie", "zpr.io", "trib.al", "chilp.it", "hyperurl.co",
})

#: Domains in the brand table whose subdomains (or addresses) belong to many different owners: a parish council's
#: "x.gov.uk", a Microsoft 365 tenant's "x.onmicrosoft.com", a group's list address. Mail from them is not the brand's.
SHARED_NAMESPACES = frozenset({"gov.uk", "onmicrosoft.com", "sharepoint.com", "amazonaws.com", "amazonses.com",
                               "googlegroups.com", "yahoogroups.com", "github.com", "a2z.com"})

#: Free-mail providers: anyone can get an address there, so a Reply-To there detaches replies from the From.
FREEMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it",
    "yahoo.co.in", "yahoo.com.br", "yahoo.co.jp", "ymail.com", "rocketmail.com", "hotmail.com", "hotmail.co.uk",
    "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "outlook.com", "outlook.fr", "outlook.de",
    "live.com", "live.co.uk", "live.fr", "msn.com", "aol.com", "aim.com", "icloud.com", "me.com", "mac.com",
    "mail.com", "email.com", "usa.com", "gmx.com", "gmx.net", "gmx.de", "web.de", "yandex.ru", "yandex.com",
    "ya.ru", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru", "protonmail.com", "proton.me", "pm.me",
    "tutanota.com", "tuta.io", "zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm", "hushmail.com",
    "lycos.com", "excite.com", "juno.com", "netzero.net", "netzero.com", "earthlink.net", "rediffmail.com",
    "sify.com", "libero.it", "virgilio.it", "tiscali.it", "tiscali.co.uk", "btinternet.com", "qq.com",
    "163.com", "126.com", "sina.com", "sohu.com", "naver.com", "daum.net", "hanmail.net", "seznam.cz",
    "wp.pl", "o2.pl", "interia.pl", "onet.pl", "laposte.net", "orange.fr", "free.fr", "sfr.fr", "t-online.de",
    "usa.net", "netscape.net", "caramail.com", "latinmail.com", "myway.com", "walla.com", "mail2world.com",
    "eudoramail.com", "outgun.com", "indiatimes.com", "yahoo.ca", "yahoo.com.au", "bigpond.com", "att.net",
    "sbcglobal.net", "verizon.net", "comcast.net", "cox.net", "charter.net", "optonline.net",
})

#: Attachment extensions (beyond the Windows executables winexec holds) by the symbol they raise: HTML
#: pages that open a phishing form locally, disk images that carry executables past filters, macro documents.
RISKY_ATTACHMENTS: dict[str, str] = {
    **dict.fromkeys(("htm", "html", "shtml", "xhtml", "xht", "mht", "mhtml", "svg", "svgz"), "ATTACH_HTML"),
    **dict.fromkeys(("iso", "img", "vhd", "vhdx", "udf", "dmg"), "ATTACH_DISK_IMAGE"),
    **dict.fromkeys(("docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm", "one",
                     "onepkg", "iqy", "slk"), "ATTACH_MACRO_DOC"),
}

#: Account-threat and credential lures, written as they read after core.detection.checks.spam_phrases.normalize (lower
#: case, apostrophes dropped, punctuation as spaces). A service confirming a new sign-up ("verify your email
#: address") is not here: outgoing mail from web applications says that every day.
LOGIN_LURE_PHRASES = (
    "verify your account", "confirm your account", "validate your account", "verify your identity",
    "confirm your identity", "account has been suspended", "account will be suspended", "account has been locked",
    "account has been limited", "account has been restricted", "account will be closed", "account will be deactivated",
    "account has been disabled", "account will be disabled", "account will be terminated",
    "unusual sign in activity", "someone tried to sign in", "update your payment information",
    "update your billing information", "update your payment details", "password will expire",
    "password has expired", "keep your current password", "keep your same password", "mailbox is full",
    "mailbox is almost full", "mailbox quota", "exceeded your storage", "email account will be",
    "reactivate your account", "re activate your account", "restore your account", "unlock your account",
    "avoid suspension", "avoid account suspension", "avoid termination", "avoid deactivation", "failure to verify",
    "messages on hold", "messages have been held", "shared a document with you", "shared a file with you",
    "sent you a document",
    # account and payment alarms that send the reader to "secure" it, and the parcel-fee lure of carrier phishing
    "secure your account", "new payee", "payee was added", "request to deactivate", "deactivate your email",
    "deactivation of your email", "card has been blocked", "card has been suspended", "account has been blocked",
    "account will be blocked", "parcel is on hold", "package is on hold", "shipment is on hold",
    "could not be delivered", "delivery attempt failed", "unpaid customs", "customs fee", "shipping fee is unpaid",
    "schedule a redelivery", "reschedule delivery", "confirm your delivery address",
    # voicemail, fax and file-share notices that lead to a sign-in page, and the tax refund to claim
    "new voicemail", "voice message received", "you have a new voicemail", "you have a new fax", "fax received",
    "has shared a file", "has shared a document", "sent you a secure document", "eligible for a tax refund",
    "claim your tax refund", "you are due a tax refund",
    # payroll diversion: the staff member's bank details for salary "moved" to a portal, signed into with the
    # work mailbox's password (an employer's honest notice of a payroll provider is told apart by the verdict:
    # LOGIN_LURE alone never holds)
    "update your direct deposit", "confirm your direct deposit", "verify your direct deposit",
    "direct deposit details", "direct deposit information", "sign in with your work email",
    "log in with your work email", "sign in with your corporate email", "sign in with your company email",
    "sign in with your work account",
)
#: The same lures in the other languages Mailward's users write (matched as written after normalising, anywhere in
#: the text: they are long phrases, and Chinese and Japanese put no spaces between words).
LOGIN_LURE_PHRASES_INTL = (
    # German
    "ihr konto wurde gesperrt", "ihr konto wird gesperrt", "ihr konto wurde eingeschränkt", "konto verifizieren",
    "bestätigen sie ihr konto", "bestätigen sie ihre identität", "ungewöhnliche anmeldeaktivität",
    "ihr postfach ist voll", "zahlungsinformationen aktualisieren", "um eine sperrung zu vermeiden",
    "ihre sendung konnte nicht zugestellt werden", "ihr paket wird zurückgehalten", "zollgebühr",
    "neuer zahlungsempfänger", "ihre karte wurde gesperrt",
    "zugang wird gesperrt", "zugang wurde gesperrt", "aus sicherheitsgründen gesperrt", "ihr konto wurde deaktiviert",
    "ihr konto wird deaktiviert", "ihr konto wurde blockiert",
    # shared files and voice messages, and tax refunds to claim
    "hat eine datei mit ihnen geteilt", "hat ein dokument mit ihnen geteilt", "neue sprachnachricht",
    "anspruch auf eine steuerrückerstattung", "a partagé un fichier avec vous",
    "a partagé un document avec vous", "nouveau message vocal", "droit à un remboursement d'impôt",
    "ha compartido un archivo contigo", "ha compartido un documento con usted", "nuevo mensaje de voz",
    "derecho a una devolución de impuestos", "ha condiviso un file con te", "nuovo messaggio vocale",
    "diritto a un rimborso fiscale", "compartilhou um arquivo com você", "nova mensagem de voz",
    "direito a uma restituição de imposto", "heeft een bestand met u gedeeld", "nieuw voicemailbericht",
    "recht op een belastingteruggave", "udostępnił ci plik", "nowa wiadomość głosowa",
    "przysługuje zwrot podatku", "sizinle bir dosya paylaştı", "yeni sesli mesaj", "vergi iadesi almaya hak",  # noqa: RUF001
    "поделился с вами файлом", "новое голосовое сообщение", "право на возврат налога", "شارك ملفًا معك",  # noqa: RUF001
    "رسالة صوتية جديدة", "مؤهل لاسترداد الضريبة", "فایلی را با شما به اشتراک گذاشت", "پیام صوتی جدید",
    "שיתף איתך קובץ", "הודעה קולית חדשה", "זכאי להחזר מס", "与您共享了文件", "新语音留言", "申请退税",
    "ファイルを共有しました", "新しいボイスメール", "還付金を受け取", "파일을 공유했습니다", "새 음성 메시지",
    "환급 대상",
    # French
    "votre compte a été suspendu", "votre compte sera suspendu", "votre compte a été limité",
    "votre compte sera désactivé", "vérifiez votre compte", "confirmez votre identité", "activité inhabituelle",
    "votre boîte aux lettres est pleine", "mettre à jour vos informations de paiement",
    "votre colis est en attente", "frais de douane", "votre colis n'a pas pu être livré", "votre carte a été bloquée",
    "votre accès sera suspendu", "votre compte a été bloqué", "votre compte sera bloqué",
    # Spanish, Italian, Portuguese
    "su cuenta ha sido suspendida", "su cuenta será suspendida", "su cuenta ha sido limitada",
    "su cuenta será desactivada", "tu cuenta ha sido suspendida", "verifique su cuenta", "verifica tu cuenta",
    "confirme su identidad", "actividad inusual", "su buzón está lleno", "actualice su información de pago",
    "su paquete está retenido", "no pudo ser entregado", "tasas de aduana", "su tarjeta ha sido bloqueada",
    "su cuenta ha sido bloqueada", "tu cuenta ha sido bloqueada", "su acceso será suspendido",
    # Italian
    "il tuo account è stato sospeso", "il tuo account sarà sospeso", "il tuo account è stato bloccato",
    "verifica il tuo account", "conferma la tua identità", "attività insolita", "accesso insolito",
    "la tua casella di posta è piena", "aggiorna i tuoi dati di pagamento", "il tuo pacco è in giacenza",
    "spese doganali", "la tua carta è stata bloccata", "evitare la sospensione",
    # Portuguese
    "sua conta foi suspensa", "verifique sua conta", "sua conta será suspensa", "sua conta foi bloqueada",
    "a sua conta foi bloqueada", "verifique a sua conta", "confirme sua identidade", "confirme a sua identidade",
    "atividade incomum", "sua caixa de correio está cheia", "atualize seus dados de pagamento",
    "atualize os seus dados de pagamento", "sua encomenda está retida", "a sua encomenda está retida",
    "taxa alfandegária", "seu cartão foi bloqueado", "o seu cartão foi bloqueado",
    # Dutch
    "uw account is opgeschort", "uw account is geblokkeerd", "uw account wordt geblokkeerd",
    "je account is geblokkeerd", "verifieer uw account", "bevestig uw identiteit", "ongebruikelijke activiteit",
    "uw mailbox is vol", "werk uw betalingsgegevens bij", "uw pakket wordt vastgehouden", "douanekosten",
    "uw pas is geblokkeerd", "uw rekening is geblokkeerd", "om blokkering te voorkomen",
    # Polish
    "twoje konto zostało zawieszone", "twoje konto zostanie zawieszone", "twoje konto zostało zablokowane",
    "zweryfikuj swoje konto", "potwierdź swoją tożsamość", "nietypowa aktywność", "twoja skrzynka pocztowa jest pełna",
    "zaktualizuj dane płatności", "twoja przesyłka jest wstrzymana", "opłata celna", "dopłata do przesyłki",
    "twoja karta została zablokowana",
    # Turkish
    "hesabınız askıya alındı", "hesabınız askıya alınacak", "hesabınız kilitlendi", "hesabınızı doğrulayın",  # noqa: RUF001
    "kimliğinizi doğrulayın", "olağandışı etkinlik", "posta kutunuz dolu", "ödeme bilgilerinizi güncelleyin",  # noqa: RUF001
    "kargonuz bekletiliyor", "gümrük ücreti", "kartınız bloke edildi",  # noqa: RUF001
    # Russian
    "ваш аккаунт заблокирован", "ваша учетная запись заблокирована", "ваша учётная запись заблокирована",
    "ваш аккаунт будет заблокирован", "подтвердите свою учетную запись", "подтвердите свою личность",
    "необычная активность", "подозрительный вход", "ваш почтовый ящик переполнен", "обновите платежные данные",
    "ваша посылка задержана", "таможенный сбор", "ваша карта заблокирована",  # noqa: RUF001 - Cyrillic
    # Persian
    "حساب شما مسدود شد", "حساب کاربری شما تعلیق", "حساب خود را تأیید کنید", "هویت خود را تأیید کنید", "فعالیت غیرعادی",
    "صندوق پستی شما پر است", "اطلاعات پرداخت خود را", "کارت شما مسدود شد",
    # Korean
    "계정이 정지", "계정이 잠겼", "계정이 일시 중지", "계정을 확인하", "비정상적인 로그인", "비정상적인 활동",
    "사서함이 가득", "결제 정보를 업데이트", "택배가 보류", "카드가 정지",
    # Arabic
    "تم تعليق حسابك", "سيتم تعليق حسابك", "تحقق من حسابك", "تأكيد هويتك", "نشاط غير عادي", "صندوق بريدك ممتلئ",
    "تحديث معلومات الدفع", "تم قفل حسابك", "تم إيقاف حسابك", "بطاقتك محظورة", "شحنتك معلقة", "رسوم جمركية",
    # Hebrew
    "החשבון שלך הושעה", "החשבון שלך יושעה", "אמת את החשבון", "אימות החשבון", "פעילות חריגה", "תיבת הדואר שלך מלאה",
    "עדכן את פרטי התשלום", "החשבון שלך נחסם", "הכרטיס שלך נחסם", "החבילה שלך ממתינה",
    # Chinese
    "您的账户已被冻结", "账户已被暂停", "帐户已被停用", "验证您的账户", "验证您的身份", "异常登录", "邮箱已满",
    "更新您的付款信息", "账户将被停用", "账户已被锁定", "银行卡已被冻结", "帳戶已被鎖定",
    # Japanese
    "アカウントが停止", "アカウントがロック", "アカウントを確認", "本人確認", "不審なログイン",
    "メールボックスがいっぱい", "支払い情報を更新", "アカウントが一時停止", "カードが利用停止", "利用制限",
)
#: Wording that backs a lure up but is everyday language on its own ("within 24 hours"): it only counts in a
#: message that also holds one of LOGIN_LURE_PHRASES.
LOGIN_LURE_SUPPORT = (
    "within 24 hours", "within 48 hours", "temporarily suspended", "unusual activity", "suspicious activity",
    "unauthorized access", "unauthorized login", "new sign in", "payment was declined", "payment has failed",
    "password expires", "storage is full", "restore access", "regain access", "failure to update",
    "pending messages", "undelivered messages", "incoming messages", "secure document", "review and sign",
    "document is ready for review", "click here", "log in", "sign in", "login",
)

#: Distinctive brand words that phishers build host names from ("paypal-secure.example", "login-microsoft
#: .example") -> the BRANDS entry whose domains may legitimately carry them. Everyday words ("office", "live",
#: "apple", "booking") are left out: too many honest hosts contain them.
BRAND_HOST_TOKENS: dict[str, str] = {
    "paypal": "paypal", "icloud": "icloud", "itunes": "itunes", "appleid": "apple id", "microsoft": "microsoft",
    "microsoftonline": "microsoft", "office365": "office365", "microsoft365": "microsoft 365", "onedrive": "onedrive",
    "sharepoint": "sharepoint", "outlook365": "outlook", "hotmail": "microsoft", "netflix": "netflix",
    "facebook": "facebook", "instagram": "instagram", "whatsapp": "whatsapp", "linkedin": "linkedin",
    "docusign": "docusign", "dropbox": "dropbox", "wetransfer": "wetransfer", "coinbase": "coinbase",
    "binance": "binance", "metamask": "metamask", "bankofamerica": "bank of america", "wellsfargo": "wells fargo",
    "citibank": "citibank", "barclays": "barclays", "santander": "santander", "americanexpress": "american express",
    "mastercard": "mastercard", "amazon": "amazon", "gmail": "gmail", "googledocs": "google", "usps": "usps",
    "fedex": "fedex", "royalmail": "royal mail", "spotify": "spotify", "ebay": "ebay", "adobesign": "adobe sign",
    "postbank": "postbank", "commerzbank": "commerzbank", "laposte": "la poste", "colissimo": "colissimo",
    "chronopost": "chronopost", "correos": "correos", "bbva": "bbva", "caixabank": "caixabank", "aramex": "aramex",
    "rakuten": "rakuten", "japanpost": "japan post", "alipay": "alipay", "taobao": "taobao",
}

#: Free hosting where anyone can put up a page in a minute under a name nobody checks, and where phishing kits are
#: put for that reason (core/detection/checks/phish_hosting.py): static-site and serverless hosts, tunnels, IPFS
#: gateways. A subdomain's page counts ("x.pages.dev/"); the service's own host only under PHISH_HOSTING_PATHS (IPFS
#: content).
#: Builders small businesses run their real sites on (wixsite, weebly, sites.google.com, github.io) are left out.
PHISH_HOSTING_PAGES = frozenset({
    "pages.dev", "workers.dev", "r2.dev", "web.app", "firebaseapp.com", "netlify.app", "vercel.app", "glitch.me",
    "herokuapp.com", "onrender.com", "repl.co", "replit.app", "replit.dev", "surge.sh", "fly.dev",
    "azurestaticapps.net", "web.core.windows.net", "amplifyapp.com", "000webhostapp.com", "ngrok.io", "ngrok.app",
    "ngrok-free.app", "ngrok-free.dev", "trycloudflare.com", "loca.lt", "serveo.net", "ipfs.io", "dweb.link",
    "cloudflare-ipfs.com", "mypinata.cloud", "gateway.pinata.cloud", "w3s.link", "nftstorage.link",
    "4everland.link", "infura-ipfs.io", "on.fleek.co", "ipfs.fleek.co",
})
#: Free site builders (left out of PHISH_HOSTING_PAGES: small businesses run their real sites there). Only a page
#: name that is a machine-made token ("xf49rx6m.weebly.com") counts (core/detection/checks/url_random_host.py).
SITE_BUILDERS = frozenset({
    "weebly.com", "wixsite.com", "webflow.io", "godaddysites.com", "square.site", "mystrikingly.com", "yolasite.com",
    "jimdosite.com", "site123.me", "carrd.co", "framer.website", "framer.app", "notion.site",
})
#: Paths of a PHISH_HOSTING_PAGES service's own host that serve somebody's content (an IPFS gateway's /ipfs/...).
PHISH_HOSTING_PATHS: dict[str, tuple[str, ...]] = {
    "ipfs.io": ("/ipfs/", "/ipns/"), "dweb.link": ("/ipfs/", "/ipns/"), "cloudflare-ipfs.com": ("/ipfs/", "/ipns/"),
    "gateway.pinata.cloud": ("/ipfs/",), "w3s.link": ("/ipfs/",), "nftstorage.link": ("/ipfs/",),
    "4everland.link": ("/ipfs/",), "infura-ipfs.io": ("/ipfs/",), "ipfs.fleek.co": ("/ipfs/",),
}
#: Of PHISH_HOSTING_PAGES, the hosts no honest service runs its sign-in or billing pages on: content-addressed IPFS
#: gateways, tunnels to somebody's laptop, throwaway free hosts. (App platforms such as pages.dev, web.app or
#: vercel.app are left out: young companies do run their real apps there.) Storage buckets count too.
PHISH_HOSTING_THROWAWAY = frozenset({
    "ipfs.io", "dweb.link", "cloudflare-ipfs.com", "mypinata.cloud", "gateway.pinata.cloud", "w3s.link",
    "nftstorage.link", "4everland.link", "infura-ipfs.io", "ipfs.fleek.co", "ngrok.io", "ngrok.app", "ngrok-free.app",
    "ngrok-free.dev", "trycloudflare.com", "loca.lt", "serveo.net", "000webhostapp.com", "r2.dev",
})
#: Cloud storage buckets: honest mail fetches images and files from them, a phishing kit serves its page from them.
#: Only a link to a web page there counts.
PHISH_HOSTING_STORAGE = frozenset({
    "storage.googleapis.com", "firebasestorage.googleapis.com", "blob.core.windows.net", "s3.amazonaws.com",
    "digitaloceanspaces.com", "backblazeb2.com", "r2.cloudflarestorage.com", "objectstorage.softlayer.net",
    "cloud-object-storage.appdomain.cloud",
})

#: What QR-code phishing says besides the account threats of LOGIN_LURE_PHRASES (core/detection/checks/qr_lure.py):
#: a sign-in or two-factor setup that expires or must be done again, a mandatory security update, a voice message or
#: document waiting. Only read in a short message that also asks to scan a QR code and carries an image or document.
QR_LURE_PHRASES = (
    "password expires", "password will expire", "password has expired", "authentication expires",
    "authentication has expired", "authentication will expire", "re authenticate", "reauthenticate",
    "re enroll", "re enrol", "re register your", "re validate", "revalidate", "mandatory security update",
    "required security update", "security update required", "update your authenticator", "reactivate your",
    "will be deactivated", "will be disabled", "access will be revoked", "lose access", "voicemail",
    "voice message", "scan to view the document", "scan to access", "scan to listen",
    # German, French, Spanish, Italian, Portuguese, Dutch, Polish, Turkish
    "passwort läuft ab", "kennwort läuft ab", "authentifizierung läuft ab", "authentifizierung ist abgelaufen",
    "erneut authentifizieren", "sicherheitsupdate erforderlich", "zugang wird gesperrt", "sprachnachricht",
    "mot de passe expire", "authentification expire", "réauthentifier", "mise à jour de sécurité obligatoire",
    "message vocal", "accès sera suspendu", "contraseña caduca", "contraseña expira", "autenticación caduca",
    "actualización de seguridad obligatoria", "mensaje de voz", "volver a autenticar", "password scade",
    "autenticazione scade", "aggiornamento di sicurezza obbligatorio", "messaggio vocale", "senha expira",
    "autenticação expira", "atualização de segurança obrigatória", "mensagem de voz", "wachtwoord verloopt",
    "authenticatie verloopt", "verplichte beveiligingsupdate", "voicemailbericht", "hasło wygasa",
    "wymagana aktualizacja zabezpieczeń", "wiadomość głosowa", "şifrenizin süresi", "parolanızın süresi",  # noqa: RUF001 - Turkish dotless i
    "zorunlu güvenlik güncellemesi", "sesli mesaj",
    # Russian, Arabic, Persian, Hebrew, Chinese, Japanese, Korean
    "срок действия пароля", "обязательное обновление безопасности", "голосовое сообщение", "كلمة المرور ستنتهي",
    "تحديث أمني إلزامي", "رسالة صوتية", "رمز عبور شما منقضی", "به روزرسانی امنیتی اجباری", "پیام صوتی",
    "הסיסמה שלך תפוג", "עדכון אבטחה חובה", "הודעה קולית", "密码即将过期", "密码已过期", "语音留言", "多重身份验证",
    "パスワードの有効期限", "セキュリティ更新", "ボイスメール", "多要素認証", "비밀번호가 만료", "보안 업데이트",
    "음성 메시지", "다단계 인증",
)

#: A message about an invoice or a payment due (core/detection/checks/invoice_link.py), in the languages Mailward's
#: users write.
#: Sign-in security topics a QR code to scan is about in quishing (core/detection/checks/qr_lure.py): a two-factor or
#: multi-factor setup to renew, or a document that "only opens on a phone"; each counts only beside QR_EXPIRY_STEMS or
#: URGENT_STEMS (the setup "expires today"): an honest setup mail ("to set up two-factor sign-in, scan this code")
#: sets nothing to expire. Stems as normalize() leaves them (ASCII ones start a word).
QR_SECURITY_TOPICS = (
    "two factor", "2fa", "mfa", "multi factor", "multifactor", "two step verification", "2 step verification",
    "only be opened on a mobile", "only be opened on your phone", "open it on your mobile", "open it on your phone",
    "zwei faktor", "zweistufig", "zwei stufig", "double authentification", "authentification à deux",
    "deux facteurs", "dos factores", "doble factor", "due fattori", "doppia autenticazione", "dois fatores",
    "duas etapas", "tweestaps", "twee factor", "dwuetapow", "dwuskładnikow", "iki faktörlü", "iki adımlı",  # noqa: RUF001 - Turkish dotless i
    "двухфактор", "двухэтап", "احراز هویت دو", "تایید دو مرحله", "المصادقة الثنائية", "التحقق بخطوتين",
    "אימות דו", "双重验证", "两步验证", "双因素", "雙重驗證", "二段階認証", "2段階認証", "多要素", "2단계 인증",
    "이중 인증",
    # a document to sign or view that "opens" through the code: e-signature services send a link to their own
    # site and never a code to scan, let alone one that expires
    "waiting for your signature", "awaiting your signature", "pending your signature", "secure document",
    "wartet auf ihre unterschrift", "zur unterschrift bereit", "en attente de votre signature",
    "pendiente de su firma", "pendiente de firma", "in attesa della tua firma", "in attesa di firma",
    "aguardando sua assinatura", "aguarda a sua assinatura", "wacht op uw handtekening", "oczekuje na twój podpis",
    "imzanızı bekliyor", "ожидает вашей подписи", "等待您签名", "署名待ち",  # noqa: RUF001 - Turkish dotless i
)
#: Expiry words of QR_SECURITY_TOPICS' lures ("expires", "verloopt", "wygasa", "만료").
QR_EXPIRY_STEMS = ("expir", "lose access", "lock", "scad", "verloop", "verlopen", "wygas", "läuft ab", "abgelaufen",
                   "gesperrt", "caduc", "vence", "perder el acceso", "perdere l accesso", "non perdere", "bloque",
                   "süresi dol", "истека", "заблок", "منقضی", "تنتهي", "פג תוקף", "过期", "到期", "期限切れ",
                   "有効期限", "만료", "잠깁")
#: Words of a From display name that claim a security, IT or mail-administration role, or a fraud's legal persona
#: (core/detection/checks/from_role.py): lower case, accents folded where that leaves a word ASCII ("securite").
#: Bare "admin", "support" and the help desk are left out: a site's own notifications and a business's customer
#: service use them ("Helpdesk <support@shop.example>").
FROM_ROLE_WORDS = frozenset({
    "security", "administrator", "sysadmin", "webmaster", "postmaster", "mailadmin",
    "barrister", "sicherheit", "sicherheitsteam", "systemadministrator", "securite", "administrateur", "seguridad",
    "administrador", "sicurezza", "amministratore", "seguranca", "beveiliging", "beheerder", "bezpieczenstwo",
    "guvenlik", "yonetici", "безопасность", "администратор", "امنیت", "الأمن", "אבטחה",
})
#: Several words (ASCII: whole words, with spaces around) or a compound in a script without spaces (anywhere).
FROM_ROLE_PHRASES = (
    " it support ", " it team ", " it department ", " it service ", " it services ",
    " mail server ", " email server ", " mail system ", " email system ", " mailbox team ", " account security ",
    " it abteilung ", " service informatique ", " departamento de ti ", " reparto it ", " it afdeling ",
    " dział it ", " bilgi islem ", " служба безопасности ", " مدیر سیستم ", " مسؤول النظام ", " מנהל מערכת ",
    "系统管理员", "邮件管理员", "システム管理者", "メール管理者", "시스템 관리자", "메일 관리자", "보안팀", "보안센터",
)
INVOICE_WORDS = (
    "invoice", "remittance", "payment due", "overdue", "past due", "amount due", "balance due", "outstanding balance",
    "rechnung", "zahlungserinnerung", "mahnung", "facture", "factura", "fattura", "fatura", "factuur", "faktur",
    "счет", "счёт", "فاتورة", "فاکتور", "صورتحساب", "חשבונית", "发票", "账单", "請求書", "청구서", "인보이스",
)
#: The call to pay or to open the invoice, as a link's text or the words right before a plain-text link.
PAY_CALLS = (
    "pay now", "pay here", "pay online", "pay the invoice", "pay your invoice", "pay invoice", "make a payment",
    "make payment", "view invoice", "view the invoice", "view your invoice", "download invoice", "download the invoice",
    "open invoice", "open the invoice", "see invoice", "access invoice", "review invoice", "view document",
    "view the document", "invoice link", "payment link", "payment portal",
    "jetzt bezahlen", "online bezahlen", "rechnung ansehen", "rechnung anzeigen", "rechnung herunterladen",
    "zur rechnung", "zur zahlung", "payer maintenant", "payer en ligne", "voir la facture", "consulter la facture",
    "télécharger la facture", "régler la facture", "pagar ahora", "pagar en línea", "ver factura", "ver la factura",
    "descargar factura", "descargar la factura", "paga ora", "paga online", "visualizza fattura", "vedi fattura",
    "scarica fattura", "scarica la fattura", "pagar agora", "ver fatura", "visualizar fatura", "baixar fatura",
    "descarregar fatura", "nu betalen", "betaal nu", "factuur bekijken", "bekijk factuur", "download factuur",
    "zapłać teraz", "zobacz fakturę", "pobierz fakturę", "şimdi öde", "faturayı görüntüle", "faturayı indir",  # noqa: RUF001 - Turkish dotless i
    "ödeme yap", "оплатить", "посмотреть счет", "скачать счет", "ادفع الآن", "عرض الفاتورة", "پرداخت کنید",
    "مشاهده فاکتور", "לתשלום", "צפייה בחשבונית", "立即付款", "查看发票", "查看账单", "今すぐ支払", "請求書を表示",
    "請求書を確認", "지금 결제", "청구서 보기", "인보이스 보기",
)
#: Invoicing and payment services honest businesses send their customers to pay or read an invoice.
PAYMENT_PLATFORMS = frozenset({
    "stripe.com", "paypal.com", "paypal.me", "squareup.com", "square.link", "square.site", "intuit.com",
    "quickbooks.com", "xero.com", "freshbooks.com", "zoho.com", "zoho.eu", "zohosecurepay.com", "waveapps.com",
    "sumup.com", "sumup.me", "mollie.com", "gocardless.com", "pay.gocardless.com", "klarna.com", "adyen.com",
    "wise.com", "revolut.com", "revolut.me", "sevdesk.de", "lexoffice.de", "billomat.com", "debitoor.com",
    "holded.com", "invoiceninja.com", "harvestapp.com", "chargebee.com", "recurly.com", "paddle.com",
    "braintreegateway.com", "checkout.com", "payoneer.com", "razorpay.com", "rzp.io", "paystack.com",
    "flutterwave.com", "mercadopago.com", "iyzico.com", "payu.com", "przelewy24.pl", "tpay.com", "sagepay.com",
    "sage.com", "myob.com", "bill.com", "invoicesimple.com", "zervant.com", "billdu.com", "kashoo.com",
    "shopify.com", "myshopify.com", "woocommerce.com", "ecwid.com", "wix.com", "squarespace.com", "hubspot.com",
    "docusign.net", "docusign.com", "pandadoc.com", "paymentus.com", "authorize.net", "worldpay.com",
    "ideal.nl", "twint.ch", "satispay.com", "bizum.es", "payconiq.com", "vipps.no", "swish.nu", "mobilepay.dk",
    "alipay.com", "wechat.com", "paypay.ne.jp", "kakaopay.com", "toss.im", "naver.com",
})

#: Words in a link that carries the reader's address for an honest reason: leaving or managing a list, confirming
#: a subscription, calendar and meeting invitations (core/detection/checks/recipient_link.py).
ADDRESS_LINK_EXEMPT_WORDS = ("unsub", "optout", "opt-out", "opt_out", "preference", "abmeld", "abbestell",
                             "desinscri", "désinscri", "desuscri", "desabon", "désabon", "afmeld", "uitschrijv",
                             "cancelar-suscripcion", "disiscri", "unsubscribe", "list-manage", "mailto:",
                             "calendar", "invite", "rsvp")

#: Messengers a fraud moves its victim to (core/detection/checks/contact_channel.py): their link hosts, and their names
#: as written in any language (a name only counts beside a phone number or handle).
MESSENGER_HOSTS = frozenset({"wa.me", "api.whatsapp.com", "chat.whatsapp.com", "whatsapp.com", "t.me", "telegram.me",
                             "telegram.dog", "signal.me", "signal.group", "line.me", "u.wechat.com", "viber.click",
                             "invite.viber.com", "threema.id"})
MESSENGER_NAMES = ("whatsapp", "whats app", "watsapp", "telegram", "signal app", "on signal", "wechat", "viber",
                   "line id", "threema", "واتساب", "واتس اب", "تلغرام", "تيليجرام", "ווטסאפ", "טלגרם", "微信",
                   "ワッツアップ", "テレグラム", "왓츠앱", "텔레그램", "ватсап", "вотсап", "вацап", "телеграм",
                   "вайбер")
#: A request to move the conversation to a messenger, with no number in the text: the reader is asked for their
#: handle ("reply with your WhatsApp") or to write to the sender there ("contact me on Telegram"). Templates per
#: language, from each language's own ways of saying "send me your X", "reply with your X", "write/contact me on X";
#: "{m}" takes every name of MESSENGER_ASK_NAMES (Latin script) or the script's own names. A leading space marks a
#: word start; no trailing space: the phrase is a stem, so declined forms match ("na whatsappie", "в телеграме").
#: First person only ("me", "mich", "moi"...): a business's "contact us on WhatsApp" is its customer service.
MESSENGER_ASK_NAMES = ("whatsapp", "whats app", "telegram", "viber", "wechat", "threema", "signal app")
MESSENGER_ASK_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": (" reply with your {m}", " send me your {m}", " send us your {m}", " share your {m}", " drop your {m}",
           " leave your {m}", " give me your {m}", " contact me on {m}", " contact me via {m}",
           " contact me through {m}", " contact me by {m}", " reach me on {m}", " reach me via {m}",
           " message me on {m}", " message me via {m}", " text me on {m}", " write me on {m}", " write to me on {m}",
           " write to me via {m}", " chat with me on {m}", " add me on {m}", " talk to me on {m}",
           " continue on {m}", " continue our conversation on {m}", " contact me directly on {m}"),
    "de": (" schicken sie mir ihre {m}", " senden sie mir ihre {m}", " schick mir deine {m}",
           " antworten sie mit ihrer {m}", " antworte mit deiner {m}", " kontaktieren sie mich über {m}",
           " kontaktieren sie mich per {m}", " kontaktieren sie mich auf {m}", " kontaktiere mich über {m}",
           " kontaktiere mich per {m}", " schreiben sie mir auf {m}", " schreiben sie mir über {m}",
           " schreiben sie mir per {m}", " schreiben sie mir bei {m}", " schreib mir auf {m}", " schreib mir per {m}",
           " schreib mir über {m}", " schreiben sie mir bitte über {m}", " schreiben sie mir bitte auf {m}",
           " schreiben sie mir bitte per {m}", " kontaktieren sie mich bitte über {m}",
           " kontaktieren sie mich bitte per {m}", " erreichen sie mich über {m}", " erreichen sie mich per {m}",
           " melden sie sich per {m}", " melden sie sich über {m}", " melden sie sich bei mir per {m}",
           " melden sie sich bei mir über {m}"),
    "fr": (" contactez moi sur {m}", " contactez moi via {m}", " contactez moi par {m}", " contacte moi sur {m}",
           " écrivez moi sur {m}", " écrivez moi via {m}", " écris moi sur {m}", " ecrivez moi sur {m}",
           " joignez moi sur {m}", " ajoutez moi sur {m}", " envoyez moi votre {m}", " envoie moi ton {m}",
           " répondez avec votre {m}", " repondez avec votre {m}", " laissez moi votre {m}"),
    "es": (" escríbeme por {m}", " escríbeme al {m}", " escríbeme en {m}", " escríbame por {m}",
           " escríbame al {m}", " escribeme por {m}", " contáctame por {m}", " contáctame en {m}",
           " contáctame vía {m}", " contácteme por {m}", " contácteme en {m}", " contactame por {m}",
           " envíame tu {m}", " envíeme su {m}", " enviame tu {m}", " responda con su {m}", " responde con tu {m}",
           " agrégame en {m}", " agregame en {m}", " déjame tu {m}", " déjeme su {m}"),
    "pt": (" responda com o seu {m}", " responda com seu {m}", " responda com o teu {m}", " responde com o teu {m}",
           " envie me o seu {m}", " envie me seu {m}", " envie o seu {m}", " envie seu {m}", " mande me o seu {m}",
           " me mande seu {m}", " me mande o seu {m}", " me chame no {m}", " chame me no {m}",
           " fale comigo no {m}", " fale comigo pelo {m}", " fala comigo no {m}", " contacte me pelo {m}",
           " contacte me via {m}", " contate me pelo {m}", " entre em contato comigo pelo {m}",
           " entre em contacto comigo pelo {m}", " escreva me no {m}", " escreva me pelo {m}",
           " deixe o seu {m}", " deixe seu {m}"),
    "it": (" scrivimi su {m}", " scrivimi via {m}", " mi scriva su {m}", " mi scriva via {m}",
           " contattami su {m}", " contattami via {m}", " mi contatti su {m}", " mi contatti via {m}",
           " rispondi con il tuo {m}", " risponda con il suo {m}", " inviami il tuo {m}", " mi invii il suo {m}",
           " mandami il tuo {m}", " lasciami il tuo {m}"),
    "nl": (" stuur me je {m}", " stuur mij je {m}", " stuur mij uw {m}", " stuur me uw {m}",
           " antwoord met je {m}", " antwoord met uw {m}", " neem contact met mij op via {m}",
           " neem contact met me op via {m}", " stuur me een bericht via {m}", " stuur me een bericht op {m}",
           " stuur mij een bericht via {m}", " bericht me op {m}", " app me op {m}", " voeg me toe op {m}"),
    "pl": (" napisz do mnie na {m}", " napisz do mnie przez {m}", " napisz do mnie w {m}",
           " napisz mi na {m}", " proszę napisać do mnie na {m}", " skontaktuj się ze mną przez {m}",
           " skontaktuj się ze mną na {m}", " proszę o kontakt przez {m}", " proszę o kontakt na {m}",
           " podaj swój {m}", " podaj mi swój {m}", " wyślij mi swój {m}", " odpowiedz podając swój {m}"),
    "tr": (" bana {m}", " {m} üzerinden bana", " {m} üzerinden benimle",
           " {m} numaranızı", " {m} hesabınızı", " {m} numaranızla"),  # noqa: RUF001 - Turkish dotless i
    "ru": (" напишите мне в {m}", " напишите мне на {m}", " пишите мне в {m}", " напиши мне в {m}",
           " свяжитесь со мной в {m}", " свяжитесь со мной через {m}", " свяжитесь со мной по {m}",  # noqa: RUF001
           " отправьте мне свой {m}", " пришлите мне свой {m}", " пришлите ваш {m}", " оставьте свой {m}",
           " ответьте с вашим {m}", " добавьте меня в {m}"),  # noqa: RUF001
    "ar": ("تواصل معي عبر {m}", "تواصل معي على {m}", "راسلني على {m}", "راسلني عبر {m}", "أرسل لي {m}",
           "ارسل لي {m}", "أرسل لي رقم {m}", "اتصل بي عبر {m}"),
    "zh": ("加我{m}", "加我的{m}", "请加{m}", "通过{m}联系我", "用{m}联系我", "在{m}上联系我", "发你的{m}",
           "留下你的{m}", "告诉我你的{m}"),
    "ja": ("{m}で連絡して", "{m}で連絡ください", "{m}でご連絡", "{m}を追加して", "{m}のidを教えて",
           "{m}で友達追加"),
    "ko": ("{m}으로 연락", "{m}로 연락", "{m} 아이디를 알려", "{m} 아이디 보내", "{m}으로 메시지", "{m}로 메시지"),
}
#: Messenger names in each non-Latin template's script (the Latin names apply to every template too).
MESSENGER_ASK_SCRIPT_NAMES: dict[str, tuple[str, ...]] = {
    "ru": ("ватсап", "вотсап", "вацап", "телеграм", "вайбер"),
    "ar": ("واتساب", "الواتساب", "واتس اب", "تلغرام", "التلغرام", "تيليجرام", "التيليجرام"),
    "zh": ("微信", "电报", "飞机"),
    # not LINE: its Latin name ends "online", its katakana "オンライン"; a substring test cannot tell them apart
    "ja": ("テレグラム", "ワッツアップ"),
    "ko": ("텔레그램", "왓츠앱"),
}


#: Gift cards, and what a fraud wants of them: the codes, a scratch, a photo (core/detection/checks/money_ask.py).
GIFT_CARD_WORDS = ("gift card", "giftcard", "gift-card", "e-gift card", "itunes card",
                   "google play card", "steam card", "amazon card", "ebay card", "razer gold", "steam wallet",
                   "carte cadeau", "cartes cadeaux", "carte-cadeau", "cartes-cadeaux", "geschenkkarte",
                   "geschenkkarten", "gutscheinkarte", "gutscheinkarten", "tarjeta de regalo", "tarjetas de regalo",
                   "tarjeta regalo", "tarjetas regalo", "cartão presente", "cartões presente", "cartão-presente",
                   "cartões-presente", "vale-presente", "buono regalo", "buoni regalo", "carta regalo",
                   "carte regalo", "cadeaukaart", "cadeaukaarten", "cadeaubon", "cadeaubonnen",
                   "karta podarunkowa", "karty podarunkowe", "hediye kartı", "hediye karti",  # noqa: RUF001
                   "подарочная карта", "подарочные карты", "подарочных карт", "礼品卡", "禮品卡", "ギフトカード",
                   "기프트카드", "기프트 카드",
                   "상품권", "بطاقة هدايا", "بطاقات هدايا", "بطاقة هدية", "بطاقات الهدايا", "כרטיס מתנה",
                   "כרטיסי מתנה", "כרטיסי גיפט", "גיפט קארד")
GIFT_CARD_CODE_WORDS = (" codes ", " code ", " pin ", " pins ", " scratch ", " photo ", " picture ", " pictures ",
                        " photos ", " back of the card", " códigos ", " código ", " codici ", " codice ",
                        " gratta ", " rubbel", " freirubbeln ", " gratter ", " grattez ", " raspa ", " raspe ",
                        " rasque ", " kod ", " kody ", " kodu ", " kodlar", " foto ", " fotos ", " photos ",
                        " zdjęcie ", " коды ", " код ", " фото ", "コード", "番号", "写真", "码", "碼", "照片",
                        "코드", "번호", "사진", "رمز", "رموز", "أكواد", "كود", "صورة", "קוד", "קודים", "צילום",
                        "תמונה")
#: Asks for the reader's own mobile number (core/detection/checks/money_ask.py), written as normalize() leaves them.
PHONE_NUMBER_ASKS = (" your cell number", " your cell phone number", " your mobile number",
                     " your mobile phone number", " your cellphone number", " your whatsapp number",
                     " your phone number", " your private number", " your direct number", " ur number",
                     " ihre handynummer", " ihre mobilnummer", " deine handynummer", " deine mobilnummer",
                     " ihre telefonnummer", " ihre whatsapp nummer", " votre numéro de portable",
                     " votre numéro de téléphone", " votre numéro mobile", " ton numéro de portable",
                     " votre numéro whatsapp", " tu número de celular", " tu número de móvil",
                     " tu número de teléfono", " tu número de whatsapp", " su número de celular",
                     " su número de móvil", " su número de teléfono", " su número de whatsapp",
                     " il tuo numero di cellulare", " il tuo numero di telefono", " il suo numero di cellulare",
                     " il tuo numero whatsapp", " seu número de celular", " seu número de telefone",
                     " seu número de whatsapp", " seu celular", " uw mobiele nummer", " uw telefoonnummer",
                     " je mobiele nummer", " je telefoonnummer", " uw gsm nummer", " twój numer telefonu",
                     " pana numer telefonu", " ваш номер телефона", " ваш мобильный номер", " твой номер телефона",
                     " cep numaranızı", " telefon numaranızı", "携帯番号",  # noqa: RUF001
                     "携帯電話番号", "電話番号を教えて",
                     "手机号", "手機號", "电话号码", "電話號碼", "휴대폰 번호", "핸드폰 번호", "전화번호를",
                     "رقم هاتفك", "رقم جوالك", "رقم الواتساب الخاص بك", "رقم موبايلك", "מספר הטלפון שלך",
                     "מספר הנייד שלך", "מספר הפלאפון שלך",
                     # Persian, and the messenger number in Turkish and Polish
                     "شماره تلفن شما", "شماره موبایل شما", "شماره همراه شما", "شماره واتساپ",
                     " whatsapp numaranız", " numer whatsapp")  # noqa: RUF001 - Turkish dotless i

#: A transfer or payment asked for, and asked for now (core/detection/checks/money_ask.py's ASK_URGENT_PAYMENT): stems
#: as normalize() leaves them, a leading space marking a word start (Chinese, Japanese, Arabic and Hebrew stems
#: match anywhere).
PAYMENT_ACT_STEMS = (" wire ", " wire transfer", " bank transfer", " transfer the", " transfer of", " remit",
                     " make a payment", " make the payment", " process a payment", " process the payment",
                     " process a transfer", " überweis", " zahlung", " virement", " paiement", " transferencia",
                     " hacer el pago", " realizar el pago", " bonifico", " pagamento", " transferência",
                     " overmaking", " overmaken", " betaling", " przelew", " płatnoś", " havale", " eft ", " ödeme",
                     " перевод", " оплат", "转账", "汇款", "付款", "振込", "振り込", "送金", "송금", "이체",
                     "تحويل", "الدفع", "העברה בנקאית", "העברת כספים", "תשלום",
                     # the same act in other words: settling, sending, releasing or arranging the money
                     " settle the invoice", " settle the outstanding", " settle the balance", " send the payment",
                     " release the payment", " arrange the payment", " arrange a transfer", " arrange the transfer",
                     " initiate a transfer", " initiate the transfer", " initiate the payment", " effect the payment")
URGENT_STEMS = (" urgent", " asap", " immediately", " right away", " today", " end of day", " within the hour",
                " dringend", " sofort", " heute", " eilig", " immédiatement", " aujourd hui", " aujourdhui",
                " urgente", " hoy ", " inmediat", " oggi", " subito", " hoje", " imediatamente", " vandaag",
                " spoed", " pilne", " pilnie", " dzisiaj", " natychmiast", " acil", " bugün", " hemen", " срочно",
                " dziś", " сегодня", " немедленно", "紧急", "立即", "今天", "马上", "至急", "今日中", "本日中",
                "すぐに", "긴급", "오늘", "امروز", "فوری",
                "즉시", "عاجل", "فورا", "اليوم", "דחוף", "היום", "מיד",
                # "as soon as possible", "without delay", "by close of business"
                " as soon as possible", " without delay", " close of business", " time sensitive", " au plus vite",
                " dès que possible", " lo antes posible", " cuanto antes", " al più presto", " quanto prima",
                " o mais rápido possível", " com urgência", " zo snel mogelijk", " so schnell wie möglich",
                " umgehend", " jak najszybciej", " как можно скорее")

#: Asks for the reader's identity or bank details (core/detection/checks/money_ask.py's ASK_PERSONAL_DETAILS): what an
#: advance-fee, prize or job fraud needs to go on. Stems as normalize() leaves them.
PERSONAL_DETAIL_ASKS = (" your full name", " your full names", " your home address", " your residential address",
                        " your date of birth", " copy of your id",
                        " copy of your passport", " your bank details",
                        " your bank account details", " your account number", " your banking details",
                        " ihren vollständigen namen", " ihre vollständige adresse", " ihre bankverbindung",
                        " ihr geburtsdatum", " kopie ihres ausweises", " kopie ihres reisepasses",
                        " votre nom complet", " votre adresse complète", " votre date de naissance",
                        " vos coordonnées bancaires", " copie de votre pièce d identité", " copie de votre passeport",
                        " su nombre completo", " tu nombre completo", " su dirección completa",
                        " su fecha de nacimiento", " sus datos bancarios", " tus datos bancarios",
                        " copia de su pasaporte", " copia de su documento", " il tuo nome completo",
                        " il suo nome completo", " il tuo indirizzo completo", " la tua data di nascita",
                        " le tue coordinate bancarie", " copia del tuo passaporto", " copia del documento",
                        " seu nome completo", " seu endereço completo", " sua data de nascimento",
                        " seus dados bancários", " cópia do seu passaporte", " cópia do seu documento",
                        " uw volledige naam", " uw volledige adres", " uw geboortedatum", " uw bankgegevens",
                        " kopie van uw paspoort", " twoje pełne imię", " pełne imię i nazwisko",
                        " dane bankowe", " tam adınız", " tam adınızı", " banka bilgileriniz",  # noqa: RUF001
                        " ваше полное имя", " ваш полный адрес", " ваши банковские реквизиты",
                        " копию паспорта", "您的全名", "你的全名", "您的地址", "银行账户信息", "护照复印件",
                        "身份证复印件", "お名前とご住所", "フルネーム", "パスポートのコピー", "口座情報",
                        "성함과 주소", "여권 사본", "계좌 정보", "اسمك الكامل", "عنوانك الكامل", "تفاصيل حسابك المصرفي",
                        "نسخة من جواز سفرك", "שמך המלא", "כתובתך המלאה", "פרטי חשבון הבנק שלך", "צילום דרכון",
                        "نام کامل شما", "آدرس کامل شما", "مشخصات بانکی شما", "کپی پاسپورت")
#: A fee the reader must pay before receiving something (ASK_UPFRONT_FEE): release, clearance, processing,
#: delivery or customs fees of prize, parcel and loan frauds.
UPFRONT_FEE_STEMS = (" processing fee", " release fee", " clearance fee", " handling fee", " delivery fee",
                     " customs fee", " redelivery fee", " transfer fee", " activation fee", " registration fee",
                     " insurance fee", " administrative fee", " legal fee", " courier fee", " shipping fee",
                     " small fee", " bearbeitungsgebühr", " zollgebühr", " freigabegebühr", " versandgebühr",
                     " frais de dossier", " frais de traitement", " frais de douane", " frais de livraison",
                     " frais de libération", " tarifa de procesamiento", " tasa de aduana", " gastos de envío",
                     " gastos de aduana", " tassa di sdoganamento", " spese di spedizione", " diritti doganali",
                     " taxa de processamento", " taxa alfandegária", " taxa de envio", " taxa de liberação",
                     " verwerkingskosten", " douanekosten", " inklaringskosten", " opłata celna",
                     " opłata manipulacyjna", " gümrük ücreti", " işlem ücreti", " таможенный сбор",  # noqa: RUF001
                     " сбор за обработку", "手续费", "清关费", "关税", "手数料", "関税", "수수료", "통관",  # noqa: RUF001
                     "رسوم الجمارك", "رسوم المعالجة", "رسوم التوصيل", "עמלת שחרור", "דמי משלוח", "מכס")

#: What a callback lure tells the reader to phone about (ASK_CALL_ABOUT_CHARGE): a renewal or order to cancel, a
#: charge to dispute or refund, one they "did not authorise". A plumber's quote or a broker's "call me about the
#: premium" has an amount and a number too, but no charge to undo.
CALLBACK_STEMS = (" cancel", " renew", " auto renew", " refund", " dispute", " unauthori", " not authori",
                  " did not make", " didn t make", " did not place", " did not order", " didn t order",
                  " not you", " wasn t you", " not recognize", " don t recognize", " do not recognize",
                  " annul", " renouvel", " rembours", " contest", " kündig", " verlänger", " erstatt", " storn",
                  " widerruf", " cancelar", " cancelación", " renovación", " renovado", " reembolso", " anular",
                  " annullare", " disdett", " rinnov", " rimbors", " renovação", " renovada", " opzeg",
                  " verleng", " terugbetal", " anulow", " odnowi", " zwrot", " iptal", " yenilen", " iade",
                  " отмен", " продлен", " возврат", "取消", "退款", "续订", "解約", "キャンセル", "返金", "更新",
                  "취소", "환불", "갱신", "إلغاء", "استرداد", "تجديد", "ביטול", "החזר", "חידוש")
#: Words of a business document's file name ("Invoice_2291", "Rechnung-04", "PO_77120", "請求書"): a disk image or a
#: OneNote notebook named like one is a disguised loader (core/detection/checks/attachment_content.py). A Latin word
#: starts a word of the name (three letters or fewer: is one); the others match anywhere.
DOCUMENT_NAME_WORDS = ("invoice", "inv", "rechnung", "facture", "factura", "fattura", "fatura", "factuur",
                       "faktura", "order", "bestellung", "commande", "pedido", "ordine", "encomenda", "bestelling",
                       "zamowienie", "siparis", "purchase", "po", "payment", "zahlung", "paiement", "pago",
                       "pagamento", "betaling", "platnosc", "odeme", "remittance", "statement", "kontoauszug",
                       "releve", "extracto", "estratto", "scan", "document", "dokument", "documento", "shipping",
                       "shipment", "delivery", "lieferung", "livraison", "envio", "spedizione", "awb", "dhl", "fedex",
                       "tracking", "receipt", "quittung", "recu", "recibo", "ricevuta", "contract", "vertrag",
                       "contrat", "contrato", "contratto", "quote", "quotation", "angebot", "devis", "presupuesto",
                       "preventivo", "orcamento", "offerte", "voicemail", "fax", "swift", "transfer", "uberweisung",
                       "virement", "transferencia", "bonifico", "payroll", "salary", "gehalt", "salaire", "nomina",
                       "請求書", "発注", "注文", "发票", "發票", "订单", "付款", "支払", "فاتورة", "طلب", "חשבונית",
                       "הזמנה")

#: Open redirects of famous sites abused to hide a phishing link (core/detection/checks/redirect_link.py): the site
#: (or its parent domain) -> the paths that redirect to an address given in the query.
OPEN_REDIRECTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("google.com", "google.co.uk", "google.de", "google.fr", "google.es", "google.it", "google.nl",
                     "google.com.br", "google.co.jp", "google.ru", "google.pl", "google.com.tr", "google.ca",
                     "google.com.au", "google.co.in"), ("/url?", "/url/?", "/amp/s/", "/search?", "/travel/clk?")),
    "bing.com": ("/ck/a?", "/ck/a/?", "/aclick?", "/aclk?", "/news/apiclick.aspx?"),
    "youtube.com": ("/redirect?", "/attribution_link?"),
    "duckduckgo.com": ("/l/?", "/l?"),
    "doubleclick.net": ("/pcs/click?", "/aclk?", "/ddm/clk/", "/ddm/trackclk/", "/searchads/link/click?"),
    "facebook.com": ("/l.php?", "/flx/warn/?"),
    "linkedin.com": ("/slink?", "/redir/redirect?", "/authwall?"),
    "yandex.ru": ("/clck/jsredir?", "/redirect?"),
    "baidu.com": ("/link?",),
    "naver.com": ("/redirect?",),
    "href.li": ("/?",),
    "t.umblr.com": ("/redirect?",),
    "googleadservices.com": ("/pagead/aclk?",),
    "adnxs.com": ("/clktrb?",),
}

#: The same service words in the other languages Mailward's users write ("PayPal Kundenservice", "Équipe Netflix",
#: "Servicio al cliente de Amazon", "Apple サポート", "فريق PayPal"), as core.detection.brands.display_words leaves
#: them (lower case, accents and other combining marks removed: "サポート" reads "サホート"); a brand display name in
#: those words is as foreign as in English.
_SERVICE_WORDS_INTL = (
    "kundenservice", "kundendienst", "kundenkonto", "kundensupport", "sicherheit", "sicherheitsteam",
    "sicherheitsdienst", "konto", "abteilung", "benachrichtigung", "zahlung", "zahlungen", "rechnung",
    "rechnungen", "versand", "paket", "sendung", "zustellung", "kunden", "das", "der", "die", "und", "ihr",
    "equipe", "servicio", "atencion", "cliente", "clientes", "al", "de", "del", "la", "le", "les", "des", "du", "el",
    "los", "et", "y", "e", "da", "do", "dos", "securite", "compte", "facturation", "paiement", "paiements",
    "livraison", "colis", "soporte", "seguridad", "cuenta", "facturacion", "pago", "pagos", "envio", "envios",
    "paquete", "servizio", "clienti", "assistenza", "sicurezza", "conto", "fatturazione", "pagamento",
    "pagamenti", "spedizione", "spedizioni", "pacco", "atendimento", "suporte", "seguranca", "conta",
    "faturamento", "entrega", "encomenda", "equipa", "klantenservice", "beveiliging", "rekening", "betaling",
    "betalingen", "levering", "pakket", "van", "het", "obsluga", "klienta", "bezpieczenstwo", "platnosci",
    "dostawa", "paczka", "zespol", "musteri", "hizmetleri", "destek", "guvenlik", "hesap", "odeme", "kargo",
    "ekibi", "служба", "поддержки", "поддержка", "безопасности", "безопасность", "клиентов", "аккаунт",
    "платежи", "доставка", "команда", "онлайн", "客服", "客户服务", "客服中心", "安全中心", "团队", "支持", "服务",
    "サポート", "カスタマーサポート", "セキュリティ", "チーム", "お客様センター", "事務局", "고객센터", "보안팀",
    "지원", "팀", "فريق", "خدمة", "العملاء", "الدعم", "الأمان", "حماية", "الحساب", "צוות", "שירות", "לקוחות",
    "תמיכה", "אבטחה", "החשבון",
    # Swedish, Danish, Norwegian (the Nordic posts and tax offices)
    "kundservice", "kundeservice", "kundtjänst", "kundesenter",
)
BRAND_SERVICE_WORDS = BRAND_SERVICE_WORDS | frozenset(
    "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)) for w in _SERVICE_WORDS_INTL)

