"""The checks Mailward runs, in order: cheap header and body tests first, attachment work after."""

from __future__ import annotations

from core.detection.checks import (
    alignment,
    attachment_content,
    brand_display,
    brand_voice,
    campaign,
    classifier,
    contact_channel,
    download_link,
    engine_clamav,
    engine_rspamd,
    engine_spamassassin,
    excessive_recipients,
    freemail_random,
    from_spoof,
    gtube,
    hidden_text,
    html_attachment_phish,
    html_base64,
    html_low_text,
    invoice_link,
    link_text_mismatch,
    login_lure,
    lookalike_domain,
    many_urls,
    mime_malformed,
    missing_headers,
    money_ask,
    origin,
    phish_hosting,
    phishing_form,
    qr_lure,
    recipient_link,
    risky_attachment,
    scam_patterns,
    script_dropped,
    script_random_sender,
    sender_history,
    sender_mismatch,
    spam_phrases,
    subject_caps,
    subject_obfuscation,
    url_deception,
    url_ip,
    url_shortener,
    winexec,
)
from core.detection.checks.base import Check

# Optional external engines (off by default): last, so a slow engine can only use up the time budget after every
# check of Mailward's own has run. ClamAV first: a virus decides a quarantine on its own.
ENGINE_CHECKS: tuple[Check, ...] = (
    engine_clamav.CHECK,
    engine_rspamd.CHECK,
    engine_spamassassin.CHECK,
)

# winexec runs before the body scans: it decides a quarantine on its own, so it must not be the check
# that the time budget cuts off.
ALL_CHECKS: tuple[Check, ...] = (
    gtube.CHECK,
    campaign.CHECK,  # reads counts taken before the checks: cheap, and a confirmed-spam hold is decisive
    sender_history.CHECK,  # reads the history taken before the checks: cheap
    mime_malformed.CHECK,
    missing_headers.CHECK,
    subject_caps.CHECK,
    subject_obfuscation.CHECK,
    from_spoof.CHECK,
    brand_display.CHECK,
    sender_mismatch.CHECK,
    freemail_random.CHECK,
    script_random_sender.CHECK,
    script_dropped.CHECK,
    excessive_recipients.CHECK,
    winexec.CHECK,
    risky_attachment.CHECK,
    html_attachment_phish.CHECK,
    attachment_content.CHECK,
    html_low_text.CHECK,
    html_base64.CHECK,
    hidden_text.CHECK,
    phishing_form.CHECK,
    link_text_mismatch.CHECK,
    many_urls.CHECK,
    url_ip.CHECK,
    url_shortener.CHECK,
    url_deception.CHECK,
    phish_hosting.CHECK,
    invoice_link.CHECK,
    download_link.CHECK,
    recipient_link.CHECK,
    lookalike_domain.CHECK,
    spam_phrases.CHECK,
    scam_patterns.CHECK,
    login_lure.CHECK,
    qr_lure.CHECK,
    brand_voice.CHECK,
    contact_channel.CHECK,
    money_ask.CHECK,
    classifier.CHECK,
    origin.CHECK,  # evidence about who vouches for the mail (weighs 0; the verdict policy reads it)
    alignment.CHECK,  # evidence for the message: alignment with the account's own domains
    *ENGINE_CHECKS,
)
