"""Texts of the site checks (findings and check summaries) in en, ru and kk.

`say(key, **values)` fills one entry in every language (tester/texts.py); a value that is
itself localised (a fragment from `say`, `counted`, `language_in` ...) is used per language.
English texts are the ones the checks always produced: tests assert on them.
"""

from __future__ import annotations

from typing import Any

from tester.texts import Texts, fill
from tester.texts import counted as texts_counted

CATALOG: dict[str, dict[str, str]] = {
    # broken-links
    "broken-link": {
        "en": "Link “{text}” to {target} {description} (on {page}{more})",
        "ru": "Ссылка «{text}» на {target} {description} (на странице {page}{more})",
        "kk": "«{text}» сілтемесі ({target}) {description} ({page} бетінде{more})",
    },
    "inactive-link": {
        "en": "Image link (logo or banner) “{label}” goes nowhere (on {page}{more})",
        "ru": "Ссылка-изображение (логотип или баннер) «{label}» никуда не ведёт "
        "(на странице {page}{more})",
        "kk": "«{label}» сурет-сілтемесі (логотип не баннер) ешқайда апармайды "
        "({page} бетінде{more})",
    },
    "no-text": {"en": "(no text)", "ru": "(без текста)", "kk": "(мәтінсіз)"},
    "more-pages": {"en": " and {count} more", "ru": " и ещё на {count}",
                   "kk": " және тағы {count} бетте"},
    "link-timeout": {
        "en": "gave no answer within the time limit",
        "ru": "не ответила за отведённое время",
        "kk": "белгіленген уақыт ішінде жауап бермеді",
    },
    "link-fails": {"en": "fails: {error}", "ru": "не открывается: {error}",
                   "kk": "ашылмайды: {error}"},
    "link-doubtful": {
        "en": "answers HTTP {status} (to the checker; may work for people)",
        "ru": "отвечает HTTP {status} (программе проверки; у людей может работать)",
        "kk": "HTTP {status} қайтарады (тексеру бағдарламасына; адамдар үшін жұмыс істеуі мүмкін)",
    },
    "link-http": {"en": "answers HTTP {status}", "ru": "отвечает HTTP {status}",
                  "kk": "HTTP {status} қайтарады"},
    "links-none": {
        "en": "No in-scope links on the audited pages.",
        "ru": "На проверенных страницах нет ссылок в пределах сайта.",
        "kk": "Тексерілген беттерде сайт ішіндегі сілтемелер жоқ.",
    },
    "links-summary": {
        "en": "{broken} broken of {checked} checked in-scope links{review}{inactive}{unchecked}",
        "ru": "Неработающих ссылок: {broken} из {checked} проверенных ссылок сайта"
        "{review}{inactive}{unchecked}",
        "kk": "Сайттың тексерілген {checked} сілтемесінің {broken} сілтемесі жұмыс істемейді"
        "{review}{inactive}{unchecked}",
    },
    "to-review": {"en": ", {count} to review", "ru": ", на ручную проверку: {count}",
                  "kk": ", қолмен тексеруге: {count}"},
    "inactive-count": {
        "en": ", {count} inactive image links",
        "ru": ", неактивных ссылок-изображений: {count}",
        "kk": ", белсенді емес сурет-сілтемелер: {count}",
    },
    "unchecked-count": {"en": "; {count} not checked (budget)",
                        "ru": "; не проверено (лимит): {count}",
                        "kk": "; тексерілмегені (лимит): {count}"},
    # news-freshness and stale-sections
    "news-none": {
        "en": "No news section or news items among the audited pages.",
        "ru": "Среди проверенных страниц нет раздела новостей и самих новостей.",
        "kk": "Тексерілген беттер арасында жаңалықтар бөлімі де, жаңалықтар да жоқ.",
    },
    "news-undated": {
        "en": "News pages show no readable publication dates",
        "ru": "На страницах новостей не удалось прочитать даты публикации",
        "kk": "Жаңалықтар беттерінде жариялану күндерін оқу мүмкін болмады",
    },
    "news-undated-summary": {
        "en": "News found but no dates could be read.",
        "ru": "Новости найдены, но их даты прочитать не удалось.",
        "kk": "Жаңалықтар табылды, бірақ олардың күндерін оқу мүмкін болмады.",
    },
    "news-stale": {
        "en": "Newest news ({page}) is dated {date}, {age} before the audit "
        "(limit {limit}; R25 requires daily news)",
        "ru": "Самая свежая новость ({page}) датирована {date} — за {age} до проверки "
        "(допустимо {limit}; R25 требует публиковать новости ежедневно)",
        "kk": "Ең соңғы жаңалық ({page}) {date} күнімен белгіленген — тексеруден {age} бұрын "
        "(шегі {limit}; R25 жаңалықтарды күн сайын жариялауды талап етеді)",
    },
    "news-summary": {
        "en": "News {verdict}: newest {date}, {age} old (limit {limit}).",
        "ru": "Новости {verdict}: самая свежая от {date}, ей {age} (допустимо {limit}).",
        "kk": "Жаңалықтар {verdict}: ең соңғысы {date}, {age} бұрын (шегі {limit}).",
    },
    "news-stale-word": {"en": "stale", "ru": "устарели", "kk": "ескірген"},
    "news-fresh-word": {"en": "fresh", "ru": "актуальны", "kk": "өзекті"},
    "stale-section": {
        "en": "{page} “{title}” was last updated {date} ({age} ago; limit {limit})",
        "ru": "Раздел {page} «{title}» последний раз обновлялся {date} ({age} назад; "
        "допустимо {limit} дн.)",
        "kk": "{page} «{title}» бөлімі соңғы рет {date} жаңартылған ({age} бұрын; "
        "шегі {limit} күн)",
    },
    "stale-none": {
        "en": "No audited page states when its data were updated.",
        "ru": "Ни одна проверенная страница не указывает, когда обновлялись её данные.",
        "kk": "Тексерілген беттердің ешқайсысында деректердің жаңартылған күні көрсетілмеген.",
    },
    "stale-summary": {
        "en": "{stale} of {total} dated sections older than {limit} days.",
        "ru": "Старше {limit} дн.: {stale} из {total} разделов с датой обновления.",
        "kk": "Күні көрсетілген {total} бөлімнің {stale} бөлімі {limit} күннен ескі.",
    },
    # documents-as-images
    "document-named": {"en": "named “{name}”", "ru": "с подписью «{name}»",
                       "kk": "«{name}» деп аталған"},
    "document-portrait": {
        "en": "a large portrait image on a documents page",
        "ru": "крупное вертикальное изображение на странице документов",
        "kk": "құжаттар бетіндегі үлкен тік сурет",
    },
    "document-as-image": {
        "en": "{page}: a document seems published as an image ({why}, {width}×{height} px) "
        "with only {letters} letters of text on the page",
        "ru": "{page}: документ, похоже, опубликован картинкой ({why}, {width}×{height} px), "
        "а букв текста на странице всего {letters}",
        "kk": "{page}: құжат сурет ретінде жарияланған сияқты ({why}, {width}×{height} px), "
        "бетте небәрі {letters} әріп мәтін бар",
    },
    "document-as-image-review": {
        "en": "{page}: a document seems published as an image ({why}, {width}×{height} px) "
        "beside {letters} letters of text: is its full text on the page?",
        "ru": "{page}: документ, похоже, опубликован картинкой ({why}, {width}×{height} px), "
        "рядом букв текста: {letters} — есть ли на странице его полный текст?",
        "kk": "{page}: құжат сурет ретінде жарияланған сияқты ({why}, {width}×{height} px), "
        "қасында {letters} әріп мәтін бар: оның толық мәтіні бетте бар ма?",
    },
    "documents-none": {
        "en": "No documents page and no large image among the audited pages.",
        "ru": "Среди проверенных страниц нет ни страницы документов, ни крупных изображений.",
        "kk": "Тексерілген беттер арасында құжаттар беті де, ірі суреттер де жоқ.",
    },
    "documents-summary": {
        "en": "{images} documents published as images{review} "
        "({considered} large images on {pages} pages).",
        "ru": "Документов, опубликованных картинками: {images}{review} "
        "(крупных изображений: {considered}, страниц: {pages}).",
        "kk": "Сурет ретінде жарияланған құжаттар: {images}{review} "
        "({pages} беттегі ірі суреттер: {considered}).",
    },
    # sitemap
    "sitemap-page-missing": {
        "en": "No link to a site map page (Карта сайта / Сайт картасы)",
        "ru": "Нет ссылки на страницу карты сайта («Карта сайта» / «Сайт картасы»)",
        "kk": "Сайт картасы бетіне сілтеме жоқ («Сайт картасы» / «Карта сайта»)",
    },
    "sitemap-xml-missing": {"en": "{url} is missing: {why}", "ru": "{url} отсутствует: {why}",
                            "kk": "{url} жоқ: {why}"},
    "soft-404": {"en": "an HTML page (soft 404)", "ru": "HTML-страница («мягкая» 404)",
                 "kk": "HTML беті («жұмсақ» 404)"},
    "sitemap-xml-invalid": {
        "en": "{url} does not parse: {error}",
        "ru": "{url} не удаётся разобрать: {error}",
        "kk": "{url} файлын талдау мүмкін болмады: {error}",
    },
    "sitemap-xml-out-of-scope": {
        "en": "{url} lists {count} URLs, none on this site",
        "ru": "В {url} адресов: {count}, но ни одного с этого сайта",
        "kk": "{url} ішінде {count} мекенжай бар, бірақ біреуі де осы сайтқа тиесілі емес",
    },
    "sitemap-xml-empty": {"en": "{url} lists no URLs", "ru": "{url} не содержит ни одного адреса",
                          "kk": "{url} ішінде бірде-бір мекенжай жоқ"},
    "robots-disallow-all": {
        "en": "robots.txt forbids all robots the whole site: search engines will not list it",
        "ru": "robots.txt запрещает всем роботам весь сайт: поисковые системы не покажут его",
        "kk": "robots.txt барлық роботтарға бүкіл сайтқа тыйым салады: іздеу жүйелері оны "
        "көрсетпейді",
    },
    "sitemap-nothing": {"en": "Nothing gathered.", "ru": "Ничего не собрано.",
                        "kk": "Ештеңе жиналмады."},
    "sitemap-linked": {"en": "site map page linked", "ru": "ссылка на карту сайта есть",
                       "kk": "сайт картасы бетіне сілтеме бар"},
    "sitemap-not-linked": {"en": "site map page not linked", "ru": "ссылки на карту сайта нет",
                           "kk": "сайт картасы бетіне сілтеме жоқ"},
    "sitemap-xml-lists": {
        "en": "sitemap.xml lists {count} in-scope URLs",
        "ru": "адресов этого сайта в sitemap.xml: {count}",
        "kk": "sitemap.xml ішінде осы сайттың {count} мекенжайы бар",
    },
    "sitemap-xml-missing-short": {"en": "sitemap.xml missing", "ru": "sitemap.xml отсутствует",
                                  "kk": "sitemap.xml жоқ"},
    "sitemap-xml-invalid-short": {"en": "sitemap.xml invalid", "ru": "sitemap.xml с ошибками",
                                  "kk": "sitemap.xml қате"},
    # required-sections
    "section-missing": {"en": "Not found: {names} ({id})", "ru": "Не найдено: {names} ({id})",
                        "kk": "Табылмады: {names} ({id})"},
    "sections-none": {
        "en": "No audited page to look for sections on.",
        "ru": "Нет проверенных страниц, на которых можно искать разделы.",
        "kk": "Бөлімдерді іздейтін тексерілген бет жоқ.",
    },
    "sections-summary": {
        "en": "{found} of {total} required sections found{core}.",
        "ru": "Найдено обязательных разделов: {found} из {total}{core}.",
        "kk": "{total} міндетті бөлімнің {found} бөлімі табылды{core}.",
    },
    "core-missing": {"en": "; core sections missing: {keys}",
                     "ru": "; нет основных разделов: {keys}",
                     "kk": "; негізгі бөлімдер жоқ: {keys}"},
    # language-parity
    "html-lang-missing": {"en": "{page} has no lang attribute",
                          "ru": "У страницы {page} нет атрибута lang",
                          "kk": "{page} бетінде lang атрибуты жоқ"},
    "html-lang-invalid": {
        "en": '{page}: lang="{value}" is not a valid code{note}',
        "ru": '{page}: lang="{value}" — недопустимый код{note}',
        "kk": '{page}: lang="{value}" — дұрыс код емес{note}',
    },
    "kz-note": {
        "en": ' (Kazakh is "kk"; "kz" is the country)',
        "ru": ' (казахский язык — "kk"; "kz" — код страны)',
        "kk": ' (қазақ тілі — "kk"; "kz" — елдің коды)',
    },
    "html-lang-legacy": {
        "en": '{page}: lang="{value}", use "{code}"',
        "ru": '{page}: lang="{value}", используйте "{code}"',
        "kk": '{page}: lang="{value}", оның орнына "{code}" қолданыңыз',
    },
    "kazakh-page-partly-russian": {
        "en": "Kazakh page {page} has only {share}% Kazakh letters: partly in Russian?",
        "ru": "На казахской странице {page} всего {share}% казахских букв: частично на русском?",
        "kk": "{page} қазақша бетінде қазақ әріптері небәрі {share}%: ішінара орысша ма?",
    },
    "russian-on-kazakh-page": {
        "en": "Russian left on a Kazakh page: {page} is written in Russian "
        "({share}% Kazakh letters)",
        "ru": "Русский текст на казахской странице: {page} написана на русском языке "
        "({share}% казахских букв)",
        "kk": "Қазақша бетте орысша мәтін қалған: {page} орыс тілінде жазылған "
        "(қазақ әріптері {share}%)",
    },
    "wrong-language": {
        "en": "{intended} page {page} is written in {detected}",
        "ru": "Страница {page} должна быть {intended}, но написана {detected}",
        "kk": "{page} беті {intended} болуы керек, бірақ {detected} жазылған",
    },
    "html-lang-mismatch": {
        "en": '{page}: lang="{value}" but the text is {detected}',
        "ru": '{page}: lang="{value}", но текст написан {detected}',
        "kk": '{page}: lang="{value}", бірақ мәтін {detected} жазылған',
    },
    "missing-language-version": {
        "en": "The {language} version {url} of {page} answers {answer}",
        "ru": "Версия {url} страницы {page} {language} отвечает {answer}",
        "kk": "{page} бетінің {language} нұсқасы {url} {answer} қайтарады",
    },
    "no-kazakh-version-link": {
        "en": "{page} links other language versions but no Kazakh one",
        "ru": "Страница {page} ссылается на другие языковые версии, но не на казахскую",
        "kk": "{page} беті басқа тілдегі нұсқаларға сілтейді, бірақ қазақша нұсқаға сілтемесі жоқ",
    },
    "language-link-to-home": {
        "en": "The {language} language link leads to the home page instead of the same page in "
        "{language} on {count} pages (e.g. {example})",
        "ru": "Ссылка на {language} язык ведёт на главную страницу, а не на ту же страницу в "
        "другой версии; страниц: {count} (например, {example})",
        "kk": "Тіл ауыстырғыштағы {language} тілінің сілтемесі сол беттің нұсқасына емес, басты "
        "бетке апарады; беттер саны: {count} (мысалы, {example})",
    },
    "no-kazakh-pages": {
        "en": "No page in Kazakh was found among the audited pages and their versions",
        "ru": "Среди проверенных страниц и их версий нет ни одной страницы на казахском языке",
        "kk": "Тексерілген беттер мен олардың нұсқалары арасында қазақ тіліндегі бірде-бір бет "
        "табылмады",
    },
    "language-none": {
        "en": "No audited page to compare languages on.",
        "ru": "Нет проверенных страниц для сравнения языков.",
        "kk": "Тілдерді салыстыратын тексерілген бет жоқ.",
    },
    "language-summary": {
        "en": "kk/ru/en pages: {kk}/{ru}/{en}{gap}; {missing} missing versions; "
        "{wrong} pages in the wrong language",
        "ru": "Страниц kk/ru/en: {kk}/{ru}/{en}{gap}; недостающих версий: {missing}; "
        "страниц не на своём языке: {wrong}",
        "kk": "kk/ru/en беттері: {kk}/{ru}/{en}{gap}; жетіспейтін нұсқалар: {missing}; "
        "тілі сәйкес келмейтін беттер: {wrong}",
    },
    "parity-gap": {"en": "; parity gap {gap}", "ru": "; разрыв между версиями {gap}",
                   "kk": "; нұсқалар арасындағы алшақтық {gap}"},
    # any check
    "check-error": {
        "en": "the check failed: {error}",
        "ru": "проверка завершилась ошибкой: {error}",
        "kk": "тексеру қатемен аяқталды: {error}",
    },
}

# Language names in the grammatical form each template above needs.
LANGUAGE_NAME: dict[str, Texts] = {  # "the {Kazakh} language link" / "на {казахский} язык"
    "kk": {"en": "Kazakh", "ru": "казахский", "kk": "қазақ"},
    "ru": {"en": "Russian", "ru": "русский", "kk": "орыс"},
    "en": {"en": "English", "ru": "английский", "kk": "ағылшын"},
    "mixed": {"en": "mixed", "ru": "смешанный", "kk": "аралас"},
}
LANGUAGE_IN: dict[str, Texts] = {  # "written {in Kazakh}"
    "kk": {"en": "Kazakh", "ru": "на казахском языке", "kk": "қазақ тілінде"},
    "ru": {"en": "Russian", "ru": "на русском языке", "kk": "орыс тілінде"},
    "en": {"en": "English", "ru": "на английском языке", "kk": "ағылшын тілінде"},
    "mixed": {"en": "mixed", "ru": "на смеси языков", "kk": "аралас тілдерде"},
}
LANGUAGE_OF: dict[str, Texts] = {  # "the {Kazakh} version"
    "kk": {"en": "Kazakh", "ru": "на казахском языке", "kk": "қазақ тіліндегі"},
    "ru": {"en": "Russian", "ru": "на русском языке", "kk": "орыс тіліндегі"},
    "en": {"en": "English", "ru": "на английском языке", "kk": "ағылшын тіліндегі"},
    "mixed": {"en": "mixed", "ru": "на смеси языков", "kk": "аралас тілдегі"},
}

# Counted nouns: English keeps the plural the checks always wrote; Russian agrees with the number.
NOUNS: dict[str, dict[str, tuple[str, ...]]] = {
    "working-days": {"en": ("working days",), "kk": ("жұмыс күні",),
                     "ru": ("рабочий день", "рабочих дня", "рабочих дней")},
    "days": {"en": ("days",), "kk": ("күн",), "ru": ("день", "дня", "дней")},
}


def say(key: str, **values: Any) -> Texts:
    """The catalog entry `key` in en, ru and kk."""
    return fill(CATALOG, key, **values)


def counted(count: int, noun: str) -> Texts:
    """"5 working days" / "5 рабочих дней" / "5 жұмыс күні"."""
    return texts_counted(count, NOUNS[noun])


def language(code: str, forms: dict[str, Texts]) -> Texts:
    """A language name in one of the forms above; an unknown code reads as itself."""
    return forms.get(code) or {"en": code, "ru": code, "kk": code}
