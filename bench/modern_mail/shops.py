"""What the shops sell and who carries their parcels (links to the carriers' own tracking pages)."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

import random

PRODUCTS: dict[str, list[tuple[str, float]]] = {
    "busybee": [("Sourdough loaf", 4.5), ("Cinnamon buns (box of 4)", 9.0), ("Lemon drizzle cake", 18.0),
                ("Seeded rye", 4.8), ("Brownie tray", 16.5), ("Gift voucher", 25.0)],
    "trailhd": [("Ultralight 2P tent", 349.0), ("Merino base layer", 89.95), ("Trekking poles (pair)", 129.0),
                ("Water filter", 44.95), ("Headlamp 400 lm", 39.99), ("Down jacket", 219.0)],
    "backmuel": [("Dinkel-Vollkornbrot", 4.9), ("Butterbrezeln (6 Stück)", 5.4), ("Schwarzwälder Kirschtorte", 32.0),
                 ("Butterstollen 750 g", 18.5), ("Roggenmischbrot", 4.2)],
    "fromlef": [("Comté 24 mois (250 g)", 9.8), ("Brie de Meaux fermier", 12.5),
                ("Plateau découverte 5 fromages", 39.0),
                ("Beurre demi-sel", 4.6), ("Roquefort AOP 200 g", 7.9)],
    "olivar": [("Aceite de oliva virgen extra 5 L", 42.0), ("Picual cosecha temprana 500 ml", 14.5),
               ("Estuche regalo 3 botellas", 36.0), ("Aceitunas aliñadas 450 g", 8.2)],
    "royaloud": [("عود كمبودي فاخر 12 مل", 650.0), ("دهن العود الملكي 3 مل", 420.0), ("بخور معطر 50 غ", 180.0),
                 ("مبخرة نحاسية", 240.0)],
    "noabooks": [("הרומן החדש - כריכה רכה", 89.9), ("ספר ילדים מאויר", 64.0), ("חוברת עבודה לכיתה ג׳", 39.9),
                 ("כרטיס מתנה", 100.0)],
    "yamadaen": [("静岡煎茶 特上 100g", 1620.0), ("深蒸し茶 ティーバッグ 30包", 1080.0), ("抹茶 30g缶", 2160.0),
                 ("ほうじ茶 200g", 864.0), ("急須（常滑焼）", 4950.0)],
    "qingfeng": [("明前西湖龙井 250克", 468.0), ("安吉白茶 100克", 198.0), ("九曲红梅 礼盒", 328.0), ("紫砂壶", 560.0)],
}

# (carrier name, tracking URL with {code}, code pattern: L = letter, D = digit)
CARRIERS: dict[str, list[tuple[str, str, str]]] = {
    "GBP": [("Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{code}", "LLDDDDDDDDDGB"),
            ("Evri", "https://www.evri.com/track/parcel/{code}", "HDDDDDDDDDDDDDDDD")],
    "USD": [("UPS", "https://www.ups.com/track?tracknum={code}", "1ZDDDDDDDDDDDDDDDD"),
            ("USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={code}", "9400DDDDDDDDDDDDDDDDDD")],
    "EUR-de": [("DHL", "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={code}",
                "00340434DDDDDDDDDDDD"),
               ("DPD", "https://tracking.dpd.de/status/de_DE/parcel/{code}", "0DDDDDDDDDDDDD")],
    "EUR-fr": [("Colissimo", "https://www.laposte.fr/outils/suivre-vos-envois?code={code}", "6ADDDDDDDDDDD"),
               ("Chronopost", "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT={code}",
                "XLDDDDDDDDDFR")],
    "EUR-es": [("Correos", "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={code}",
                "PQLDDDDDDDDDDDDD"),
               ("SEUR", "https://www.seur.com/livetracking/?segOnlineIdentificador={code}", "DDDDDDDDDDDDDD")],
    "AED": [("Aramex", "https://www.aramex.com/ae/en/track/results?ShipmentNumber={code}", "DDDDDDDDDDD")],
    "ILS": [("דואר ישראל", "https://mypost.israelpost.co.il/itemtrace?itemcode={code}", "RRDDDDDDDDDIL")],
    "JPY": [("ヤマト運輸", "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number00=1&number01={code}",
             "DDDDDDDDDDDD"),
            ("日本郵便", "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={code}",
             "DDDDDDDDDDDD")],
    "CNY": [("顺丰速运", "https://www.sf-express.com/chn/sc/waybill/waybill-detail/{code}", "SFDDDDDDDDDDDDD"),
            ("中通快递", "https://www.zto.com/express/expressCheck.html?txtBill={code}", "7DDDDDDDDDDDDD")],
}


def carriers_for(currency: str, lang: str) -> list[tuple[str, str, str]]:
    """The carriers a shop with that currency and language uses."""
    if currency == "EUR":
        return CARRIERS.get(f"EUR-{lang}", CARRIERS["EUR-de"])
    return CARRIERS.get(currency, CARRIERS["USD"])

# delivery addresses of customers, per language (invented streets in real towns)
STREETS: dict[str, list[str]] = {
    "en": ["27 Alma Road, Headingley, Leeds LS6 2AH", "1180 Pearl St, Apt 3B, Boulder, CO 80302",
           "9 Orchard Close, Harrogate HG2 8QT", "455 Elm Avenue, Evanston, IL 60202"],
    "de": ["Kastanienallee 12, 10435 Berlin", "Am Mühlbach 3, 79194 Gundelfingen", "Goethestraße 88, 60313 Frankfurt"],
    "fr": ["8 rue Paul Bert, 69003 Lyon", "14 avenue Jean Jaurès, 33000 Bordeaux", "3 impasse des Lilas, 35000 Rennes"],
    "es": ["Calle Mayor 21, 3.º B, 28013 Madrid", "Avinguda Diagonal 402, 08037 Barcelona",
           "Calle San Fernando 7, 41004 Sevilla"],
    "ar": ["دبي، الكرامة، شارع 18، فيلا 7", "أبوظبي، شارع الخليج العربي، بناية 22", "الشارقة، المجاز 2، شقة 404"],
    "he": ["רחוב ויצמן 14, כפר סבא", "שדרות ירושלים 45, יפו", "רחוב הנביאים 9, ירושלים"],
    "ja": ["〒160-0022 東京都新宿区新宿3-1-1", "〒530-0001 大阪府大阪市北区梅田2-4-9",
           "〒980-0811 宮城県仙台市青葉区一番町1-9"],
    "zh": ["北京市朝阳区建国路88号SOHO现代城2号楼1203", "广东省深圳市南山区科技园南路15号",
           "上海市静安区南京西路1266号"],
}


def tracking_code(pattern: str, rng: random.Random) -> str:
    """A tracking number from a pattern: L = capital letter, D = digit, anything else as is."""
    out = []
    for ch in pattern:
        out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if ch == "L" else rng.choice("0123456789") if ch == "D"
                   else ch)
    return "".join(out)
