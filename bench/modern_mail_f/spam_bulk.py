# ruff: noqa: RUF001 (the text is written in other scripts on purpose: Turkish, Greek, CJK punctuation)
"""Set F's bulk spam from broken-into accounts: pharmacy, SEO and web services, casino, replicas, adult dating,
counterfeit shop sales, fake reviews, data lists."""

from __future__ import annotations

from bench.modern_mail_f.spam_build import BadFamily, Text

_BULK = ("php", "cron", "intruder")

FAMILIES = (
    BadFamily("bulk_pharma", "bulk", {
        "en": Text(("Generic meds at 80% off", "No prescription needed - discreet shipping", "Men's health special"),
                   ("Hi,", ""), ("Brand quality pills, no doctor visit, delivered in discreet packaging worldwide.",
                                 "Sildenafil, tadalafil, modafinil and more from a licensed overseas pharmacy."),
                   ("Order here: {link}",), ("Unsubscribe: reply STOP",), ("Shop now",)),
        "de": Text(("Medikamente ohne Rezept",), ("",), ("Potenzmittel diskret und günstig, ohne Rezept.",),
                   ("Jetzt bestellen: {link}",), ("",), ("Bestellen",))},
        ("Online Pharmacy", "Men's Health", "MedsDirect"), slug="rx", html=0.6, via=_BULK, blast=True),
    BadFamily("bulk_seo", "bulk", {
        "en": Text(("Your website is not ranking on Google", "Quick question about {email}",
                    "Page 1 guaranteed in 30 days"),
                   ("Hello,", "Hi there,"),
                   ("I noticed your website is missing from the first page for your main keywords. We can fix that "
                    "with white-hat backlinks and on-page work.", "We build high-authority guest posts on news "
                                                                  "sites, DA 50+, from $35 per link."),
                   ("Reply 'yes' for a free audit.", "See our packages: {link}"), ("Best,\nDigital Growth Team",),
                   ("Get audit",))},
        ("SEO Expert", "Digital Growth", ""), slug="seo", html=0.3, via=_BULK, blast=True),
    BadFamily("bulk_casino", "bulk", {
        "en": Text(("500 free spins are waiting", "Your welcome bonus: 200% up to $1,000"),
                   ("",), ("Join the hottest new online casino and get your welcome package today. Instant "
                           "withdrawals, no KYC.",), ("Play now: {link}",), ("18+ gamble responsibly",),
                   ("Play now",)),
        "de": Text(("500 Freispiele warten",), ("",), ("Neues Online-Casino ohne Limit, sofortige Auszahlung.",),
                   ("Jetzt spielen: {link}",), ("",), ("Spielen",)),
        "pl": Text(("Bonus powitalny 200%",), ("",), ("Nowe kasyno online, wypłaty natychmiast.",),
                   ("Graj teraz: {link}",), ("",), ("Graj",))},
        ("Lucky Spin Casino", "VIP Club"), slug="casino", html=0.9, via=_BULK, blast=True),
    BadFamily("bulk_replica", "bulk", {
        "en": Text(("Luxury watches at 10% of retail", "Designer bags clearance"),
                   ("",), ("Swiss-made look, sapphire glass, the same weight as the original. Free shipping today.",),
                   ("Browse the catalogue: {link}",), ("",), ("Shop",))},
        ("Replica Store", "Luxury Outlet"), slug="watch", html=0.8, via=_BULK, blast=True),
    BadFamily("bulk_adult_dating", "bulk", {
        "en": Text(("3 women near you want to chat", "Someone sent you a private photo"),
                   ("Hey,",), ("Lonely singles in your area are online right now. No strings attached.",),
                   ("See who messaged you: {link}",), ("",), ("View profile",)),
        "fr": Text(("Des célibataires près de chez vous",), ("Salut,",),
                   ("Des femmes de votre ville veulent discuter.",),
                   ("Voir les profils : {link}",), ("",), ("Voir",))},
        ("Local Singles", "Date Night"), slug="date", html=0.7, via=_BULK, blast=True),
    BadFamily("bulk_fake_shop", "bulk", {
        "en": Text(("Closing sale: everything 90% off", "Running shoes from $29 - last day"),
                   ("",), ("Our warehouse is closing and all stock must go. Top brands at unbelievable prices.",),
                   ("Shop before midnight: {link}",), ("",), ("Shop now",)),
        "de": Text(("Lagerräumung: alles -90%",), ("",), ("Markenschuhe und Jacken zu Schleuderpreisen.",),
                   ("Zum Shop: {link}",), ("",), ("Zum Shop",)),
        "nl": Text(("Opheffingsuitverkoop -85%",), ("",), ("Alle merkkleding moet weg.",), ("Naar de shop: {link}",),
                   ("",), ("Shop",)),
        "ko": Text(("창고 정리 세일 최대 90%",), ("",), ("명품 신발과 가방을 파격가에 판매합니다.",),
                   ("지금 구매하기: {link}",), ("",), ("구매",))},
        ("Outlet Store", "Brand Warehouse"), slug="outlet", html=0.9, via=_BULK, blast=True),
    BadFamily("bulk_reviews", "bulk", {
        "en": Text(("Buy 5-star Google reviews", "Boost your rating today"),
                   ("Hello business owner,",), ("We provide real-looking 5-star reviews from local accounts, "
                                                "drip-fed so they never get removed. 50 reviews for $99.",),
                   ("Order on Telegram or at {link}",), ("",), ("Order",))},
        ("Review Boost", ""), slug="reviews", html=0.4, via=_BULK, blast=True),
    BadFamily("bulk_leads", "bulk", {
        "en": Text(("Verified email lists - 2026 update", "10 million B2B contacts for $199"),
                   ("Hi,",), ("Targeted lists of decision makers by country and industry, updated monthly, with "
                              "phone numbers.",), ("Samples: {link}",), ("",), ("Get samples",)),
        "zh": Text(("2026最新企业邮箱名录",), ("您好，",), ("提供各行业决策人邮箱及电话，每月更新。",),
                   ("样本下载：{link}",), ("",), ("下载",)),
        "ru": Text(("Базы email для рассылок",), ("Здравствуйте,",), ("Актуальные базы компаний по всем регионам.",),
                   ("Подробнее: {link}",), ("",), ("Подробнее",))},
        ("Data Lists", "B2B Leads"), slug="leads", html=0.3, via=_BULK, blast=True),
)
