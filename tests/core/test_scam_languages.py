# ruff: noqa: RUF001 - text in Turkish and Russian, whose letters look like Latin ones
"""The extortion and advance-fee scripts in Portuguese, Italian, Dutch, Polish, Turkish, Russian and Korean (and
Arabic's bitcoin), each written from how that language says the script's moves, and beside each the honest mail of
that language that says some of the same things: a debt collector's reminder, a notary's letter about a real
inheritance, a bank's or an IT department's security notice, a newspaper report quoting the fraud."""

from __future__ import annotations

import pytest

from core.detection.checks.scam_patterns import CHECK
from core.mail.mime import parse_message
from core.models import Envelope
from tests.core.scan_support import context, settings


def _run(body: str) -> dict[str, list[str]]:
    raw = ("From: <a@shop.example>\nTo: info@bakery.example\nSubject: Hello\n"
           "Content-Type: text/plain; charset=utf-8\n\n")
    msg = parse_message((raw + body).encode(), settings().scan)
    ctx = context()
    ctx.envelope = Envelope(sender="a@shop.example", recipients=["info@bakery.example"])
    return {s.name: s.options for s in CHECK.run(msg, ctx)}


SEXTORTION = {
    "pt": "Olá. Hackeei o seu telemóvel há alguns meses e gravei você pela câmara. Pague 900 euros em bitcoin "
          "para a carteira abaixo dentro de 48 horas, senão enviarei o vídeo a todos os seus contactos.",
    "pt-br": "Eu invadi seu computador e instalei um malware. Sei sua senha. Transfira 1500 reais em bitcoin; você "
             "tem dois dias, ou vou enviar o vídeo para seus contatos.",
    "it": "Ciao, ho hackerato il tuo dispositivo e ti ho registrato con la webcam. Invia 800 euro in bitcoin al mio "
          "portafoglio entro 48 ore, altrimenti invierò il video a tutti i tuoi contatti.",
    "nl": "Ik heb je apparaat gehackt en via je webcam heb ik je gefilmd. Maak binnen 48 uur 700 euro in bitcoin "
          "over, anders stuur ik de video naar al je contacten.",
    "pl": "Zhakowałem twoje urządzenie i nagrałem cię kamerą. Przelej 3000 zł w bitcoinach w ciągu 48 godzin, "
          "inaczej wyślę nagranie wszystkim twoim kontaktom.",
    "tr": "Cihazınızı hackledim ve kameranızdan sizi kaydettim. 48 saat içinde 500 dolar değerinde bitcoin "
          "gönderin, yoksa videoyu tüm kişilerinize göndereceğim.",
    "ru": "Я взломал ваш телефон и записал вас через веб-камеру. Переведите 600 долларов в биткоинах в течение "
          "48 часов, иначе я отправлю видео всем вашим контактам.",
    "ko": "나는 당신의 기기를 해킹했습니다. 웹캠으로 당신을 녹화했습니다. 48시간 안에 비트코인으로 1000달러를 "
          "보내지 않으면 모든 연락처에 영상을 보내겠습니다.",
}

ADVANCE_FEE = {
    "pt": "Prezado amigo, sou gerente de um banco. Um cliente falecido deixou uma herança de 8,5 milhões de dólares "
          "numa conta inativa. Preciso da sua ajuda para apresentá-lo como parente mais próximo; receberá 40 "
          "por cento do valor. Envie o seu nome completo e os seus dados bancários.",
    "it": "Caro amico, sono un avvocato. Un mio defunto cliente ha lasciato 12 milioni di euro senza eredi. Ho "
          "bisogno del tuo aiuto per presentarti come parente più prossimo: il 30 per cento del totale sarà tuo. "
          "Mandami il tuo nome completo e le tue coordinate bancarie.",
    "nl": "Beste vriend, ik heb een zakelijk voorstel. Een overleden cliënt liet 9 miljoen euro achter op een "
          "slapende rekening. Ik wil u voordragen als naaste verwant; u krijgt 35 procent van het bedrag. Stuur "
          "uw volledige naam en uw bankgegevens.",
    "pl": "Drogi przyjacielu, mam dla ciebie propozycję biznesową. Zmarły klient naszego banku zostawił 7,5 "
          "miliona dolarów bez spadkobierców. Potrzebuję twojej pomocy, aby przedstawić cię jako najbliższego "
          "krewnego. Prześlij pełne imię i nazwisko oraz dane bankowe.",
    "tr": "Sevgili dostum, size bir iş teklifim var. Vefat eden bir müşterimiz bankamızda 10 milyon dolar bıraktı "
          "ve en yakın akrabası yok. Sizi varisi olarak göstermek için yardımınıza ihtiyacım var. Tam adınızı ve "
          "banka bilgilerinizi gönderin.",
    "ru": "Дорогой друг, у меня к вам деловое предложение. Покойный клиент нашего банка оставил 9 миллионов "
          "долларов. Мне нужна ваша помощь: я представлю вас в качестве ближайшего родственника. Пришлите ваше "
          "ФИО и банковские реквизиты.",
    "ko": "친애하는 친구에게, 사업 제안이 있습니다. 고인의 휴면 계좌에 1,050만 달러가 남아 있습니다. 당신을 "
          "최근친으로 등록하려면 도움이 필요합니다. 성명과 계좌 정보를 보내 주십시오.",
}


@pytest.mark.parametrize("lang", sorted(SEXTORTION))
def test_sextortion_script_is_whole_in_every_language(lang: str) -> None:
    got = _run(SEXTORTION[lang])
    assert len(got["SCAM_EXTORTION"]) == 3, got
    assert got["SCAM_FULL_SCRIPT"] == ["extortion"]


@pytest.mark.parametrize("lang", sorted(ADVANCE_FEE))
def test_advance_fee_script_is_whole_in_every_language(lang: str) -> None:
    got = _run(ADVANCE_FEE[lang])
    assert len(got["SCAM_ADVANCE_FEE"]) == 3, got
    assert got["SCAM_FULL_SCRIPT"] == ["advance_fee"]


def test_arabic_bitcoin_completes_the_extortion_script() -> None:
    got = _run("لقد اخترقت جهازك وسجلت فيديو. أرسل 1000 دولار بالبيتكوين خلال 48 ساعة وإلا سأرسله لأصدقائك.")
    assert got["SCAM_FULL_SCRIPT"] == ["extortion"]


HONEST = {
    # a notary's letter about a real inheritance: the deceased, the estate, the heir's name and bank details
    "notary pt": "Exma. Senhora, na qualidade de notário responsável pela herança do seu falecido tio, informamos "
                 "que é herdeira. O assunto é confidencial. Para a partilha, envie o seu nome completo, cópia do "
                 "seu passaporte e os seus dados bancários.",
    "notary it": "Gentile signora, lo studio notarile comunica che l'eredità del defunto signor Rossi è aperta. "
                 "Per la successione la preghiamo di inviarci il suo nome completo e le sue coordinate bancarie.",
    "notary pl": "Szanowna Pani, kancelaria notarialna informuje o otwarciu spadku po zmarłym Janie Kowalskim. "
                 "Prosimy o pełne imię i nazwisko, kopię dowodu oraz dane bankowe do wypłaty udziału.",
    "notary ru": "Уважаемый Иван Петрович, нотариальная контора сообщает об открытии наследства покойного "
                 "Петрова А. И. Просим прислать копию паспорта и банковские реквизиты.",
    # an IT department's or a bank's notice about an infection or a hacker, with bitcoin and a deadline
    "it notice nl": "Beste collega, uw computer is besmet met ransomware; de aanvallers eisen bitcoin. Betaal "
                    "niets. Zet binnen 24 uur uw wachtwoord om en waarschuw uw contacten.",
    "bank notice pl": "Uwaga: oszuści piszą, że zhakowali komputer klienta i żądają zapłaty w bitcoinach w ciągu "
                      "48 godzin. Bank nigdy nie prosi o kryptowaluty. Nie odpowiadaj na takie wiadomości.",
    "bank notice tr": "Değerli müşterimiz, dolandırıcılar cihazınızın ele geçirildiğini söyleyip bitcoin "
                      "isteyebilir. Şüpheli bir durumda 48 saat içinde şubemize başvurun.",
    "it notice ko": "보안팀 공지: 해커가 거래소 서버를 해킹했습니다. 비트코인 지갑을 노린 공격입니다. 48시간 안에 "
                    "비밀번호를 변경해 주십시오.",
    # a newspaper article that quotes the fraud in the third person
    "news ru": "Мошенники рассылают письма, в которых утверждают, что взломали компьютер и записали жертву. "
               "Они требуют оплату в биткоинах в течение 48 часов. Полиция просит не платить.",
    "news it": "Truffatori inviano email in cui affermano di aver violato il computer della vittima e chiedono "
               "bitcoin entro 48 ore. La polizia postale invita a non pagare.",
    # a debt collector's reminder with a deadline
    "debt pt": "Caro cliente, a sua fatura está em atraso. Pague 240 euros dentro de 48 horas ou o processo "
               "segue para cobrança judicial. Dados bancários para transferência em anexo.",
    # a charity appeal
    "charity it": "Cari amici, la nostra associazione ha ricevuto un'eredità da una sostenitrice defunta. Con il "
                  "vostro aiuto costruiremo una scuola. Donazioni: le coordinate bancarie sono sul sito.",
}


@pytest.mark.parametrize("name", sorted(HONEST))
def test_honest_mail_of_the_same_shape_is_not_a_full_script(name: str) -> None:
    assert "SCAM_FULL_SCRIPT" not in _run(HONEST[name])


@pytest.mark.parametrize("text", [
    "Sehr geehrte Frau Weber, vertraulich: als Notar teile ich Ihnen mit, dass Sie Erbin im Nachlass Ihrer "
    "verstorbenen Tante sind. Für die Erbschaft benötigen wir Ihre Bankverbindung.",
    "Estimada señora, confidencial: como notario le comunico que es heredera en la herencia de su tío fallecido. "
    "Envíe su nombre completo y sus datos bancarios.",
    "Madame, confidentiel : en tant que notaire chargé de l'héritage de votre oncle défunt, je vous prie "
    "d'envoyer votre nom complet et vos coordonnées bancaires.",
])
def test_a_notarys_confidential_letter_is_not_advance_fee_in_the_older_languages(text: str) -> None:
    assert "SCAM_FULL_SCRIPT" not in _run(text)


def test_an_inheritance_and_the_heirs_bank_details_are_not_advance_fee_without_the_strangers_part() -> None:
    notary = ("Dear Ms Hill, as executor of the estate of your late aunt I confirm the inheritance of her house. "
              "Please send your full name and your bank details so that your share can be paid.")
    assert "SCAM_ADVANCE_FEE" not in _run(notary)
    got = _run(notary + " This is a business proposal: you will receive 40 percent of the fund.")
    assert got["SCAM_FULL_SCRIPT"] == ["advance_fee"]
