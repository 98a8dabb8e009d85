"""Link texts that say nothing of where the link goes, in Kazakh, Russian and English.

Matched against a link's whole accessible name once folded (`fold_link_text`): case, ё/е,
spacing and the arrows, dots, quotes and brackets sites put around "Подробнее »" are ignored.
A name that only contains one of these words ("Подробнее о конкурсе") is specific.
"""

from __future__ import annotations

import re

NON_SPECIFIC_LINK_TEXTS: dict[str, tuple[str, ...]] = {
    "kk": (
        "толығырақ", "толық", "толығырақ оқу", "толық оқу", "толығымен оқу", "толығымен",
        "әрі қарай", "әрі қарай оқу", "одан әрі", "жалғасы", "жалғасын оқу",
        "көбірек", "көбірек білу", "толығырақ білу", "толық ақпарат", "толығырақ ақпарат",
        "осында", "мұнда", "осы жерде", "осы жерге", "сілтеме", "сілтеме бойынша", "өту",
        "көру", "қарау", "жүктеу", "жүктеп алу", "басыңыз", "осында басыңыз", "мұнда басыңыз",
    ),
    "ru": (
        "подробнее", "подробно", "детальнее", "далее", "дальше", "читать далее",
        "читать дальше", "читать полностью", "читать еще", "читать", "полностью", "еще",
        "больше", "узнать больше", "узнать подробнее", "подробная информация",
        "подробнее читать", "перейти", "перейти по ссылке", "здесь", "тут", "сюда", "по ссылке",
        "ссылка", "эта ссылка", "нажмите здесь", "нажмите", "кликните здесь", "смотреть",
        "посмотреть", "просмотр", "скачать", "открыть",
    ),
    "en": (
        "more", "read more", "learn more", "more info", "more information", "details",
        "continue", "continue reading", "click here", "here", "this link", "link", "see more",
        "view more", "find out more", "go", "download", "view", "open",
    ),
}

_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"[\s\u00a0]+")


def fold_link_text(text: str) -> str:
    """Lower case, ё as е, no edge punctuation or arrows, single spaces."""
    folded = _SPACES.sub(" ", str(text or "")).strip().lower().replace("ё", "е")
    return _EDGES.sub("", folded).strip()


_FOLDED: dict[str, str] = {
    fold_link_text(text): language
    for language, texts in NON_SPECIFIC_LINK_TEXTS.items()
    for text in texts
}


def non_specific_language(text: str) -> str | None:
    """The language of the non-specific link text `text` is ("kk", "ru", "en"), else None."""
    return _FOLDED.get(fold_link_text(text))


def bare_link_texts() -> set[str]:
    """Every non-specific text, folded: the in-page walk describes only links named so."""
    return set(_FOLDED)
