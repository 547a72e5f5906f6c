"""Letters people write: to friends and family, and to business contacts.

Slots: {first} the recipient's given name, {me} the sender's given name, {day} a weekday, {date} a date,
{biz} the sender's business, {amount} a sum.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

PERSONAL: dict[str, list[tuple[str, str]]] = {
    "en": [("Saturday?", "Are you still up for Saturday? I thought we could walk along the canal to Kirkstall and "
            "have lunch at that pub with the garden, then get the bus back if the weather turns.\n\nLet me know!"),
           ("Photos from the weekend", "Finally sorted through the photos. The one of you and the goat is my "
            "favourite, obviously. I've put them all in a shared album; the link is in the WhatsApp group.\n\n"
            "Thanks again for having us, the kids haven't stopped talking about it."),
           ("Mum's birthday", "Quick one: I've booked a table for Mum's birthday on the 14th, 7pm, at the "
            "Italian place she likes. Can you pick up the cake on your way? I'll sort the card.\n\nxx"),
           ("Long time!", "It's been far too long. How's the new job? I'm in London for a conference on {date} and "
            "would love to catch up if you're free for a coffee or a drink.\n\nNo pressure if it's "
            "a busy week."),
           ("Recipe", "Here's the soup recipe you asked for. Don't skip roasting the squash first, it makes all "
            "the difference. I use a bit less stock than it says.\n\n- 1 butternut squash\n- 2 onions\n"
            "- 1 tsp cumin\n- 750 ml stock\n\nEnjoy!")],
    "de": [("Samstag", "hast du am Samstag Zeit? Wir wollten mit den Rädern an den Kaiserstuhl und dort "
            "einkehren. Start wäre gegen 10 Uhr am Bahnhof.\n\nSag einfach kurz Bescheid."),
           ("Danke!", "vielen Dank noch mal für den schönen Abend! Das Risotto war großartig, ich brauche "
            "unbedingt das Rezept.\n\nBeim nächsten Mal kocht ihr bei uns."),
           ("Umzug", "wie versprochen die neue Adresse: ab dem 1. wohnen wir in der Lindenstraße 14. Die Kisten "
            "sind fast alle gepackt, und wir freuen uns über jede helfende Hand am {day}.")],
    "fr": [("Dimanche", "Tu es libre dimanche midi ? On pensait faire un pique-nique au parc de la Tête d'Or si "
            "le temps le permet. Apporte ta fameuse tarte !\n\nBises"),
           ("Nouvelles", "Ça fait longtemps que je voulais t'écrire. Ici tout va bien, les enfants ont repris "
            "l'école et j'ai enfin commencé la poterie le jeudi soir.\n\nEt toi, comment se passe le nouveau "
            "poste ?"),
           ("Merci pour le week-end", "Encore merci pour l'accueil, c'était parfait. Les photos sont sur le "
            "drive partagé. On vous attend en Bretagne cet été !")],
    "es": [("¿Quedamos el viernes?", "¿Te apetece quedar el viernes para cenar? Han abierto un sitio nuevo de "
            "tapas cerca de la plaza y dicen que está muy bien.\n\nDime algo y reservo."),
           ("Fotos de la boda", "Por fin he pasado las fotos de la boda al ordenador. Hay algunas vuestras "
            "preciosas. Te las mando por aquí en cuanto las comprima un poco.\n\nUn beso"),
           ("Cumpleaños de papá", "He pensado que podríamos regalarle a papá unas clases de cocina. Si te parece "
            "bien, lo pagamos a medias: sale a {amount} cada uno.")],
    "ar": [("عزومة يوم الجمعة", "كيف حالك؟ حابين نعزمكم على الغداء يوم الجمعة بعد الصلاة. الأولاد متشوقين "
            "يشوفوا أولادكم.\n\nبلغني إذا الوقت مناسب."),
           ("صور الرحلة", "أرسلت لك صور رحلتنا إلى البحر الميت عبر الرابط المشترك. أتمنى أن تعجبك!\n\n"
            "اشتقنا لكم كثيراً.")],
    "he": [("ארוחת שישי", "מה שלומך? רצינו להזמין אתכם לארוחת שישי אצלנו בשבוע הבא. תגידו אם מתאים לכם.\n\n"
            "נשיקות"),
           ("תמונות מהטיול", "העליתי את כל התמונות מהטיול לגליל לתיקייה משותפת. תעדכנו אותי אם הקישור לא עובד.")],
    "ja": [("先日はありがとう", "先日は遠いところ来てくれてありがとう。久しぶりにゆっくり話せて楽しかったです。\n"
            "写真を共有アルバムに入れておいたので、時間のあるときに見てみてね。\n\nまた近いうちに会いましょう。"),
           ("来週の件", "来週の土曜日、予定どおり10時に駅の改札前で待ち合わせでいいかな？\n"
            "雨だったら美術館に変更しましょう。")],
    "zh": [("周末聚餐", "周六晚上有空吗？我们几个老同学想一起吃个饭，地点在上次那家湘菜馆，六点半。\n\n"
            "能来的话回我一下。"),
           ("照片", "上次出游的照片我整理好了，已经放在共享相册里，你有空看看。\n\n下次再约！")],
}

# (sectors that would write it, or "any"; subject; body): the sender's side of a business exchange
BUSINESS: dict[str, list[tuple[tuple[str, ...], str, str]]] = {
    "en": [(("agency", "firm"), "Quote for the shop fit-out", "Thanks for sending the drawings. Based on what we "
            "discussed, our quote comes to {amount} plus VAT, including installation. We could start on {date}.\n\n"
            "Happy to go through it on a call if that's easier."),
           (("any",), "Meeting next week", "Would {day} at 10:30 work for a quick meeting about the spring plans? "
            "We can do it at our place or on a video call, whichever suits you."),
           (("shop", "restaurant"), "Delivery schedule", "As of next month we'll deliver on Tuesdays and Fridays "
            "instead of Mondays and Thursdays. Orders for Tuesday need to reach us by Sunday 6pm.\n\nPlease let me "
            "know if this causes any problems on your side."),
           (("agency",), "Outstanding items", "Following our call, here is what is still open on our side:\n\n"
            "1. Final copy for the About page\n2. Product photos for the autumn range\n3. Decision on the booking "
            "plug-in\n\nCould you send 1 and 2 by {date}?"),
           (("any",), "Invoice query", "I think there's a small mistake on your last invoice: we were charged for "
            "two deliveries in week 9 but only received one. Could you check and send a corrected copy?"),
           (("clinic", "hotel", "school", "club"), "Group booking", "We'd like to confirm the group booking for "
            "{date}: 12 people, as discussed. A deposit of {amount} will follow this week.")],
    "de": [(("any",), "Ihr Angebot", "vielen Dank für Ihr Angebot vom letzten Donnerstag. Wir würden den Auftrag "
            "gern vergeben, möchten aber vorher noch kurz über den Liefertermin sprechen.\n\nPasst Ihnen ein "
            "Telefonat am {day}?"),
           (("firm",), "Unterlagen für den Jahresabschluss", "für den Jahresabschluss benötigen wir noch folgende "
            "Unterlagen:\n\n- Kontoauszüge Dezember\n- Inventurliste zum 31.12.\n- Kassenbuch\n\nBitte senden "
            "Sie uns diese bis zum {date} zu."),
           (("any",), "Terminvorschlag", "gern können wir uns am {day} um 14 Uhr bei uns treffen. Bitte geben Sie "
            "mir kurz Bescheid, ob Ihnen der Termin passt."),
           (("shop", "clinic", "hotel"), "Rechnung Nr. 4471", "bei Ihrer Rechnung Nr. 4471 ist uns aufgefallen, dass "
            "die Lieferung vom 3. doppelt berechnet wurde. Könnten Sie das bitte prüfen und uns eine korrigierte "
            "Rechnung schicken?")],
    "fr": [(("firm",), "Devis escalier", "Suite à notre visite de mardi, veuillez trouver ci-dessous notre "
            "proposition : escalier en chêne massif, pose comprise, pour {amount} TTC. Délai de fabrication : cinq "
            "semaines.\n\nJe reste à votre disposition pour en discuter."),
           (("any",), "Rendez-vous", "Seriez-vous disponible {day} à 10 h pour faire le point ? Nous pouvons aussi "
            "échanger par téléphone si c'est plus simple."),
           (("any",), "Commande du mois prochain", "Je vous confirme notre commande pour le mois prochain, "
            "identique à celle de mars. Merci de nous indiquer la date de livraison prévue.")],
    "es": [(("any",), "Presupuesto", "Como acordamos por teléfono, te envío el presupuesto: {amount} más IVA, con "
            "un plazo de dos semanas.\n\nQuedo a tu disposición para cualquier duda."),
           (("any",), "Reunión", "¿Os viene bien el {day} a las 11:00 para revisar el calendario del trimestre?")],
    "ar": [(("any",), "عرض سعر", "بالإشارة إلى طلبكم، يسعدنا تقديم عرض السعر المطلوب بمبلغ {amount}. العرض ساري "
            "لمدة 30 يوماً.\n\nنحن في انتظار ردكم."),
           (("any",), "موعد اجتماع", "نقترح عقد اجتماع يوم {day} الساعة العاشرة صباحاً لمناقشة تفاصيل التعاون. "
            "يرجى تأكيد الموعد.")],
    "he": [(("any",), "הצעת מחיר", "בהמשך לשיחתנו, זו הצעת המחיר שביקשת: {amount} בתוספת מע\"מ. זמן אספקה משוער: "
            "שלושה שבועות.\n\nאשמח לענות על כל שאלה."),
           (("any",), "פגישה", "מתאים לך להיפגש ב{day} בעשר בבוקר? אפשר גם בזום.")],
    "ja": [(("any",), "お見積もりの件", "いつもお世話になっております。\nご依頼いただいた件のお見積もりは、"
            "{amount}（税込）となります。納期は約3週間を予定しております。\n\nご検討のほど、よろしくお願いいたします。"),
           (("any",), "打ち合わせ日程のご相談", "お世話になっております。\n次回の打ち合わせですが、{day}の14時は"
            "いかがでしょうか。")],
    "zh": [(("any",), "报价单", "您好！关于贵公司的需求，我们的报价为{amount}，含税，交货期约两周。\n\n"
            "如有问题请随时联系。"),
           (("any",), "会议安排", "您好，下周{day}上午十点方便开个短会吗？主要讨论下季度的合作计划。")],
}

ROLES = {"en": ["Office manager", "Director", "Project manager", "Sales"], "de": ["Geschäftsführung", "Vertrieb",
         "Steuerberaterin", "Büro"], "fr": ["Gérant", "Service commercial"], "es": ["Gerente", "Administración"],
         "ar": ["المدير العام", "قسم المبيعات"], "he": ["מנהל", "מכירות"], "ja": ["代表", "営業担当"],
         "zh": ["总经理", "销售部"]}
DISCLAIMER = {
    "en": "This message and any attachments are confidential and meant only for the person it is addressed to. "
          "If it reached you by mistake, please tell the sender and delete it.",
    "de": "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, "
          "informieren Sie bitte den Absender und löschen Sie diese E-Mail.",
    "fr": "Ce message et ses pièces jointes sont confidentiels. Si vous l'avez reçu par erreur, merci d'en "
          "avertir l'expéditeur et de le supprimer.",
    "es": "Este mensaje es confidencial. Si lo has recibido por error, avisa al remitente y bórralo."}
PARTNERS = {"en": ["northfield-supplies.example", "brightside-print.example", "oakandiron.example"],
            "de": ["kraemer-druck.example", "holzbau-schmid.example", "gastro-service-ost.example"],
            "fr": ["imprimerie-dupont.example", "cave-des-vignerons.example"],
            "es": ["distribuciones-sur.example", "hosteleria-malaga.example"],
            "ar": ["gulf-trading.example", "nile-office.example"], "he": ["levy-print.example"],
            "ja": ["sato-shoji.example", "kyoto-kougei.example"], "zh": ["hengda-trading.example"]}
