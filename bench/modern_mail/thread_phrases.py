"""Answers and forwarding notes: what people write above a quoted or forwarded message."""
# ruff: noqa: RUF001 - text in other scripts keeps its own punctuation (full-width forms, Hebrew, Arabic)

from __future__ import annotations

# answers to an enquiry from a customer or a contact (the enquiry is quoted below)
ANSWER: dict[str, list[str]] = {
    "en": ["Thanks for getting in touch. Yes, that's no problem at all. I've made a note and we'll confirm the "
           "details by phone tomorrow morning.",
           "Sorry for the slow reply, it's been a busy week. We can do that, but not before the 20th. Would that "
           "still work for you?",
           "Good question! Short answer: yes. Longer answer: it depends a little on the size, so could you send me "
           "a photo or the measurements?",
           "Thanks, that all looks fine. I've passed it on to a colleague, who will take it from here."],
    "de": ["vielen Dank für Ihre Nachricht. Das ist kein Problem, ich habe es notiert und melde mich morgen "
           "telefonisch bei Ihnen.",
           "danke für die schnelle Rückmeldung. Ich schaue mir das an und melde mich bis Freitag.",
           "entschuldigen Sie die späte Antwort. Leider geht es erst ab dem 20. Passt Ihnen das trotzdem?"],
    "fr": ["Merci pour votre message. C'est tout à fait possible, je vous confirme les détails demain.",
           "Merci, c'est bien noté. Je reviens vers vous d'ici la fin de la semaine.",
           "Désolée pour la réponse tardive. Ce sera possible à partir du 20, cela vous convient-il ?"],
    "es": ["Gracias por escribirnos. Sí, no hay ningún problema; te confirmamos los detalles mañana.",
           "Recibido, gracias. Lo reviso y te digo algo antes del viernes.",
           "Perdona la tardanza. Podría ser a partir del día 20, ¿te encaja?"],
    "ar": ["شكراً لتواصلك معنا. نعم، هذا ممكن، وسنؤكد لك التفاصيل غداً.",
           "وصلت رسالتك، شكراً لك. سنرد عليك بعد مراجعة الطلب."],
    "he": ["תודה על הפנייה. כן, זה אפשרי, ונאשר את הפרטים מחר.", "קיבלתי, תודה. אבדוק ואחזור אליכם עד סוף השבוע."],
    "ja": ["お問い合わせいただき、ありがとうございます。\nご希望の件、対応可能です。詳細は明日改めてご連絡いたします。",
           "ご連絡ありがとうございます。内容を確認のうえ、改めてご返信いたします。"],
    "zh": ["您好，感谢您的来信。可以的，具体细节我们明天再和您确认。", "收到，谢谢！我们商量后尽快回复您。"],
}
# personal follow-ups in a thread between friends
CHAT: dict[str, list[str]] = {
    "en": ["Perfect, count me in!", "Ha, yes! Saturday works. I'll bring the snacks.", "Oh no, I can't on the "
           "14th. Could we do the weekend after?"],
    "de": ["Klingt gut, ich bin dabei!", "Super, Samstag passt. Ich bringe Kuchen mit."],
    "fr": ["Super, je serai là !", "Avec plaisir, j'apporte le dessert."],
    "es": ["¡Genial, cuenta conmigo!", "Vale, el viernes me viene bien."],
    "ar": ["أكيد، نحن قادمون إن شاء الله!"], "he": ["בשמחה, נגיע!"],
    "ja": ["ありがとう！その日で大丈夫です。"], "zh": ["好的，我一定到！"],
}
FORWARD_NOTE: dict[str, list[str]] = {
    "en": ["FYI, see below.", "Could you take care of this one? Thanks!", "Forwarding for your records.",
           "Can we discuss this on Monday?"],
    "de": ["zur Info.", "kannst du das bitte übernehmen? Danke!", "zur Kenntnisnahme, bitte ablegen."],
    "fr": ["Pour info.", "Peux-tu t'en occuper ? Merci !"],
    "es": ["Te lo reenvío para que lo tengas.", "¿Te encargas tú de esto? Gracias."],
    "ar": ["للعلم.", "أرجو متابعة هذا الطلب."], "he": ["לידיעתך.", "תוכל לטפל בזה? תודה!"],
    "ja": ["ご参考までに転送します。", "こちらの件、対応をお願いできますか。"],
    "zh": ["转给你参考。", "麻烦你处理一下，谢谢！"],
}
