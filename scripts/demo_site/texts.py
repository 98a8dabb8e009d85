"""Interface texts and the menu of the demo site, per language."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("kk", "ru", "en")


@dataclass
class Page:
    title: str
    body: str
    parent: str | None = None  # breadcrumb parent (a page name such as "news/index.html")


# ---------------------------------------------------------------------------------------------
# Interface texts

UI: dict[str, dict[str, str]] = {
    "kk": {
        "site": "Жасыл ауданының әкімдігі",
        "site_sub": "Ресми интернет-ресурс",
        "skip": "Мазмұнға өту",
        "lang_nav": "Тілді таңдау",
        "lv_on": "Нашар көретіндерге арналған нұсқа",
        "lv_off": "Қалыпты нұсқа",
        "search_label": "Сайт бойынша іздеу",
        "search_placeholder": "Іздеу...",
        "search_button": "Іздеу",
        "main_nav": "Басты мәзір",
        "breadcrumbs": "Сіз осындасыз",
        "home": "Басты бет",
        "footer_nav": "Төменгі мәзір",
        "sitemap": "Сайт картасы",
        "contacts": "Байланыс",
        "appeals": "Азаматтардың өтініштері",
        "address": "100000, Жасыл ауданы, Бейбітшілік көшесі, 12",
        "copyright": "© 2026 Жасыл ауданының әкімдігі. Бұл – оқу мақсатындағы демонстрациялық "
        "сайт, ондағы барлық деректер ойдан шығарылған.",
        "footer_note": "Сайт материалдарын пайдаланған кезде дереккөзге сілтеме беру міндетті. "
        "Сайт сынақ режимінде жұмыс істейді.",
        "all_news": "Барлық жаңалықтар",
        "kb": "КБ",
    },
    "ru": {
        "site": "Акимат Жасыл района",
        "site_sub": "Официальный интернет-ресурс",
        "skip": "К содержанию",
        "lang_nav": "Выбор языка",
        "lv_on": "Версия для слабовидящих",
        "lv_off": "Обычная версия сайта",
        "search_label": "Поиск по сайту",
        "search_placeholder": "Поиск...",
        "search_button": "Найти",
        "main_nav": "Главное меню",
        "breadcrumbs": "Вы здесь",
        "home": "Главная",
        "footer_nav": "Нижнее меню",
        "sitemap": "Карта сайта",
        "contacts": "Контакты",
        "appeals": "Обращения граждан",
        "address": "100000, Жасыл район, ул. Бейбитшилик, 12",
        "copyright": "© 2026 Акимат Жасыл района. Это учебный демонстрационный сайт, все данные "
        "на нем вымышлены.",
        "footer_note": "При использовании материалов сайта ссылка на источник обязательна. "
        "Сайт работает в тестовом режиме.",
        "all_news": "Все новости",
        "kb": "КБ",
    },
    "en": {
        "site": "Akimat of Zhasyl District",
        "site_sub": "Official website",
        "skip": "Skip to content",
        "lang_nav": "Choose language",
        "lv_on": "Version for the visually impaired",
        "lv_off": "Normal version",
        "search_label": "Search the site",
        "search_placeholder": "Search...",
        "search_button": "Search",
        "main_nav": "Main menu",
        "breadcrumbs": "Breadcrumb",
        "home": "Home",
        "footer_nav": "Footer menu",
        "sitemap": "Site map",
        "contacts": "Contacts",
        "appeals": "Citizens' appeals",
        "address": "12 Beibitshilik Street, Zhasyl District, 100000",
        "copyright": "© 2026 Akimat of Zhasyl District. This is a demonstration site for "
        "training; all its data are fictional.",
        "footer_note": "When using materials from this site, a link to the source is required. "
        "The site is running in test mode.",
        "all_news": "All news",
        "kb": "KB",
    },
}
LANG_LABELS = {"kk": "ҚАЗ", "ru": "РУС", "en": "ENG"}

# (label, page, submenu [(label, page or page#fragment)])
MENU: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {
    "kk": [
        (
            "Әкімдік туралы",
            "about.html",
            [
                ("Әкімдік туралы ереже", "about.html"),
                ("Басшылық", "leadership.html"),
                ("Құрылым", "structure.html"),
                ("Бос орындар", "vacancies.html"),
                ("Сыбайлас жемқорлыққа қарсы іс-қимыл", "anticorruption.html"),
            ],
        ),
        (
            "Қызметі",
            "documents.html",
            [
                ("Құжаттар", "documents.html"),
                ("Статистика", "statistics.html"),
                ("Мемлекеттік қызметтер", "services.html"),
            ],
        ),
        ("Жаңалықтар", "news/index.html", []),
        (
            "Азаматтардың өтініштері",
            "appeals.html",
            [
                ("Өтініш беру тәртібі", "appeals.html#procedure"),
                ("Азаматтарды қабылдау кестесі", "appeals.html#schedule"),
            ],
        ),
        ("Байланыс", "contacts.html", []),
    ],
    "ru": [
        (
            "Об акимате",
            "about.html",
            [
                ("Положение об акимате", "about.html"),
                ("Руководство", "leadership.html"),
                ("Структура", "structure.html"),
                ("Вакансии", "vacancies.html"),
                ("Противодействие коррупции", "anticorruption.html"),
            ],
        ),
        (
            "Деятельность",
            "documents.html",
            [
                ("Документы", "documents.html"),
                ("Статистика", "statistics.html"),
                ("Государственные услуги", "services.html"),
            ],
        ),
        ("Новости", "news/index.html", []),
        (
            "Обращения граждан",
            "appeals.html",
            [
                ("Порядок подачи обращения", "appeals.html#procedure"),
                ("График приема граждан", "appeals.html#schedule"),
            ],
        ),
        ("Контакты", "contacts.html", []),
    ],
    "en": [
        (
            "About",
            "about.html",
            [
                ("Regulation", "about.html"),
                ("Leadership", "leadership.html"),
                ("Structure", "structure.html"),
                ("Anti-corruption", "anticorruption.html"),
            ],
        ),
        (
            "Activities",
            "documents.html",
            [
                ("Documents", "documents.html"),
                ("Statistics", "statistics.html"),
                ("Public services", "services.html"),
            ],
        ),
        ("News", "news/index.html", []),
        (
            "Citizens' appeals",
            "appeals.html",
            [
                ("How to submit an appeal", "appeals.html#procedure"),
                ("Reception schedule", "appeals.html#schedule"),
            ],
        ),
        ("Contacts", "contacts.html", []),
    ],
}
