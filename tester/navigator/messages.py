"""Texts of the citizen tasks (TaskResult.message) in en, ru and kk.

`say(key, **values)` fills one entry in every language (tester/texts.py). The goal
recognisers (tester/goals) explain their verdicts in English; `reason(text)` translates the
known explanations by pattern and leaves any other text as it is. English texts are exactly
the ones the tasks always produced.
"""

from __future__ import annotations

import re
from typing import Any

from tester.texts import Texts, counted, fill, same

CATALOG: dict[str, dict[str, str]] = {
    "start-not-loaded": {
        "en": "The start page {url} did not load: {error}.",
        "ru": "Стартовая страница {url} не загрузилась: {error}.",
        "kk": "Бастапқы бет {url} жүктелмеді: {error}.",
    },
    "start-http": {
        "en": "The start page answered HTTP {status}.",
        "ru": "Стартовая страница ответила HTTP {status}.",
        "kk": "Бастапқы бет HTTP {status} қайтарды.",
    },
    "not-found": {
        "en": "No {what} was found {why}{miss}.",
        "ru": "Не удалось найти {what} {why}{miss}.",
        "kk": "{why} {what} табылмады{miss}.",
    },
    "why-time": {
        "en": "within the {seconds} s time budget ({clicks})",
        "ru": "за отведённые {seconds} с ({clicks})",
        "kk": "{seconds} с уақыт шегінде ({clicks})",
    },
    "why-clicks": {"en": "within {clicks}", "ru": "в пределах {clicks}",
                   "kk": "{clicks} шегінде"},
    "why-exhausted": {
        "en": "after trying every promising link and menu ({clicks})",
        "ru": "после проверки всех подходящих ссылок и меню ({clicks})",
        "kk": "Барлық ықтимал сілтемелер мен мәзірлер тексерілгенімен ({clicks})",
    },
    "closest-miss": {"en": "; closest miss: {url} ({reason})",
                     "ru": "; ближе всего: {url} ({reason})",
                     "kk": "; ең жақын нәтиже: {url} ({reason})"},
    "on-start-page": {"en": "on the start page", "ru": "на стартовой странице",
                      "kk": "бастапқы бетте"},
    "after-clicks": {"en": "after {clicks}", "ru": "за {clicks}", "kk": "{clicks}дан кейін"},
    # What each task looks for, as the object of "not found".
    "what-contacts": {
        "en": "page with a phone number and e-mail/address",
        "ru": "страницу с номером телефона и e-mail/адресом",
        "kk": "телефон нөмірі мен e-mail/мекенжайы бар бет",
    },
    "what-appeal": {
        "en": "appeal procedure or e-appeal link",
        "ru": "порядок подачи обращений или ссылку на электронное обращение",
        "kk": "өтініш беру тәртібі не электрондық өтініш сілтемесі",
    },
    "what-kazakh": {
        "en": "working switch to a Kazakh version",
        "ru": "работающий переключатель на казахскую версию",
        "kk": "қазақша нұсқаға ауыстыратын жұмыс істейтін ауыстырғыш",
    },
    "what-sitemap": {"en": "site map page", "ru": "страницу карты сайта",
                     "kk": "сайт картасының беті"},
    "contacts-found": {
        "en": "Contact information was found {where} at {url}: {reason}.",
        "ru": "Контактная информация найдена {where} ({url}): {reason}.",
        "kk": "Байланыс ақпараты {where} табылды ({url}): {reason}.",
    },
    "appeal-link-found": {
        "en": "An e-appeal link ({target}) was found {where} on {page}; it is credited and not "
        "followed.",
        "ru": "Ссылка на электронное обращение ({target}) найдена {where} ({page}); она "
        "засчитана, переход по ней не выполнялся.",
        "kk": "Электрондық өтініш сілтемесі ({target}) {where} табылды ({page}); ол есептелді, "
        "бірақ оған өтілмеді.",
    },
    "appeal-found": {
        "en": "The appeal procedure was found {where} at {target}.",
        "ru": "Порядок подачи обращений найден {where} ({target}).",
        "kk": "Өтініш беру тәртібі {where} табылды ({target}).",
    },
    "kazakh-offers-only": {
        "en": " The site's language controls offer only: {languages}.",
        "ru": " Переключатель языка сайта предлагает только: {languages}.",
        "kk": " Сайттың тіл ауыстырғышында тек мыналар бар: {languages}.",
    },
    "kazakh-already": {
        "en": "The site opens in Kazakh; no switch was needed (0 clicks).",
        "ru": "Сайт открывается на казахском языке; переключаться не пришлось (0 кликов).",
        "kk": "Сайт қазақ тілінде ашылады; тілді ауыстырудың қажеті болмады (0 басу).",
    },
    "kazakh-reached": {
        "en": "The Kazakh version was reached {where} at {url}{note}.",
        "ru": "Казахская версия открыта {where} ({url}){note}.",
        "kk": "Қазақша нұсқа {where} ашылды ({url}){note}.",
    },
    "kazakh-drops-page": {
        "en": " (the switch drops the visitor on the Kazakh home page instead of the same page)",
        "ru": " (переключатель ведёт на казахскую главную страницу, а не на ту же страницу)",
        "kk": " (ауыстырғыш сол беттің орнына қазақша басты бетке апарады)",
    },
    "lang-problem": {"en": "; {problem}", "ru": "; {problem}", "kk": "; {problem}"},
    "sitemap-found": {
        "en": "The site map was found {where} at {url} ({reason}).",
        "ru": "Карта сайта найдена {where} ({url}): {reason}.",
        "kk": "Сайт картасы {where} табылды ({url}): {reason}.",
    },
    "search-no-term": {
        "en": "No search term: set search_term; the site has no name in its title.",
        "ru": "Нет поискового запроса: задайте search_term — в заголовке сайта нет его названия.",
        "kk": "Іздеу сұрауы жоқ: search_term мәнін беріңіз — сайт тақырыбында оның атауы жоқ.",
    },
    "search-no-field": {
        "en": "No search field was found on the start page ({clicks} spent on search buttons).",
        "ru": "На стартовой странице не найдено поле поиска (на кнопки поиска потрачено "
        "{clicks}).",
        "kk": "Бастапқы бетте іздеу өрісі табылмады (іздеу батырмаларына {clicks} жұмсалды).",
    },
    "search-rejected": {
        "en": "The search field did not accept a query: {error}.",
        "ru": "Поле поиска не приняло запрос: {error}.",
        "kk": "Іздеу өрісі сұрауды қабылдамады: {error}.",
    },
    "search-found": {
        "en": "Searching for «{query}» found {reason} at {url}.",
        "ru": "Поиск по запросу «{query}» дал результат: {reason} ({url}).",
        "kk": "«{query}» сұрауы бойынша іздеу нәтижесі: {reason} ({url}).",
    },
    "search-failed": {
        "en": "Searching the site for «{query}» failed: {reason}.",
        "ru": "Поиск по сайту по запросу «{query}» не удался: {reason}.",
        "kk": "Сайттан «{query}» сұрауы бойынша іздеу сәтсіз аяқталды: {reason}.",
    },
    "low-vision-no-control": {
        "en": "No control for a version for the visually impaired was found on the start page.",
        "ru": "На стартовой странице не найден переключатель версии для слабовидящих.",
        "kk": "Бастапқы бетте нашар көретіндерге арналған нұсқаның ауыстырғышы табылмады.",
    },
    "low-vision-no-effect": {
        "en": "The control «{label}» for the visually impaired was found, but activating it did "
        "not make the text larger or the colours high-contrast (text ×{ratio}, contrast "
        "{before} → {after}).",
        "ru": "Переключатель «{label}» для слабовидящих найден, но после нажатия текст не стал "
        "крупнее, а цвета — контрастнее (текст ×{ratio}, контраст {before} → {after}).",
        "kk": "Нашар көретіндерге арналған «{label}» ауыстырғышы табылды, бірақ оны басқанда мәтін "
        "үлкеймеді, түстер контрастырақ болмады (мәтін ×{ratio}, контраст {before} → {after}).",
    },
    "low-vision-incomplete": {
        "en": "The version for the visually impaired («{label}») works ({what}) but {missing}.",
        "ru": "Версия для слабовидящих («{label}») работает ({what}), но {missing}.",
        "kk": "Нашар көретіндерге арналған нұсқа («{label}») жұмыс істейді ({what}), бірақ "
        "{missing}.",
    },
    "low-vision-works": {
        "en": "The version for the visually impaired («{label}») was found and works ({what}, "
        "text ×{ratio}), persists after a navigation and can be switched off.",
        "ru": "Версия для слабовидящих («{label}») найдена и работает ({what}, текст ×{ratio}), "
        "сохраняется при переходе на другую страницу и отключается.",
        "kk": "Нашар көретіндерге арналған нұсқа («{label}») табылды және жұмыс істейді ({what}, "
        "мәтін ×{ratio}), басқа бетке өткенде сақталады және өшіріледі.",
    },
    "low-vision-not-persistent": {
        "en": "it does not persist after a navigation",
        "ru": "она не сохраняется при переходе на другую страницу",
        "kk": "басқа бетке өткенде ол сақталмайды",
    },
    "low-vision-no-way-back": {
        "en": "there is no way back to the normal version",
        "ru": "вернуться к обычной версии нельзя",
        "kk": "кәдімгі нұсқаға қайту мүмкін емес",
    },
    "and": {"en": " and ", "ru": " и ", "kk": " және "},
    "larger-text": {"en": "larger text", "ru": "крупный текст", "kk": "ірі мәтін"},
    "high-contrast": {"en": "high contrast", "ru": "высокий контраст",
                      "kk": "жоғары контраст"},
    "larger-text-and-contrast": {"en": "larger text and high contrast",
                                 "ru": "крупный текст и высокий контраст",
                                 "kk": "ірі мәтін және жоғары контраст"},
    "unknown-task": {
        "en": "Unknown or not yet supported task {task}.",
        "ru": "Неизвестная или пока не поддерживаемая задача {task}.",
        "kk": "Белгісіз немесе әзірге қолдау көрсетілмейтін тапсырма: {task}.",
    },
    "stopped": {
        "en": "The task was stopped before it finished ({reason}) after {clicks}; the time "
        "budget may have run out.",
        "ru": "Задача остановлена до завершения ({reason}), сделано {clicks}; возможно, "
        "закончилось отведённое время.",
        "kk": "Тапсырма аяқталмай тоқтатылды ({reason}), {clicks} жасалды; бөлінген уақыт "
        "біткен болуы мүмкін.",
    },
    "could-not-finish": {
        "en": "The navigator could not finish: {reason}.",
        "ru": "Навигатор не смог завершить задачу: {reason}.",
        "kk": "Навигатор тапсырманы аяқтай алмады: {reason}.",
    },
}

# Kazakh "басу" as in the report's own labels (tester/report/i18n/kk.json).
CLICK_FORMS = {"en": ("click", "clicks"), "ru": ("клик", "клика", "кликов"), "kk": ("басу",)}
PLURAL_CLICK_FORMS = {**CLICK_FORMS, "en": ("clicks",)}  # where English always said "clicks"

# Verdicts of the goal recognisers (tester/goals, English) and their ru/kk versions. Named
# groups are filled in; a group value listed in REASON_PARTS is translated too.
_REASON_TEXTS: list[tuple[str, dict[str, str]]] = [
    (r"the page shows a phone number and (?P<what>.+)",
     {"ru": "на странице есть номер телефона и {what}",
      "kk": "бетте телефон нөмірі мен {what} бар"}),
    (r"a phone number but no e-mail or postal address",
     {"ru": "есть номер телефона, но нет e-mail или почтового адреса",
      "kk": "телефон нөмірі бар, бірақ e-mail не пошта мекенжайы жоқ"}),
    (r"an e-mail or address but no phone number as text \((?P<count>\d+) image\(s\) without alt "
     r"text may show it\)",
     {"ru": "есть e-mail или адрес, но нет номера телефона текстом (его могут показывать "
      "изображения без alt: {count})",
      "kk": "e-mail не мекенжай бар, бірақ телефон нөмірі мәтін ретінде жоқ (оны alt мәтіні жоқ "
      "{count} сурет көрсетуі мүмкін)"}),
    (r"an e-mail or address but no phone number",
     {"ru": "есть e-mail или адрес, но нет номера телефона",
      "kk": "e-mail не мекенжай бар, бірақ телефон нөмірі жоқ"}),
    (r"no phone number, e-mail or address on the page",
     {"ru": "на странице нет ни телефона, ни e-mail, ни адреса",
      "kk": "бетте телефон нөмірі де, e-mail де, мекенжай да жоқ"}),
    (r"no heading about appeals and no e-appeal link",
     {"ru": "нет ни заголовка об обращениях, ни ссылки на электронное обращение",
      "kk": "өтініштер туралы тақырып та, электрондық өтініш сілтемесі де жоқ"}),
    (r"a dated news item about appeals, not the procedure",
     {"ru": "датированная новость об обращениях, а не порядок их подачи",
      "kk": "өтініштер туралы күні көрсетілген жаңалық, өтініш беру тәртібі емес"}),
    (r"an appeals heading without a procedure, schedule or channel",
     {"ru": "заголовок об обращениях без порядка, графика приёма или способа подачи",
      "kk": "өтініштер туралы тақырып бар, бірақ тәртібі, қабылдау кестесі не беру арнасы жоқ"}),
    (r"the page explains how to submit an appeal",
     {"ru": "страница объясняет, как подать обращение",
      "kk": "бет өтінішті қалай беру керегін түсіндіреді"}),
    (r"the page links to an e-appeal service \(credited, not followed\)",
     {"ru": "страница ссылается на сервис электронных обращений (засчитано, переход не "
      "выполнялся)",
      "kk": "бет электрондық өтініш сервисіне сілтейді (есептелді, оған өтілмеді)"}),
    (r"an e-appeal link \(credited, not followed\)",
     {"ru": "ссылка на электронное обращение (засчитана, переход не выполнялся)",
      "kk": "электрондық өтініш сілтемесі (есептелді, оған өтілмеді)"}),
    (r"the Kazakh link answered HTTP (?P<status>\S+)",
     {"ru": "ссылка на казахскую версию ответила HTTP {status}",
      "kk": "қазақша нұсқа сілтемесі HTTP {status} қайтарды"}),
    (r"the page has too little text to tell its language",
     {"ru": "на странице слишком мало текста, чтобы определить язык",
      "kk": "беттің тілін анықтау үшін мәтін тым аз"}),
    (r"the page is (?P<why>.+) \((?P<share>[^)]*) Kazakh letters\)",
     {"ru": "страница {why} ({share} казахских букв)",
      "kk": "бет {why} (қазақ әріптері {share})"}),
    (r"most of the page's lines are Russian \((?P<share>[^)]*) Kazakh letters, from a few "
     r"Kazakh lines\)",
     {"ru": "большинство строк страницы на русском ({share} казахских букв, из нескольких "
      "казахских строк)",
      "kk": "беттің көп жолы орысша (қазақ әріптері {share}, бірнеше қазақша жолдан)"}),
    (r"the page is in Kazakh \((?P<share>[^)]*) Kazakh-specific letters\)",
     {"ru": "страница на казахском языке ({share} букв, характерных для казахского)",
      "kk": "бет қазақ тілінде (қазақ тіліне тән әріптер {share})"}),
    (r"the results page answered HTTP (?P<status>\S+)",
     {"ru": "страница результатов ответила HTTP {status}",
      "kk": "нәтижелер беті HTTP {status} қайтарды"}),
    (r"the search showed the start page again, not a results page",
     {"ru": "поиск снова показал стартовую страницу, а не страницу результатов",
      "kk": "іздеу нәтижелер бетінің орнына бастапқы бетті қайта көрсетті"}),
    (r"the site says nothing was found \((?P<text>.*)\)",
     {"ru": "сайт сообщает, что ничего не найдено ({text})",
      "kk": "сайт ештеңе табылмағанын хабарлайды ({text})"}),
    (r"the results page lists no result on this site",
     {"ru": "на странице результатов нет ни одного результата с этого сайта",
      "kk": "нәтижелер бетінде осы сайттан бірде-бір нәтиже жоқ"}),
    (r"(?P<count>\d+) result\(s\) on this site",
     {"ru": "результатов с этого сайта: {count}", "kk": "осы сайттан {count} нәтиже"}),
    (r"no page titled as a site map",
     {"ru": "нет страницы с заголовком «Карта сайта»",
      "kk": "«Сайт картасы» деп аталған бет жоқ"}),
    (r"a site-map heading but only (?P<count>\d+) links listed",
     {"ru": "заголовок карты сайта есть, но ссылок в ней всего {count}",
      "kk": "сайт картасы тақырыбы бар, бірақ онда небәрі {count} сілтеме бар"}),
    (r"a site map listing (?P<count>\d+) pages",
     {"ru": "карта сайта, в которой страниц: {count}",
      "kk": "{count} бетті тізіп көрсететін сайт картасы"}),
    (r"the html element has no lang attribute",
     {"ru": "у элемента html нет атрибута lang", "kk": "html элементінде lang атрибуты жоқ"}),
    (r'lang="(?P<value>.*)" is not a valid code; Kazakh is "kk"',
     {"ru": 'lang="{value}" — недопустимый код; казахский язык — "kk"',
      "kk": 'lang="{value}" — дұрыс код емес; қазақ тілі — "kk"'}),
    (r'lang="(?P<value>.*)" on a Kazakh page',
     {"ru": 'lang="{value}" на казахской странице', "kk": 'қазақша бетте lang="{value}" тұр'}),
]
REASONS = [(re.compile(pattern), texts) for pattern, texts in _REASON_TEXTS]

REASON_PARTS: dict[str, dict[str, str]] = {
    "an e-mail": {"ru": "e-mail", "kk": "e-mail"},
    "an address": {"ru": "адрес", "kk": "мекенжай"},
    "an e-mail and an address": {"ru": "e-mail и адрес", "kk": "e-mail және мекенжай"},
    "marked Kazakh but its text is still Russian": {
        "ru": "помечена как казахская, но текст на русском",
        "kk": "қазақша деп белгіленген, бірақ мәтіні әлі орысша"},
    "not in Kazakh": {"ru": "не на казахском языке", "kk": "қазақ тілінде емес"},
}


def say(key: str, **values: Any) -> Texts:
    """The catalog entry `key` in en, ru and kk."""
    return fill(CATALOG, key, **values)


def clicks(count: int, always_plural: bool = False) -> Texts:
    """"2 clicks" / "2 клика" / "2 басу" (English "1 click" unless it always said "clicks")."""
    return counted(count, PLURAL_CLICK_FORMS if always_plural else CLICK_FORMS)


def reason(text: str) -> Texts:
    """A recogniser's English verdict in every language; unknown verdicts stay English."""
    for pattern, templates in REASONS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        out = {"en": text}
        for lang in ("ru", "kk"):
            parts = {name: REASON_PARTS.get(value, {}).get(lang, value)
                     for name, value in match.groupdict().items()}
            out[lang] = templates[lang].format(**parts)
        return out
    return same(text)
