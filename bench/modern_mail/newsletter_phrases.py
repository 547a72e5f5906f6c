"""Newsletter issues per language: (tags, subject, preheader, sections [(heading, text)], call to action).

Tags say which businesses would send the issue: shop, book (clinic, hotel, restaurant), club, school, agency,
or any. {biz} is the sender's name, {month} the month name.
"""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

Issue = tuple[tuple[str, ...], str, str, list[tuple[str, str]], str]

NEWS: dict[str, list[Issue]] = {
    "en": [
        (("shop",), "New this month at {biz} 🌱", "Fresh arrivals, a free-delivery weekend and a story from the team",
         [("Just in", "Our spring range is finally here, and a few favourites from last year are back by popular "
           "demand. Stock is limited, so don't wait too long."),
          ("Free delivery weekend", "From Friday to Sunday, every order ships free, whatever the size. No code "
           "needed: the discount is applied at checkout."),
          ("Behind the counter", "This month one of our team tells us how she ended up working here after "
           "answering a handwritten note in the window.")], "Shop the new range"),
        (("shop",), "Last chance: 15% off ends tonight", "The offer closes at midnight",
         [("Ends at midnight", "Our birthday offer of 15% off everything ends tonight. Use code THANKYOU15 at "
           "checkout.")], "Use my discount"),
        (("club",), "{biz} news – {month}", "Work party, seed swap and the water troughs",
         [("Work party on Saturday", "We're clearing the hedge along the north path from 10am. Bring gloves; "
           "tea and cake provided."),
          ("Seed swap", "The annual seed swap is in the hut on the 22nd. Label your packets with the variety and "
           "the year you saved them."),
          ("Water troughs", "The troughs are being refilled from next week. Please report any leaks to the "
           "committee.")], "See the full calendar"),
        (("book",), "New timetable from next month", "Evening slots, a new team member and holiday hours",
         [("More evening slots", "By popular request we're adding evening sessions on Tuesdays and Thursdays. "
           "Booking opens today."),
          ("Welcome, Megan", "Megan joins the team after six years in a busy city practice. Say hello next time "
           "you're in!"),
          ("Holiday hours", "We'll be closed on the bank holiday Monday and open as normal for the rest of the "
           "week.")], "Book online"),
        (("agency", "school"), "What we learned rebuilding 40 small-business websites",
         "Speed, accessibility and the plugins we no longer install",
         [("Speed is a feature", "Half of the sites we took over loaded in more than six seconds on a phone. "
           "Here's what made the biggest difference, in order."),
          ("Accessibility basics", "Colour contrast, real buttons and alt text fix most of the problems we see. "
           "None of it is expensive."),
          ("Our plugin diet", "We now start every project with eight plugins or fewer. The full list is on the "
           "blog.")], "Read the full article"),
        (("any",), "{biz}: your {month} update", "A short round-up of what's new",
         [("What's new", "A quick round-up of what we've been up to this month, and a few dates for your diary."),
          ("Dates", "We're closed on the 17th for staff training. Everything else runs as usual.")], "Read more")],
    "de": [
        (("shop",), "Neu bei {biz}: Frühlingsbrote und Osterbestellungen", "Jetzt vorbestellen",
         [("Unsere Frühlingsbrote", "Ab sofort gibt es wieder das Bärlauchbrot und das Karotten-Walnuss-Brot, "
           "solange der Bärlauch reicht."),
          ("Osterbestellungen", "Hefezöpfe und Osterlämmer können Sie bis Gründonnerstag, 12 Uhr, online "
           "vorbestellen.")], "Jetzt vorbestellen"),
        (("club",), "Vereinsnachrichten {month}", "Mitgliederversammlung, Sommerfest und neue Trainingszeiten",
         [("Mitgliederversammlung", "Die ordentliche Mitgliederversammlung findet am 21. im Vereinsheim statt. "
           "Die Tagesordnung hängt im Schaukasten aus."),
          ("Neue Trainingszeiten", "Die E-Jugend trainiert ab sofort dienstags und donnerstags von 17 bis "
           "18:30 Uhr.")], "Zum Vereinskalender"),
        (("book",), "Neuigkeiten von {biz}", "Online-Terminbuchung und Betriebsurlaub",
         [("Termine jetzt online buchen", "Ab sofort können Sie Ihre Termine rund um die Uhr online buchen "
           "oder verschieben."),
          ("Betriebsurlaub", "Vom 4. bis 15. August haben wir geschlossen. Dringende Anfragen beantworten wir "
           "ab dem 18. August.")], "Termin buchen"),
        (("any",), "{biz} – Neuigkeiten im {month}", "Was es Neues gibt",
         [("Kurz notiert", "Hier sind die wichtigsten Neuigkeiten des Monats für Sie zusammengefasst.")],
         "Mehr erfahren")],
    "fr": [
        (("shop",), "Les fromages du mois chez {biz}", "Sélection de saison et dégustation samedi",
         [("La sélection de saison", "Ce mois-ci, place aux chèvres frais de la Drôme et à un Comté de 30 mois "
           "d'une petite fruitière du Jura."),
          ("Dégustation samedi", "Venez goûter nos accords fromages et vins samedi de 11 h à 13 h, en boutique.")],
         "Découvrir la sélection"),
        (("book",), "Les dernières disponibilités de l'été", "Quelques semaines encore libres",
         [("Disponibilités", "Il nous reste quelques semaines en juin et en septembre. Les tarifs hors saison "
           "s'appliquent jusqu'au 30 juin."),
          ("Nouveau", "La piscine est désormais chauffée d'avril à octobre.")], "Réserver"),
        (("club", "any"), "La lettre de {biz} – {month}", "Visites, conférence et assemblée générale",
         [("Prochaines visites", "Visite guidée des traboules le samedi 15 à 14 h, départ place du Change."),
          ("Assemblée générale", "L'assemblée générale se tiendra le 28 à 18 h 30 à la mairie du 5e.")],
         "Voir le programme")],
    "es": [
        (("shop",), "Ya está aquí el aceite de cosecha temprana", "Edición limitada, recién salida de la almazara",
         [("Cosecha temprana", "Este año hemos embotellado solo 2.000 botellas de Picual temprano. Aroma a "
           "tomatera y hierba recién cortada."),
          ("Envío gratis", "Hasta el domingo, envío gratis a península en pedidos desde 40 €.")], "Comprar ahora"),
        (("book",), "Novedades de {month}", "Horario de verano y nuevos servicios",
         [("Horario de verano", "Del 1 de julio al 31 de agosto abrimos de lunes a viernes de 9:00 a 15:00."),
          ("Nuevo servicio", "Ya puedes pedir cita online para revisión y limpieza.")], "Pedir cita"),
        (("school", "any"), "Matrícula abierta: cursos de verano", "Plazas limitadas",
         [("Cursos intensivos", "Inglés, francés y alemán en grupos reducidos de máximo 8 personas."),
          ("Descuento", "10 % de descuento si te matriculas antes del 15 de mayo.")], "Ver cursos")],
    "ar": [
        (("shop", "any"), "وصل حديثاً: تشكيلة رمضان من {biz}", "عروض خاصة لفترة محدودة",
         [("تشكيلة رمضان", "اكتشف تشكيلتنا الجديدة من دهن العود والبخور الفاخر، مع تغليف هدايا مجاني."),
          ("توصيل مجاني", "توصيل مجاني داخل الإمارات للطلبات فوق 300 درهم.")], "تسوق الآن"),
        (("book",), "نشرة {biz} الصحية", "نصائح الشهر ومواعيد العيادات",
         [("نصيحة الشهر", "الفحص الدوري مرة كل ستة أشهر يساعد على اكتشاف المشاكل مبكراً."),
          ("مواعيد العيادات", "تعمل العيادات خلال العيد من الساعة 10 صباحاً حتى 4 مساءً.")], "احجز موعداً")],
    "he": [
        (("shop", "any"), "חדש על המדף ב{biz}", "ספרים חדשים ומפגש עם סופרת",
         [("חדש על המדף", "הגיעו השבוע הרומנים החדשים של האביב ועוד ספרי ילדים מאוירים."),
          ("מפגש עם סופרת", "ביום חמישי בשעה 19:30 נארח ערב קריאה בחנות. הכניסה חופשית.")], "לכל החדשים"),
        (("book", "agency"), "עדכונים מ{biz}", "שעות פעילות חדשות",
         [("שעות פעילות", "החל מהחודש הבא נפתח גם בימי שישי בבוקר."),
          ("תזכורת", "אפשר לקבוע ולשנות תורים באתר בכל שעה.")], "קביעת תור")],
    "ja": [
        (("shop",), "【{biz}】新茶のご予約受付を開始しました", "今年の新茶は4月下旬からお届けします",
         [("新茶ご予約受付中", "今年も新茶の季節がやってまいりました。ご予約いただいた方には摘みたての新茶を"
           "いち早くお届けいたします。"),
          ("送料無料キャンペーン", "5月末まで、5,000円以上のご注文で送料無料となります。")], "ご予約はこちら"),
        (("book",), "【{biz}】{month}のお知らせ", "新メニューと休業日のご案内",
         [("新メニューのご案内", "ご好評につき、新しいメニューをご用意いたしました。"
           "詳しくはウェブサイトをご覧ください。"),
          ("休業日のご案内", "設備点検のため、第3水曜日は休業とさせていただきます。")], "詳しく見る"),
        (("any",), "{biz} メールマガジン {month}号", "今月のお知らせ",
         [("今月のお知らせ", "いつも{biz}をご愛顧いただき、誠にありがとうございます。今月のお知らせをお届けします。")],
         "ウェブサイトを見る")],
    "zh": [
        (("shop",), "【{biz}】明前新茶预售开启", "限量预售，先到先得",
         [("明前龙井预售", "今年的明前龙井已开始预售，预计4月初发货，数量有限。"),
          ("会员福利", "会员下单满300元即送品鉴装一份。")], "立即预订"),
        (("book", "school", "any"), "{biz}{month}通讯", "本月动态与课程安排",
         [("本月动态", "感谢您一直以来的支持，以下是本月的最新动态和时间安排。"),
          ("报名提醒", "暑期班名额有限，请尽早报名。")], "了解详情")],
}
