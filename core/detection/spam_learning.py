"""Teaching the filter a verdict: the classifier's weights and the campaign fingerprints learn together."""

from __future__ import annotations

import logging
from typing import Protocol

from core.store.campaigns import CampaignStore
from core.store.classifier import ClassifierStore

log = logging.getLogger("mailward.learning")


class Teacher(Protocol):
    """Anything that learns a message as spam or ham."""

    def teach(self, raw: bytes, spam: bool) -> str:
        """Learn raw; returns what the classifier did (learned, relearned, already)."""
        ...


class SpamTeacher:
    """Spam: classifier learns it and its fingerprint is confirmed (same campaign held from any account).
    Ham: classifier learns it and any confirmation of its fingerprint is withdrawn."""

    def __init__(self, classifier: ClassifierStore, campaigns: CampaignStore) -> None:
        self.classifier = classifier
        self.campaigns = campaigns

    def teach(self, raw: bytes, spam: bool) -> str:
        """Learn one message everywhere it matters; returns the classifier's answer."""
        result = self.classifier.learn(raw, spam)
        if spam:
            self.campaigns.confirm_spam(raw)
        else:
            self.campaigns.unconfirm(raw)
        return result
