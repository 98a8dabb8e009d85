"""Build the generated files of the demo site; the output is committed, so run it only after edits.

    python -m tester.demo.make_assets          # everything
    python -m tester.demo.make_assets --pages  # HTML pages and sitemap.xml only

It writes into ``tester/demo/site/``:

* the HTML pages of ``/kk/``, ``/ru/`` and ``/en/``, ``/index.html`` (a byte-identical copy of the
  Russian home page) and ``/404.html``;
* ``sitemap.xml`` (absolute URLs through the ``{{ORIGIN}}`` placeholder the demo server fills in);
* ``assets/scan-order.png``: an order of the akim rendered INTO an image, i.e. a "scanned"
  document (a deliberate flaw), and ``docs/order-45-scan.pdf``, the same scan as an image-only PDF;
* ``docs/regulation.pdf`` and ``docs/development-plan-2026.pdf``: real text PDFs, printed by a
  local headless Chromium with networking disabled (without Chromium, a minimal Latin-only text
  PDF is written instead).

Hand-written files are left alone: ``assets/site.css``, ``assets/site.js``, ``assets/*.svg``,
``robots.txt`` and ``FLAWS.md`` (the list of the site's deliberate flaws; keep it in step with the
``FLAW`` comments below).
"""

from __future__ import annotations

import argparse
import html
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

SITE = Path(__file__).resolve().parent / "site"
LANGS = ("kk", "ru", "en")
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)


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

# ---------------------------------------------------------------------------------------------
# News (newest first). Items without "page" are listed without a page of their own.

NEWS: list[dict] = [
    {
        "date": "2026-11-20",
        "page": "news-1.html",
        "image": "news-park.svg",
        "kk": (
            "Көктерек ауылында жаңа саябақ ашылды",
            "Көктерек ауылында «Жасыл бақ» саябағының ашылу салтанаты өтті. 1,2 гектар аумаққа "
            "300-ден астам ағаш пен бұта отырғызылып, орындықтар, жарық шамдары және балалар "
            "алаңы орнатылды.",
            [
                "Саябақ «Ауыл – Ел бесігі» жобасы аясында салынды. Жұмыстарға жергілікті "
                "бюджеттен 86 млн теңге бөлінді. Ашылу салтанатына аудан әкімі Нұрлан Серікбаев, "
                "ауыл тұрғындары мен оқушылар қатысты.",
                "Әкім тұрғындарға алғыс айтып, жаңа саябақты бірге күтіп ұстауға шақырды.",
            ],
            "Көктерек ауылындағы жаңа саябақ: ағаштар мен орындық",
        ),
        "ru": (
            "В селе Коктерек открыт новый сквер",
            "В селе Коктерек состоялось открытие сквера «Жасыл бак». На площади 1,2 гектара "
            "высажено более 300 деревьев и кустарников, установлены скамейки, освещение и детская "
            "площадка.",
            [
                "Сквер построен в рамках проекта «Ауыл – Ел бесігі». На работы из местного бюджета "
                "выделено 86 млн тенге. В открытии приняли участие аким района Нурлан Серикбаев, "
                "жители села и школьники.",
                "Аким поблагодарил жителей и призвал вместе беречь новый сквер.",
            ],
            None,  # FLAW: image without alt (only on /ru/news/news-1.html)
        ),
        "en": (
            "A new public garden opens in Kokterek",
            "The Zhasyl Bak public garden has opened in the village of Kokterek. More than 300 "
            "trees and shrubs were planted on 1.2 hectares, and benches, lighting and a playground "
            "were installed.",
            [
                "The garden was built under the “Auyl – El Besigi” programme with 86 million tenge "
                "from the local budget. District akim Nurlan Serikbayev, residents and "
                "schoolchildren attended the opening.",
                "The akim thanked the residents and asked everyone to help look after the garden.",
            ],
            "The new public garden in Kokterek: trees and a bench",
        ),
    },
    {
        "date": "2026-11-18",
        "page": "news-2.html",
        "image": "news-meeting.svg",
        "kk": (
            "Аудан әкімі Ақбұлақ ауылдық округінің тұрғындарымен есепті кездесу өткізді",
            "Кездесуде 2026 жылдың он айындағы әлеуметтік-экономикалық даму қорытындылары "
            "талқыланды. Тұрғындар ауыз су, жол жөндеу және балаларды мектепке тасымалдау "
            "мәселелерін көтерді.",
            [
                "Кездесуге 150-ден астам адам қатысты. Көтерілген 23 мәселенің 9-ы орнында "
                "шешілді, қалғандары бақылауға алынды.",
                "Келесі есепті кездесу 2027 жылдың қаңтарында өтеді.",
            ],
            "Аудан әкімінің Ақбұлақ ауылдық округі тұрғындарымен кездесуі",
        ),
        "ru": (
            "Аким района провел отчетную встречу с жителями Акбулакского сельского округа",
            "На встрече обсудили итоги социально-экономического развития за десять месяцев "
            "2026 года. Жители подняли вопросы питьевой воды, ремонта дорог и подвоза детей в "
            "школу.",
            [
                "Во встрече приняли участие более 150 человек. Из 23 поднятых вопросов 9 решены на "
                "месте, остальные взяты на контроль.",
                "Следующая отчетная встреча запланирована на январь 2027 года.",
            ],
            "Встреча акима района с жителями Акбулакского сельского округа",
        ),
        "en": (
            "The akim reports to the residents of Akbulak rural district",
            "The meeting discussed the social and economic results of the first ten months of "
            "2026. Residents raised questions about drinking water, road repairs and school "
            "transport.",
            [
                "More than 150 people attended. Of the 23 issues raised, 9 were resolved on the "
                "spot; the others have been put under control.",
                "The next report meeting is planned for January 2027.",
            ],
            "The district akim meeting residents of Akbulak rural district",
        ),
    },
    {
        "date": "2026-11-14",
        "page": "news-3.html",
        "image": "news-road.svg",
        "kk": (
            "Жасыл – Жаңатұрмыс жолын жөндеу аяқталды",
            "Ұзындығы 12 шақырым болатын аудандық маңызы бар жолға орташа жөндеу жүргізілді: "
            "жаңа асфальт төселіп, жол белгілері мен аялдамалар жаңартылды.",
            [
                "Жұмыстар 2026 жылдың мамырынан қарашасына дейін облыстық және аудандық бюджет "
                "қаражаты есебінен жүргізілді.",
                "Жол төрт ауылды аудан орталығымен байланыстырады, күн сайын онымен алты мыңға "
                "жуық адам жүреді.",
            ],
            "Жөндеуден кейінгі Жасыл – Жаңатұрмыс жолы",
        ),
        "ru": (
            "Завершен ремонт дороги Жасыл – Жанатурмыс",
            "На дороге районного значения протяженностью 12 километров проведен средний ремонт: "
            "уложен новый асфальт, обновлены дорожные знаки и остановки.",
            [
                "Работы велись с мая по ноябрь 2026 года за счет средств областного и районного "
                "бюджетов.",
                "Дорога связывает с районным центром четыре села; ежедневно по ней проезжает около "
                "шести тысяч человек.",
            ],
            "Дорога Жасыл – Жанатурмыс после ремонта",
        ),
        "en": (
            "Repair of the Zhasyl – Zhanaturmys road completed",
            "A 12-kilometre district road has had a medium repair: new asphalt, new road signs "
            "and renovated bus stops.",
            [
                "The works ran from May to November 2026 and were paid for from the regional and "
                "district budgets.",
                "The road links four villages with the district centre; about six thousand people "
                "use it every day.",
            ],
            "The Zhasyl – Zhanaturmys road after the repair",
        ),
    },
    {
        "date": "2026-11-11",
        "kk": (
            "Аудандық қоғамдық кеңестің отырысы өтті",
            "Қоғамдық кеңес мүшелері ауданның 2027 жылға арналған бюджетінің жобасын талқылады.",
        ),
        "ru": (
            "Состоялось заседание общественного совета района",
            "Члены общественного совета обсудили проект бюджета района на 2027 год.",
        ),
        "en": (
            "The district public council meets",
            "Members of the public council discussed the draft district budget for 2027.",
        ),
    },
    {
        "date": "2026-11-06",
        "kk": (
            "Аудан мектептерінде «Назар аударыңыз, балалар!» акциясы өтті",
            "Оқушыларға жол жүру ережелері мен көшедегі қауіпсіздік тәсілдері түсіндірілді.",
        ),
        "ru": (
            "В школах района прошла акция «Внимание, дети!»",
            "Школьникам напомнили правила дорожного движения и безопасного поведения на улице.",
        ),
    },
    {
        "date": "2026-10-30",
        "kk": (
            "Жылыту маусымына дайындық аяқталды",
            "Аудандағы барлық қазандықтар мен әлеуметтік нысандар қысқы кезеңде жұмыс істеуге "
            "дайын.",
        ),
        "ru": (
            "Подготовка к отопительному сезону завершена",
            "Все котельные и объекты социальной сферы района готовы к работе в зимний период.",
        ),
    },
]


def _dmy(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


def _time(iso: str) -> str:
    return f'<time datetime="{iso}">{_dmy(iso)}</time>'


def news_items(lang: str, limit: int | None = None) -> str:
    items = []
    for item in NEWS:
        if lang not in item:
            continue  # the English section has fewer news items
        title, summary = item[lang][0], item[lang][1]
        page = item.get("page")
        head = f'<a href="@/news/{page}">{title}</a>' if page else title
        items.append(
            f'<li>{_time(item["date"])}\n<span class="news-title">{head}</span>\n'
            f"<p>{summary}</p></li>"
        )
    return '<ul class="news-list">\n' + "\n".join(items[:limit]) + "\n</ul>"


def news_pages(lang: str) -> dict[str, Page]:
    pages: dict[str, Page] = {}
    back = {"kk": "Барлық жаңалықтар", "ru": "Все новости", "en": "All news"}[lang]
    for item in NEWS:
        if "page" not in item or lang not in item:
            continue
        title, summary, paragraphs, alt = item[lang]
        alt_attr = "" if alt is None else f' alt="{html.escape(alt)}"'
        body = (
            f'<p class="news-date">{_time(item["date"])}</p>\n'
            f'<p class="lead">{summary}</p>\n'
            f'<figure class="figure"><img src="/assets/{item["image"]}"{alt_attr} '
            'width="480" height="270"></figure>\n'
            + "\n".join(f"<p>{p}</p>" for p in paragraphs)
            + f'\n<p><a href="@/news/index.html">← {back}</a></p>'
        )
        pages[f"news/{item['page']}"] = Page(title, body, parent="news/index.html")
    return pages


# ---------------------------------------------------------------------------------------------
# Shared blocks

STATS_ROWS = {
    "ru": [
        ("Численность населения", "человек", "48 320"),
        ("Площадь территории", "тыс. км²", "7,9"),
        ("Сельские округа", "единиц", "9"),
        ("Населенные пункты", "единиц", "27"),
        ("Общеобразовательные школы", "единиц", "31"),
        ("Объем промышленного производства", "млн тенге", "84 512,6"),
        ("Посевные площади", "тыс. га", "212,4"),
        ("Уровень безработицы", "%", "4,8"),
    ],
    "en": [
        ("Population", "people", "48,320"),
        ("Area", "thousand km²", "7.9"),
        ("Rural districts", "units", "9"),
        ("Settlements", "units", "27"),
        ("Schools", "units", "31"),
        ("Industrial output", "million tenge", "84,512.6"),
        ("Sown area", "thousand ha", "212.4"),
        ("Unemployment rate", "%", "4.8"),
    ],
}


def table(
    caption: str,
    head: tuple[str, ...],
    rows: list[tuple[str, ...]],
    row_th: bool = False,
    table_id: str = "",
) -> str:
    ident = f' id="{table_id}"' if table_id else ""
    ths = "".join(f'<th scope="col">{h}</th>' for h in head)
    body_rows = []
    for row in rows:
        first = f'<th scope="row">{row[0]}</th>' if row_th else f"<td>{row[0]}</td>"
        body_rows.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>")
    return (
        f'<div class="table-wrap"><table{ident}>\n<caption>{caption}</caption>\n'
        f"<thead><tr>{ths}</tr></thead>\n<tbody>\n" + "\n".join(body_rows) + "\n</tbody>\n"
        "</table></div>"
    )


def tel(number: str) -> str:
    digits = "+" + re.sub(r"\D", "", number)
    return f'<a href="tel:{digits}">{number}</a>'


EMAIL = '<a href="mailto:kense@zhasyl-akimat.kz">kense@zhasyl-akimat.kz</a>'
EOTINISH = '<a href="https://eotinish.kz/">eOtinish (eotinish.kz)</a>'
EGOV = '<a href="https://egov.kz/">egov.kz</a>'

LEGAL_NOTICE = {  # FLAW: 10px text, on contacts.html in every language
    "kk": "Құқықтық ақпарат: осы бетте жарияланған дербес деректер «Дербес деректер және оларды "
    "қорғау туралы» Қазақстан Республикасының Заңына сәйкес өңделеді.",
    "ru": "Правовая информация: персональные данные, размещенные на этой странице, "
    "обрабатываются в соответствии с Законом Республики Казахстан «О персональных данных и "
    "их защите».",
    "en": "Legal notice: personal data published on this page are processed in accordance with "
    "the Law of the Republic of Kazakhstan “On Personal Data and Their Protection”.",
}

PEOPLE = {
    "kk": [
        (
            "Серікбаев Нұрлан Асқарұлы",
            "Жасыл ауданының әкімі",
            "1978 жылы Жасыл ауданында туған. 2000 жылы Л. Н. Гумилев атындағы Еуразия ұлттық "
            "университетін «Экономика» мамандығы бойынша бітірген. Еңбек жолын 2000 жылы "
            "аудандық қаржы бөлімінде экономист болып бастаған. 2012–2018 жылдары Жасыл "
            "ауданының экономика және бюджеттік жоспарлау бөлімінің басшысы, 2018–2023 жылдары "
            "аудан әкімінің орынбасары болып қызмет атқарған. 2023 жылдың қыркүйегінде Жасыл "
            "ауданының әкімі болып тағайындалды. «Ерен еңбегі үшін» медалімен марапатталған.",
            "Қабылдау бөлмесі",
            "+7 (7172) 55-01-01",
        ),
        (
            "Жұмабаева Гүлнар Маратқызы",
            "Аудан әкімінің орынбасары (әлеуметтік мәселелер)",
            "1982 жылы туған. 2004 жылы Қарағанды мемлекеттік университетін «Филология» "
            "мамандығы бойынша бітірген, «Мемлекеттік және жергілікті басқару» мамандығы бойынша "
            "магистр. Аудандық білім беру бөлімінде әдіскер, бөлім басшысының орынбасары, "
            "2019–2024 жылдары жұмыспен қамту және әлеуметтік бағдарламалар бөлімінің басшысы "
            "болып жұмыс істеген. 2024 жылдан бастап қазіргі лауазымында.",
            "Телефон",
            "+7 (7172) 55-01-04",
        ),
        (
            "Омаров Ерлан Бақытжанұлы",
            "Аудан әкімінің орынбасары (тұрғын үй-коммуналдық шаруашылық, құрылыс, ауыл "
            "шаруашылығы)",
            "1980 жылы туған. 2002 жылы С. Сейфуллин атындағы Қазақ агротехникалық "
            "университетін «Агрономия» мамандығы бойынша бітірген. Шаруа қожалығында агроном, "
            "аудандық ауыл шаруашылығы бөлімінің бас маманы, Ақбұлақ ауылдық округінің әкімі "
            "болып жұмыс істеген. 2022 жылдан бастап қазіргі лауазымында.",
            "Телефон",
            "+7 (7172) 55-01-05",
        ),
        (
            "Ким Виктор Сергеевич",
            "Аудан әкімі аппаратының басшысы",
            "1985 жылы туған. 2007 жылы Қазақ гуманитарлық заң университетін «Құқықтану» "
            "мамандығы бойынша бітірген. Аудан әкімінің аппаратында заң кеңесшісі, ұйымдастыру "
            "жұмысы бөлімінің басшысы болып жұмыс істеген. 2021 жылдан бастап қазіргі "
            "лауазымында.",
            "Телефон",
            "+7 (7172) 55-01-06",
        ),
    ],
    "ru": [
        (
            "Серикбаев Нурлан Аскарович",
            "Аким Жасыл района",
            "Родился в 1978 году в Жасыл районе. В 2000 году окончил Евразийский национальный "
            "университет им. Л. Н. Гумилева по специальности «Экономика». Трудовую деятельность "
            "начал в 2000 году экономистом районного финансового отдела. В 2012–2018 годах – "
            "руководитель отдела экономики и бюджетного планирования Жасыл района, в 2018–2023 "
            "годах – заместитель акима района. В сентябре 2023 года назначен акимом Жасыл "
            "района. Награжден медалью «Ерен еңбегі үшін».",
            "Приемная",
            "+7 (7172) 55-01-01",
        ),
        (
            "Жумабаева Гульнар Маратовна",
            "Заместитель акима района (социальные вопросы)",
            "Родилась в 1982 году. В 2004 году окончила Карагандинский государственный "
            "университет по специальности «Филология», магистр по специальности «Государственное "
            "и местное управление». Работала методистом, заместителем руководителя районного "
            "отдела образования, в 2019–2024 годах – руководителем отдела занятости и социальных "
            "программ. С 2024 года – в занимаемой должности.",
            "Телефон",
            "+7 (7172) 55-01-04",
        ),
        (
            "Омаров Ерлан Бакытжанович",
            "Заместитель акима района (жилищно-коммунальное хозяйство, строительство, сельское "
            "хозяйство)",
            "Родился в 1980 году. В 2002 году окончил Казахский агротехнический университет "
            "им. С. Сейфуллина по специальности «Агрономия». Работал агрономом крестьянского "
            "хозяйства, главным специалистом районного отдела сельского хозяйства, акимом "
            "Акбулакского сельского округа. С 2022 года – в занимаемой должности.",
            "Телефон",
            "+7 (7172) 55-01-05",
        ),
        (
            "Ким Виктор Сергеевич",
            "Руководитель аппарата акима района",
            "Родился в 1985 году. В 2007 году окончил Казахский гуманитарно-юридический "
            "университет по специальности «Юриспруденция». Работал юрисконсультом, руководителем "
            "отдела организационной работы аппарата акима района. С 2021 года – в занимаемой "
            "должности.",
            "Телефон",
            "+7 (7172) 55-01-06",
        ),
    ],
    "en": [
        (
            "Nurlan Serikbayev",
            "Akim of Zhasyl District",
            "Born in 1978 in Zhasyl District. Graduated in economics from L. N. Gumilyov "
            "Eurasian National University in 2000. Began his career in 2000 as an economist at "
            "the district finance department. Head of the district department of economy and "
            "budget planning (2012–2018) and deputy akim of the district (2018–2023). Appointed "
            "akim of Zhasyl District in September 2023. Awarded the “Eren Yenbegi Ushin” medal.",
            "Reception office",
            "+7 (7172) 55-01-01",
        ),
        (
            "Gulnar Zhumabayeva",
            "Deputy Akim (social affairs)",
            "Born in 1982. Graduated in philology from Karaganda State University in 2004; "
            "master's degree in public and local administration. Worked as a methodologist and "
            "deputy head of the district education department, and as head of the department of "
            "employment and social programmes (2019–2024). In office since 2024.",
            "Phone",
            "+7 (7172) 55-01-04",
        ),
        (
            "Yerlan Omarov",
            "Deputy Akim (housing and utilities, construction, agriculture)",
            "Born in 1980. Graduated in agronomy from S. Seifullin Kazakh Agrotechnical "
            "University in 2002. Worked as a farm agronomist, chief specialist of the district "
            "agriculture department and akim of Akbulak rural district. In office since 2022.",
            "Phone",
            "+7 (7172) 55-01-05",
        ),
        (
            "Viktor Kim",
            "Head of the Akim's Office",
            "Born in 1985. Graduated in law from the Kazakh Humanitarian Law University in 2007. "
            "Worked as a legal adviser and as head of the organisational department of the "
            "akim's office. In office since 2021.",
            "Phone",
            "+7 (7172) 55-01-06",
        ),
    ],
}
PHOTO_ALT = {"kk": "{} суреті", "ru": "Фотография: {}", "en": "Photo of {}"}


def people(lang: str) -> str:
    cards = []
    for name, position, bio, phone_label, phone in PEOPLE[lang]:
        alt = html.escape(PHOTO_ALT[lang].format(name))
        cards.append(
            f'<article class="person">\n<img src="/assets/person.svg" alt="{alt}" width="144" '
            f'height="176">\n<div class="person-info">\n<h2>{name}</h2>\n'
            f'<p class="position">{position}</p>\n<p>{bio}</p>\n'
            f"<p>{phone_label}: {tel(phone)}</p>\n</div>\n</article>"
        )
    return "\n".join(cards)


def documents(lang: str) -> str:
    texts = {
        "kk": (
            "Әкімдіктің нормативтік құқықтық актілері, жоспарлары мен есептері.",
            "«Жасыл ауданы әкімінің аппараты» мемлекеттік мекемесінің ережесі",
            "Жасыл ауданының 2026–2030 жылдарға арналған даму жоспары",
            "Аудан әкімінің 02.09.2026 жылғы № 45 «Азаматтарды қабылдау кестесін бекіту "
            "туралы» өкімі",
            "скан",
            "Аудан әкімінің № 45 өкімінің сканерленген көшірмесі",
            "№ 45 өкім (сканерленген көшірме)",
        ),
        "ru": (
            "Нормативные правовые акты, планы и отчеты акимата.",
            "Положение о государственном учреждении «Аппарат акима Жасыл района»",
            "План развития Жасыл района на 2026–2030 годы",
            "Распоряжение акима района № 45 от 02.09.2026 «Об утверждении графика приема граждан»",
            "скан",
            "Сканированная копия распоряжения акима района № 45",
            "Распоряжение № 45 (сканированная копия)",
        ),
        "en": (
            "Legal acts, plans and reports of the akimat.",
            "Regulation of the state institution “Office of the Akim of Zhasyl District” "
            "(in Russian and Kazakh)",
            "Development plan of Zhasyl District for 2026–2030 (in Russian)",
            "Order of the akim No. 45 of 02.09.2026 “On approving the schedule for receiving "
            "citizens” (in Russian)",
            "scan",
            "Scanned copy of the akim's order No. 45",
            "Order No. 45 (scanned copy)",
        ),
    }
    intro, regulation, plan, order, scan, scan_alt, caption = texts[lang]
    items = [
        f'<li><a href="/docs/regulation.pdf">{regulation}</a> '
        '<span class="doc-meta">(PDF, {size:regulation.pdf})</span></li>',
        f'<li><a href="/docs/development-plan-2026.pdf">{plan}</a> '
        '<span class="doc-meta">(PDF, {size:development-plan-2026.pdf})</span></li>',
        # FLAW: a scanned document: the order exists only as an image / image-only PDF.
        f'<li><a href="/docs/order-45-scan.pdf">{order}</a> '
        f'<span class="doc-meta">(PDF, {scan}, {{size:order-45-scan.pdf}})</span>\n'
        f'<figure class="scan"><img src="/assets/scan-order.png" alt="{scan_alt}" width="620" '
        f'height="877">\n<figcaption>{caption}</figcaption></figure></li>',
    ]
    if lang == "ru":
        # FLAW: the one broken internal link of the site (the file does not exist).
        items.append(
            '<li><a href="/ru/docs/missing-report.pdf">Отчет акима Жасыл района перед '
            'населением за 2025 год</a> <span class="doc-meta">(PDF, 2,1 МБ)</span></li>'
        )
    return f"<p>{intro}</p>\n" + '<ul class="doc-list">\n' + "\n".join(items) + "\n</ul>"


def sitemap_body(lang: str, pages: dict[str, Page]) -> str:
    def link(name: str, label: str) -> str:
        return f'<a href="@/{name}">{label}</a>'

    lines = [f"<li>{link('index.html', UI[lang]['home'])}</li>"]
    listed = {"index.html", "sitemap.html"}
    for label, name, children in MENU[lang]:
        sub = []
        for child_label, child in children:
            if "#" in child or child == name:
                continue
            sub.append(f"<li>{link(child, child_label)}</li>")
            listed.add(child)
        if name == "news/index.html":
            for news_name, page in pages.items():
                if news_name.startswith("news/news-"):
                    sub.append(f"<li>{link(news_name, page.title)}</li>")
                    listed.add(news_name)
        inner = "\n<ul>\n" + "\n".join(sub) + "\n</ul>" if sub else ""
        lines.append(f"<li>{link(name, label)}{inner}</li>")
        listed.add(name)
    lines.append(f"<li>{link('sitemap.html', UI[lang]['sitemap'])}</li>")
    missing = sorted(set(pages) - listed)
    if missing:
        raise ValueError(f"{lang}: pages missing from the site map: {missing}")
    return '<ul class="sitemap-list">\n' + "\n".join(lines) + "\n</ul>"


# ---------------------------------------------------------------------------------------------
# Pages: Russian


def pages_ru() -> dict[str, Page]:
    p: dict[str, Page] = {}
    p["index.html"] = Page(
        "Официальный интернет-ресурс акимата Жасыл района",
        """<p class="lead">Жасыл район – сельскохозяйственный район на севере области. В районе
9 сельских округов и 27 населенных пунктов, проживает более 48 тысяч человек. На этом сайте –
информация о деятельности акимата, государственных услугах и порядке рассмотрения обращений
граждан.</p>
<section aria-labelledby="quick-h">
<h2 id="quick-h">Часто ищут</h2>
<ul class="cards">
<li><a href="@/appeals.html">Обращения граждан</a><p>Порядок подачи обращения и график приема
</p></li>
<li><a href="@/services.html">Государственные услуги</a><p>Услуги, которые оказывает акимат</p></li>
<li><a href="@/documents.html">Документы</a><p>Положение, план развития, распоряжения акима</p></li>
<li><a href="@/vacancies.html">Вакансии</a><p>Конкурс на вакантные должности корпуса «Б»</p></li>
</ul>
</section>
<section aria-labelledby="news-h">
<h2 id="news-h">Последние новости</h2>
{NEWS3}
<p><a href="@/news/index.html">Все новости</a></p>
</section>
<section aria-labelledby="akim-h">
<h2 id="akim-h">Аким района</h2>
<p>Серикбаев Нурлан Аскарович – аким Жасыл района с сентября 2023 года.
<a href="@/leadership.html">Руководство акимата</a></p>
</section>""".replace("{NEWS3}", news_items("ru", 3)),
    )
    p["about.html"] = Page(
        "Об акимате",
        """<p>Государственное учреждение «Аппарат акима Жасыл района» (далее – аппарат акима)
является государственным органом Республики Казахстан, обеспечивающим деятельность акима района
и акимата района. Ниже приведены основные положения Положения об аппарате акима.</p>
<h2>Общие положения</h2>
<ol>
<li>Аппарат акима осуществляет свою деятельность в соответствии с Конституцией и законами
Республики Казахстан, актами Президента и Правительства Республики Казахстан, иными нормативными
правовыми актами, а также настоящим Положением.</li>
<li>Аппарат акима является юридическим лицом в организационно-правовой форме государственного
учреждения, имеет печать с изображением Государственного Герба Республики Казахстан и штампы со
своим наименованием на государственном языке, бланки установленного образца, счета в органах
казначейства.</li>
<li>Местонахождение аппарата акима: 100000, Жасыл район, улица Бейбитшилик, 12.</li>
</ol>
<h2>Основные задачи</h2>
<ul>
<li>информационно-аналитическое, организационно-правовое и материально-техническое обеспечение
деятельности акима и акимата района;</li>
<li>обеспечение рассмотрения обращений физических и юридических лиц;</li>
<li>организация взаимодействия с государственными органами, институтами гражданского общества и
населением района.</li>
</ul>
<h2>Функции</h2>
<ul>
<li>подготовка проектов постановлений акимата, решений и распоряжений акима района;</li>
<li>организация заседаний акимата, совещаний и иных мероприятий;</li>
<li>организация документооборота и контроля исполнения;</li>
<li>организация приема граждан и контроль соблюдения сроков рассмотрения обращений;</li>
<li>размещение информации на интернет-ресурсе акимата.</li>
</ul>
<p>Полный текст: <a href="/docs/regulation.pdf">Положение об аппарате акима Жасыл района</a>
(PDF, {size:regulation.pdf}).</p>""",
    )
    p["leadership.html"] = Page("Руководство", people("ru"), parent="about.html")
    p["structure.html"] = Page(
        "Структура",
        """<p>Структура аппарата акима Жасыл района утверждена постановлением акимата района.</p>
"""
        + table(
            "Структурные подразделения аппарата акима",
            ("Подразделение", "Руководитель", "Телефон"),
            [
                (
                    "Отдел организационной работы",
                    "Сейитова Айгуль Кайратовна",
                    "+7 (7172) 55-01-11",
                ),
                (
                    "Отдел документационного обеспечения (канцелярия)",
                    "Ахметова Динара Сериковна",
                    "+7 (7172) 55-01-02",
                ),
                (
                    "Отдел финансов и экономики",
                    "Бекмухамбетов Данияр Ерланович",
                    "+7 (7172) 55-01-12",
                ),
                (
                    "Отдел управления персоналом (кадровая служба)",
                    "Исаева Маржан Болатовна",
                    "+7 (7172) 55-01-07",
                ),
                ("Юридический отдел", "Петров Андрей Николаевич", "+7 (7172) 55-01-13"),
            ],
        )
        + """
<h2>Подведомственные организации</h2>
<ul>
<li>ГУ «Отдел жилищно-коммунального хозяйства Жасыл района»</li>
<li>ГУ «Отдел занятости и социальных программ Жасыл района»</li>
<li>ГУ «Отдел земельных отношений Жасыл района»</li>
<li>ГУ «Отдел архитектуры и строительства Жасыл района»</li>
</ul>
<h2>Аппараты акимов сельских округов</h2>
<p>Акбулакский, Бирликский, Жанааульский, Жанатурмысский, Карасуский, Коктерекский,
Сарыбулакский, Талдыкольский и Ынтымакский сельские округа.</p>""",
        parent="about.html",
    )
    p["news/index.html"] = Page("Новости", news_items("ru"))
    p.update(news_pages("ru"))
    p["contacts.html"] = Page(
        "Контакты",
        f"""<h2>Адрес</h2>
<p>100000, Жасыл район, ул. Бейбитшилик, 12 (здание акимата)</p>
<h2>Телефоны</h2>
<dl class="contact-list">
<dt>Приемная акима района</dt><dd>{tel("+7 (7172) 55-01-01")}</dd>
<dt>Канцелярия</dt><dd>{tel("+7 (7172) 55-01-02")}</dd>
<dt>Справочная</dt><dd>{tel("+7 (7172) 55-01-03")}</dd>
<dt>Телефон доверия</dt><dd>{tel("+7 (7172) 55-01-10")}</dd>
<dt>Факс</dt><dd>+7 (7172) 55-01-09</dd>
</dl>
<h2>Электронная почта</h2>
<p>{EMAIL}</p>
<h2>Режим работы</h2>
<p>Понедельник – пятница: 09:00–18:30, перерыв на обед: 13:00–14:30.<br>
Суббота, воскресенье – выходные дни.</p>
<h2>Как добраться</h2>
<p>Автобусы № 3 и № 7 до остановки «Акимат».</p>
<p>Электронные обращения принимаются через портал eOtinish, подробнее – в разделе
<a href="@/appeals.html">Обращения граждан</a>.</p>
<p class="legal-notice">{LEGAL_NOTICE["ru"]}</p>""",
    )
    p["appeals.html"] = Page(
        "Обращения граждан",
        f"""<p>Физические и юридические лица вправе обращаться в акимат Жасыл района с
предложениями, откликами, запросами, заявлениями и жалобами. Порядок рассмотрения обращений
регулируется Административным процедурно-процессуальным кодексом Республики Казахстан
(АППК).</p>
<h2 id="procedure">Порядок подачи обращения</h2>
<ol>
<li>Обращение можно подать: в письменной форме – через канцелярию акимата (ул. Бейбитшилик, 12,
кабинет 105) или по почте; в электронной форме – через портал {EOTINISH}; в устной форме – на
личном приеме у акима района или его заместителей.</li>
<li>В обращении указываются фамилия, имя и отчество (при наличии), индивидуальный
идентификационный номер (ИИН), почтовый адрес заявителя и суть обращения. В обращении
юридического лица указываются его наименование, бизнес-идентификационный номер (БИН), почтовый
адрес, исходящий номер и дата. Обращение подписывается заявителем (электронное – ЭЦП или с
подтверждением по SMS).</li>
<li>Анонимные обращения не рассматриваются, за исключением сообщений о коррупционных
правонарушениях.</li>
<li>Обращение регистрируется в день поступления; заявителю выдается талон с указанием даты,
времени и номера регистрации.</li>
<li>Обращение рассматривается в течение 15 рабочих дней со дня поступления. Если необходимо
получить дополнительную информацию или выехать на место, срок может быть продлен в порядке,
установленном АППК, о чем заявитель уведомляется.</li>
<li>Ответ направляется заявителю в письменной или электронной форме.</li>
</ol>
<h2 id="complaint">Порядок обжалования</h2>
<p>Решение по обращению может быть обжаловано в вышестоящий административный орган
(вышестоящему должностному лицу) или в суд в порядке, предусмотренном АППК.</p>
<h2 id="schedule">График приема граждан</h2>
"""
        + table(
            "График приема физических лиц и представителей юридических лиц руководством акимата "
            "на 2026 год",
            ("Должностное лицо", "Дни приема", "Время", "Кабинет"),
            [
                (
                    "Серикбаев Н. А., аким района",
                    "каждая первая и третья среда месяца",
                    "15:00–18:00",
                    "201",
                ),
                ("Жумабаева Г. М., заместитель акима", "каждый вторник", "15:00–18:00", "204"),
                ("Омаров Е. Б., заместитель акима", "каждый четверг", "15:00–18:00", "206"),
                ("Ким В. С., руководитель аппарата", "каждую пятницу", "10:00–12:00", "210"),
            ],
            row_th=True,
        )
        + f"""
<p>Предварительная запись на прием – по телефону приемной {tel("+7 (7172) 55-01-01")}.</p>
<h2>Единый контакт-центр</h2>
<p>Справки о государственных услугах и о статусе обращения: <a href="tel:1414">1414</a>
(звонок бесплатный).</p>""",
    )
    p["documents.html"] = Page("Документы", documents("ru"))
    p["statistics.html"] = Page(
        "Статистика",
        # FLAW: stale data (01.01.2023)
        """<p class="data-date">Данные на 01.01.2023</p>
"""
        + table(
            "Основные социально-экономические показатели Жасыл района",
            ("Показатель", "Единица измерения", "Значение"),
            STATS_ROWS["ru"],
        )
        + """
<p>Источник: Бюро национальной статистики Агентства по стратегическому планированию и реформам
Республики Казахстан.</p>""",
    )
    p["services.html"] = Page(
        "Государственные услуги",
        f"""<p>Акимат Жасыл района оказывает государственные услуги в соответствии с Реестром
государственных услуг. Большинство услуг можно получить на портале «электронного правительства»
{EGOV} или через Государственную корпорацию «Правительство для граждан» (ЦОН).</p>
"""
        + table(
            "Государственные услуги, оказываемые акиматом",
            ("Наименование услуги", "Где получить", "Срок оказания"),
            [
                (
                    "Постановка на учет граждан, нуждающихся в жилище",
                    "egov.kz, ЦОН",
                    "10 рабочих дней",
                ),
                ("Выдача разрешения на вырубку деревьев", "egov.kz", "5 рабочих дней"),
                ("Назначение жилищной помощи", "egov.kz, ЦОН", "8 рабочих дней"),
                (
                    "Выдача справки о наличии личного подсобного хозяйства",
                    "egov.kz, аппарат акима сельского округа",
                    "в день обращения",
                ),
                (
                    "Прием документов для предоставления бесплатного подвоза к школе",
                    "аппарат акима сельского округа",
                    "5 рабочих дней",
                ),
            ],
        )
        + """
<p>Справки по государственным услугам – Единый контакт-центр <a href="tel:1414">1414</a>.</p>""",
    )
    p["vacancies.html"] = Page(
        "Вакансии",
        """<p>Аппарат акима Жасыл района объявляет общий конкурс на занятие вакантных
административных государственных должностей корпуса «Б».</p>
"""
        + table(
            "Вакантные должности",
            ("Должность", "Категория", "Должностной оклад, тенге", "Прием документов до"),
            [
                (
                    "Главный специалист отдела организационной работы",
                    "E-R-4",
                    "от 178 000 до 240 000",
                    "04.12.2026",
                ),
                (
                    "Главный специалист отдела документационного обеспечения",
                    "E-R-4",
                    "от 178 000 до 240 000",
                    "04.12.2026",
                ),
                (
                    "Главный специалист юридического отдела",
                    "E-R-4",
                    "от 178 000 до 240 000",
                    "11.12.2026",
                ),
            ],
        )
        + """
<h2>Требования к участникам конкурса</h2>
<p>Высшее или послевузовское образование; знание Конституции Республики Казахстан, законов
Республики Казахстан «О государственной службе Республики Казахстан», «О противодействии
коррупции» и «О местном государственном управлении и самоуправлении в Республике Казахстан»;
положительные результаты тестирования на знание законодательства и оценки личных качеств.</p>
<h2>Необходимые документы</h2>
<ol>
<li>заявление по установленной форме;</li>
<li>послужной список с фотографией;</li>
<li>копии документов об образовании;</li>
<li>копия документа, подтверждающего трудовую деятельность;</li>
<li>справка о состоянии здоровья;</li>
<li>результаты тестирования на знание законодательства и оценки личных качеств.</li>
</ol>
<p>Документы принимаются через портал «электронного правительства» или лично в отделе управления
персоналом (кабинет 112). Справки по телефону +7 (7172) 55-01-07.</p>""",
        parent="about.html",
    )
    p["anticorruption.html"] = Page(
        "Противодействие коррупции",
        f"""<p>В акимате Жасыл района реализуются меры по противодействию коррупции в
соответствии с Законом Республики Казахстан «О противодействии коррупции».</p>
<h2>Куда сообщить о факте коррупции</h2>
<ul>
<li>Телефон доверия акимата: {tel("+7 (7172) 55-01-10")}</li>
<li>Call-центр Агентства по противодействию коррупции: <a href="tel:1424">1424</a></li>
<li>Электронная почта: {EMAIL}</li>
</ul>
<h2>Антикоррупционный комплаенс</h2>
<p>В акимате назначен комплаенс-офицер (кабинет 115). Он обеспечивает предупреждение конфликта
интересов, контроль соблюдения антикоррупционных ограничений и обучение сотрудников.</p>
<h2>Анализ коррупционных рисков</h2>
<p>Ежегодно проводится внутренний анализ коррупционных рисков в деятельности акимата. По итогам
анализа за 2025 год выявлено 4 риска, утвержден план мероприятий по их устранению.</p>""",
        parent="about.html",
    )
    p["sitemap.html"] = Page("Карта сайта", "")
    return p


# ---------------------------------------------------------------------------------------------
# Pages: Kazakh


def pages_kk(ru: dict[str, Page]) -> dict[str, Page]:
    p: dict[str, Page] = {}
    p["index.html"] = Page(
        "Жасыл ауданы әкімдігінің ресми интернет-ресурсы",
        """<p class="lead">Жасыл ауданы – облыстың солтүстігінде орналасқан ауыл шаруашылығы
ауданы. Ауданда 9 ауылдық округ, 27 елді мекен бар, 48 мыңнан астам адам тұрады. Бұл сайтта
әкімдіктің қызметі, мемлекеттік қызметтер және өтініштерді қарау тәртібі туралы ақпарат
берілген.</p>
<section aria-labelledby="quick-h">
<h2 id="quick-h">Жиі ізделетін бөлімдер</h2>
<ul class="cards">
<li><a href="@/appeals.html">Азаматтардың өтініштері</a><p>Өтініш беру тәртібі және қабылдау
кестесі</p></li>
<li><a href="@/services.html">Мемлекеттік қызметтер</a><p>Әкімдік көрсететін қызметтер
тізбесі</p></li>
<li><a href="@/documents.html">Құжаттар</a><p>Ереже, даму жоспары, әкім өкімдері</p></li>
<li><a href="@/vacancies.html">Бос орындар</a><p>«Б» корпусының бос лауазымдарына конкурс</p></li>
</ul>
</section>
<section aria-labelledby="news-h">
<h2 id="news-h">Соңғы жаңалықтар</h2>
{NEWS3}
<p><a href="@/news/index.html">Барлық жаңалықтар</a></p>
</section>
<section aria-labelledby="akim-h">
<h2 id="akim-h">Аудан әкімі</h2>
<p>Серікбаев Нұрлан Асқарұлы 2023 жылдың қыркүйегінен бастап Жасыл ауданының әкімі.
<a href="@/leadership.html">Әкімдік басшылығы</a></p>
</section>""".replace("{NEWS3}", news_items("kk", 3)),
    )
    p["about.html"] = Page(
        "Әкімдік туралы",
        """<p>«Жасыл ауданы әкімінің аппараты» мемлекеттік мекемесі (бұдан әрі – әкім аппараты)
аудан әкімі мен аудан әкімдігінің қызметін қамтамасыз ететін Қазақстан Республикасының
мемлекеттік органы болып табылады. Төменде әкім аппараты туралы ереженің негізгі қағидалары
берілген.</p>
<h2>Жалпы ережелер</h2>
<ol>
<li>Әкім аппараты өз қызметін Қазақстан Республикасының Конституциясына және заңдарына,
Қазақстан Республикасы Президентінің және Үкіметінің актілеріне, өзге де нормативтік құқықтық
актілерге, сондай-ақ осы Ережеге сәйкес жүзеге асырады.</li>
<li>Әкім аппараты мемлекеттік мекеме ұйымдық-құқықтық нысанындағы заңды тұлға болып табылады,
Қазақстан Республикасының Мемлекеттік Елтаңбасы бейнеленген мөрі және мемлекеттік тілде атауы
жазылған мөртабандары, белгіленген үлгідегі бланкілері, қазынашылық органдарында шоттары
бар.</li>
<li>Әкім аппаратының орналасқан жері: 100000, Жасыл ауданы, Бейбітшілік көшесі, 12.</li>
</ol>
<h2>Негізгі міндеттері</h2>
<ul>
<li>аудан әкімі мен әкімдігінің қызметін ақпараттық-талдамалық, ұйымдық-құқықтық және
материалдық-техникалық қамтамасыз ету;</li>
<li>жеке және заңды тұлғалардың өтініштерін қарауды қамтамасыз ету;</li>
<li>мемлекеттік органдармен, азаматтық қоғам институттарымен және аудан тұрғындарымен өзара
іс-қимылды ұйымдастыру.</li>
</ul>
<h2>Функциялары</h2>
<ul>
<li>аудан әкімдігі қаулыларының, әкім шешімдері мен өкімдерінің жобаларын дайындау;</li>
<li>әкімдік отырыстарын, кеңестерді және өзге де іс-шараларды ұйымдастыру;</li>
<li>құжат айналымын және орындалуын бақылауды ұйымдастыру;</li>
<li>азаматтарды қабылдауды ұйымдастыру және өтініштерді қарау мерзімдерінің сақталуын
бақылау;</li>
<li>әкімдіктің интернет-ресурсында ақпарат жариялау.</li>
</ul>
<p>Толық мәтіні: <a href="/docs/regulation.pdf">Жасыл ауданы әкімі аппаратының ережесі</a>
(PDF, {size:regulation.pdf}).</p>""",
    )
    p["leadership.html"] = Page("Басшылық", people("kk"), parent="about.html")
    p["structure.html"] = Page(
        "Құрылым",
        """<p>Жасыл ауданы әкімі аппаратының құрылымы аудан әкімдігінің қаулысымен
бекітілген.</p>
"""
        + table(
            "Әкім аппаратының құрылымдық бөлімшелері",
            ("Бөлімше", "Басшысы", "Телефон"),
            [
                ("Ұйымдастыру жұмысы бөлімі", "Сейітова Айгүл Қайратқызы", "+7 (7172) 55-01-11"),
                (
                    "Құжаттамалық қамтамасыз ету бөлімі (кеңсе)",
                    "Ахметова Динара Серікқызы",
                    "+7 (7172) 55-01-02",
                ),
                (
                    "Қаржы және экономика бөлімі",
                    "Бекмұхамбетов Данияр Ерланұлы",
                    "+7 (7172) 55-01-12",
                ),
                (
                    "Персоналды басқару бөлімі (кадр қызметі)",
                    "Исаева Маржан Болатқызы",
                    "+7 (7172) 55-01-07",
                ),
                ("Заң бөлімі", "Петров Андрей Николаевич", "+7 (7172) 55-01-13"),
            ],
        )
        + """
<h2>Ведомстволық бағынысты ұйымдар</h2>
<ul>
<li>«Жасыл ауданының тұрғын үй-коммуналдық шаруашылығы бөлімі» ММ</li>
<li>«Жасыл ауданының жұмыспен қамту және әлеуметтік бағдарламалар бөлімі» ММ</li>
<li>«Жасыл ауданының жер қатынастары бөлімі» ММ</li>
<li>«Жасыл ауданының сәулет және құрылыс бөлімі» ММ</li>
</ul>
<h2>Ауылдық округтер әкімдерінің аппараттары</h2>
<p>Ақбұлақ, Бірлік, Жаңаауыл, Жаңатұрмыс, Қарасу, Көктерек, Сарыбұлақ, Талдыкөл және Ынтымақ
ауылдық округтері.</p>""",
        parent="about.html",
    )
    p["news/index.html"] = Page("Жаңалықтар", news_items("kk"))
    p.update(news_pages("kk"))
    p["contacts.html"] = Page(
        "Байланыс",
        f"""<h2>Мекенжай</h2>
<p>100000, Жасыл ауданы, Бейбітшілік көшесі, 12 (әкімдік ғимараты)</p>
<h2>Телефондар</h2>
<dl class="contact-list">
<dt>Аудан әкімінің қабылдау бөлмесі</dt><dd>{tel("+7 (7172) 55-01-01")}</dd>
<dt>Кеңсе</dt><dd>{tel("+7 (7172) 55-01-02")}</dd>
<dt>Анықтама телефоны</dt><dd>{tel("+7 (7172) 55-01-03")}</dd>
<dt>Сенім телефоны</dt><dd>{tel("+7 (7172) 55-01-10")}</dd>
<dt>Факс</dt><dd>+7 (7172) 55-01-09</dd>
</dl>
<h2>Электрондық пошта</h2>
<p>{EMAIL}</p>
<h2>Жұмыс уақыты</h2>
<p>Дүйсенбі – жұма: 09:00–18:30, түскі үзіліс: 13:00–14:30.<br>
Сенбі, жексенбі – демалыс күндері.</p>
<h2>Қалай жетуге болады</h2>
<p>№ 3 және № 7 автобустармен «Әкімдік» аялдамасына дейін.</p>
<p>Электрондық өтініштер eOtinish порталы арқылы қабылданады, толығырақ –
<a href="@/appeals.html">Азаматтардың өтініштері</a> бөлімінде.</p>
<p class="legal-notice">{LEGAL_NOTICE["kk"]}</p>""",
    )
    p["appeals.html"] = Page(
        "Азаматтардың өтініштері",
        f"""<p>Жеке және заңды тұлғалар Жасыл ауданының әкімдігіне ұсыныс, пікір, сұрау салу,
өтініш және шағым түрінде жүгінуге құқылы. Өтініштерді қарау тәртібі Қазақстан Республикасының
Әкімшілік рәсімдік-процестік кодексімен (ӘРПК) реттеледі.</p>
<h2 id="procedure">Өтініш беру тәртібі</h2>
<ol>
<li>Өтінішті мынадай тәсілдермен беруге болады: жазбаша түрде – әкімдік кеңсесі арқылы
(Бейбітшілік көшесі, 12, 105-кабинет) немесе пошта арқылы; электрондық түрде – {EOTINISH}
порталы арқылы; ауызша – аудан әкімінің немесе оның орынбасарларының жеке қабылдауында.</li>
<li>Өтініште өтініш берушінің тегі, аты, әкесінің аты (бар болса), жеке сәйкестендіру нөмірі
(ЖСН), пошта мекенжайы және өтініштің мәні көрсетіледі. Заңды тұлғаның өтінішінде оның атауы,
бизнес-сәйкестендіру нөмірі (БСН), пошта мекенжайы, шығыс нөмірі мен күні көрсетіледі. Өтінішке
өтініш беруші қол қояды (электрондық өтінішке – ЭЦҚ арқылы немесе SMS-растау арқылы).</li>
<li>Анонимді өтініштер қаралмайды, сыбайлас жемқорлық құқық бұзушылықтары туралы
хабарламаларды қоспағанда.</li>
<li>Өтініш түскен күні тіркеледі; өтініш берушіге тіркелген күні, уақыты және нөмірі
көрсетілген талон беріледі.</li>
<li>Өтініш түскен күнінен бастап 15 жұмыс күні ішінде қаралады. Қосымша ақпарат алу немесе
орнына барып тексеру қажет болса, қарау мерзімі ӘРПК-де белгіленген тәртіппен ұзартылуы мүмкін,
бұл туралы өтініш берушіге хабарланады.</li>
<li>Жауап өтініш берушіге жазбаша немесе электрондық түрде жіберіледі.</li>
</ol>
<h2 id="complaint">Шағымдану тәртібі</h2>
<p>Өтініш бойынша қабылданған шешімге ӘРПК-де көзделген тәртіппен жоғары тұрған әкімшілік
органға (лауазымды адамға) немесе сотқа шағым беруге болады.</p>
<h2 id="schedule">Азаматтарды қабылдау кестесі</h2>
"""
        + table(
            "Әкімдік басшылығының жеке тұлғаларды және заңды тұлғалардың өкілдерін қабылдау "
            "кестесі (2026 жыл)",
            ("Лауазымды адам", "Қабылдау күндері", "Уақыты", "Кабинет"),
            [
                (
                    "Серікбаев Н. А., аудан әкімі",
                    "айдың әрбір бірінші және үшінші сәрсенбісі",
                    "15:00–18:00",
                    "201",
                ),
                ("Жұмабаева Г. М., әкімнің орынбасары", "әр сейсенбі", "15:00–18:00", "204"),
                ("Омаров Е. Б., әкімнің орынбасары", "әр бейсенбі", "15:00–18:00", "206"),
                ("Ким В. С., аппарат басшысы", "әр жұма", "10:00–12:00", "210"),
            ],
            row_th=True,
        )
        + f"""
<p>Қабылдауға алдын ала жазылу – қабылдау бөлмесінің телефоны арқылы:
{tel("+7 (7172) 55-01-01")}.</p>
<h2>Бірыңғай байланыс орталығы</h2>
<p>Мемлекеттік қызметтер және өтініштің мәртебесі туралы анықтама: <a href="tel:1414">1414</a>
(қоңырау тегін).</p>""",
    )
    p["documents.html"] = Page("Құжаттар", documents("kk"))
    # FLAW: left untranslated: Russian body text under lang="kk" (and stale data).
    p["statistics.html"] = Page("Статистика", ru["statistics.html"].body)
    p["services.html"] = Page(
        "Мемлекеттік қызметтер",
        f"""<p>Жасыл ауданының әкімдігі Мемлекеттік көрсетілетін қызметтер тізіліміне сәйкес
мемлекеттік қызметтер көрсетеді. Қызметтердің көпшілігін «электрондық үкімет» порталында {EGOV}
немесе «Азаматтарға арналған үкімет» мемлекеттік корпорациясы (ХҚКО) арқылы алуға болады.</p>
"""
        + table(
            "Әкімдік көрсететін мемлекеттік қызметтер",
            ("Қызмет атауы", "Қайдан алуға болады", "Көрсету мерзімі"),
            [
                ("Тұрғын үйге мұқтаж азаматтарды есепке қою", "egov.kz, ХҚКО", "10 жұмыс күні"),
                ("Ағаштарды кесуге рұқсат беру", "egov.kz", "5 жұмыс күні"),
                ("Тұрғын үй көмегін тағайындау", "egov.kz, ХҚКО", "8 жұмыс күні"),
                (
                    "Жеке қосалқы шаруашылықтың бар екені туралы анықтама беру",
                    "egov.kz, ауылдық округ әкімінің аппараты",
                    "өтініш берілген күні",
                ),
                (
                    "Мектепке тегін тасымалдауды ұсыну үшін құжаттар қабылдау",
                    "ауылдық округ әкімінің аппараты",
                    "5 жұмыс күні",
                ),
            ],
        )
        + """
<p>Мемлекеттік қызметтер бойынша анықтама – Бірыңғай байланыс орталығы
<a href="tel:1414">1414</a>.</p>""",
    )
    # FLAW: left untranslated: Russian body text under lang="kk".
    p["vacancies.html"] = Page("Бос орындар", ru["vacancies.html"].body, parent="about.html")
    p["anticorruption.html"] = Page(
        "Сыбайлас жемқорлыққа қарсы іс-қимыл",
        f"""<p>Жасыл ауданының әкімдігінде «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы»
Қазақстан Республикасының Заңына сәйкес сыбайлас жемқорлыққа қарсы шаралар жүзеге
асырылады.</p>
<h2>Сыбайлас жемқорлық фактісі туралы қайда хабарлауға болады</h2>
<ul>
<li>Әкімдіктің сенім телефоны: {tel("+7 (7172) 55-01-10")}</li>
<li>Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігінің байланыс орталығы:
<a href="tel:1424">1424</a></li>
<li>Электрондық пошта: {EMAIL}</li>
</ul>
<h2>Сыбайлас жемқорлыққа қарсы комплаенс</h2>
<p>Әкімдікте комплаенс-офицер тағайындалған (115-кабинет). Ол мүдделер қақтығысының алдын
алуды, сыбайлас жемқорлыққа қарсы шектеулердің сақталуын бақылауды және қызметкерлерді оқытуды
қамтамасыз етеді.</p>
<h2>Сыбайлас жемқорлық тәуекелдерін талдау</h2>
<p>Жыл сайын әкімдік қызметіндегі сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізіледі.
2025 жылғы талдау қорытындысы бойынша 4 тәуекел анықталып, оларды жою жөніндегі іс-шаралар
жоспары бекітілді.</p>""",
        parent="about.html",
    )
    p["sitemap.html"] = Page("Сайт картасы", "")
    return p


# ---------------------------------------------------------------------------------------------
# Pages: English (less complete: no vacancies page, fewer news items)


def pages_en() -> dict[str, Page]:
    p: dict[str, Page] = {}
    p["index.html"] = Page(
        "Official website of the Akimat of Zhasyl District",
        """<p class="lead">Zhasyl District is an agricultural district in the north of the
region, with 9 rural districts, 27 settlements and more than 48,000 residents. This site tells
you about the work of the akimat, public services and how to submit an appeal.</p>
<section aria-labelledby="quick-h">
<h2 id="quick-h">Popular sections</h2>
<ul class="cards">
<li><a href="@/appeals.html">Citizens' appeals</a><p>How to submit an appeal; reception
schedule</p></li>
<li><a href="@/services.html">Public services</a><p>Services provided by the akimat</p></li>
<li><a href="@/documents.html">Documents</a><p>Regulation, development plan, orders of the
akim</p></li>
<li><a href="@/sitemap.html">Site map</a><p>All pages of the site</p></li>
</ul>
</section>
<section aria-labelledby="news-h">
<h2 id="news-h">Latest news</h2>
{NEWS3}
<p><a href="@/news/index.html">All news</a></p>
</section>
<section aria-labelledby="akim-h">
<h2 id="akim-h">District akim</h2>
<p>Nurlan Serikbayev has been the akim of Zhasyl District since September 2023.
<a href="@/leadership.html">Leadership of the akimat</a></p>
</section>""".replace("{NEWS3}", news_items("en", 3)),
    )
    p["about.html"] = Page(
        "About the akimat",
        """<p>The state institution “Office of the Akim of Zhasyl District” (the akim's office)
is a state body of the Republic of Kazakhstan that supports the work of the district akim and the
district akimat. The main provisions of its Regulation are summarised below.</p>
<h2>General provisions</h2>
<ol>
<li>The akim's office acts in accordance with the Constitution and laws of the Republic of
Kazakhstan, acts of the President and the Government of the Republic of Kazakhstan, other legal
acts and this Regulation.</li>
<li>The akim's office is a legal entity in the form of a state institution. It has a seal
bearing the State Emblem of the Republic of Kazakhstan, stamps with its name in the state
language, official letterheads and treasury accounts.</li>
<li>Location: 12 Beibitshilik Street, Zhasyl District, 100000.</li>
</ol>
<h2>Main tasks</h2>
<ul>
<li>information, analytical, organisational, legal and logistical support of the akim and the
akimat;</li>
<li>consideration of appeals from individuals and legal entities;</li>
<li>cooperation with state bodies, civil society and residents of the district.</li>
</ul>
<h2>Functions</h2>
<ul>
<li>drafting resolutions of the akimat and decisions and orders of the akim;</li>
<li>organising meetings of the akimat and other events;</li>
<li>document management and control of execution;</li>
<li>organising the reception of citizens and monitoring the time limits for appeals;</li>
<li>publishing information on the akimat's website.</li>
</ul>
<p>Full text (in Russian and Kazakh): <a href="/docs/regulation.pdf">Regulation of the Office
of the Akim</a> (PDF, {size:regulation.pdf}).</p>""",
    )
    p["leadership.html"] = Page("Leadership", people("en"), parent="about.html")
    p["structure.html"] = Page(
        "Structure",
        """<p>The structure of the akim's office is approved by a resolution of the district
akimat.</p>
"""
        + table(
            "Structural units of the akim's office",
            ("Unit", "Head", "Phone"),
            [
                ("Organisational department", "Aigul Seitova", "+7 (7172) 55-01-11"),
                (
                    "Document management department (chancellery)",
                    "Dinara Akhmetova",
                    "+7 (7172) 55-01-02",
                ),
                ("Finance and economy department", "Daniyar Bekmukhambetov", "+7 (7172) 55-01-12"),
                ("Human resources department", "Marzhan Issayeva", "+7 (7172) 55-01-07"),
                ("Legal department", "Andrei Petrov", "+7 (7172) 55-01-13"),
            ],
        )
        + """
<h2>Subordinate organisations</h2>
<ul>
<li>Department of Housing and Utilities of Zhasyl District</li>
<li>Department of Employment and Social Programmes of Zhasyl District</li>
<li>Department of Land Relations of Zhasyl District</li>
<li>Department of Architecture and Construction of Zhasyl District</li>
</ul>
<h2>Offices of rural district akims</h2>
<p>Akbulak, Birlik, Zhanaaul, Zhanaturmys, Karasu, Kokterek, Sarybulak, Taldykol and Yntymak
rural districts.</p>""",
        parent="about.html",
    )
    p["news/index.html"] = Page("News", news_items("en"))
    p.update(news_pages("en"))
    p["contacts.html"] = Page(
        "Contacts",
        f"""<h2>Address</h2>
<p>12 Beibitshilik Street, Zhasyl District, 100000 (akimat building)</p>
<h2>Phones</h2>
<dl class="contact-list">
<dt>Reception office of the district akim</dt><dd>{tel("+7 (7172) 55-01-01")}</dd>
<dt>Chancellery</dt><dd>{tel("+7 (7172) 55-01-02")}</dd>
<dt>Information desk</dt><dd>{tel("+7 (7172) 55-01-03")}</dd>
<dt>Hotline</dt><dd>{tel("+7 (7172) 55-01-10")}</dd>
<dt>Fax</dt><dd>+7 (7172) 55-01-09</dd>
</dl>
<h2>E-mail</h2>
<p>{EMAIL}</p>
<h2>Working hours</h2>
<p>Monday to Friday: 09:00–18:30, lunch break: 13:00–14:30.<br>
Saturday and Sunday are days off.</p>
<h2>How to get here</h2>
<p>Buses No. 3 and No. 7 to the “Akimat” stop.</p>
<p>Electronic appeals are accepted through the eOtinish portal; see
<a href="@/appeals.html">Citizens' appeals</a>.</p>
<p class="legal-notice">{LEGAL_NOTICE["en"]}</p>""",
    )
    p["appeals.html"] = Page(
        "Citizens' appeals",
        f"""<p>Individuals and legal entities may send the akimat of Zhasyl District proposals,
comments, requests, applications and complaints. Appeals are considered under the Administrative
Procedural Code of the Republic of Kazakhstan.</p>
<h2 id="procedure">How to submit an appeal</h2>
<ol>
<li>You can submit an appeal in writing at the akimat's chancellery (12 Beibitshilik Street,
room 105) or by post; electronically through the {EOTINISH} portal; or orally at a personal
reception by the district akim or a deputy akim.</li>
<li>An appeal states the applicant's surname, first name and patronymic (if any), individual
identification number (IIN), postal address and the substance of the appeal. An appeal from a
legal entity states its name, business identification number (BIN), postal address, outgoing
number and date. The applicant signs the appeal (an electronic appeal is signed with an
electronic digital signature or confirmed by SMS).</li>
<li>Anonymous appeals are not considered, except reports of corruption offences.</li>
<li>An appeal is registered on the day it is received; the applicant receives a slip with the
date, time and registration number.</li>
<li>An appeal is considered within 15 working days of receipt. If more information or an on-site
visit is needed, the period may be extended as provided by the Code; the applicant is
notified.</li>
<li>The answer is sent to the applicant in writing or electronically.</li>
</ol>
<h2 id="complaint">How to challenge a decision</h2>
<p>A decision on an appeal may be challenged before a higher administrative body (official) or in
court, as provided by the Administrative Procedural Code.</p>
<h2 id="schedule">Reception schedule</h2>
"""
        + table(
            "Schedule for receiving individuals and representatives of legal entities, 2026",
            ("Official", "Reception days", "Time", "Room"),
            [
                (
                    "N. A. Serikbayev, District Akim",
                    "first and third Wednesday of each month",
                    "15:00–18:00",
                    "201",
                ),
                ("G. M. Zhumabayeva, Deputy Akim", "every Tuesday", "15:00–18:00", "204"),
                ("Ye. B. Omarov, Deputy Akim", "every Thursday", "15:00–18:00", "206"),
                ("V. S. Kim, Head of the Akim's Office", "every Friday", "10:00–12:00", "210"),
            ],
            row_th=True,
        )
        + f"""
<p>To book a reception, call the reception office: {tel("+7 (7172) 55-01-01")}.</p>
<h2>Single contact centre</h2>
<p>Information on public services and on the status of an appeal: <a href="tel:1414">1414</a>
(free call).</p>""",
    )
    p["documents.html"] = Page("Documents", documents("en"))
    p["statistics.html"] = Page(
        "Statistics",
        # FLAW: stale data (01.01.2023)
        """<p class="data-date">Data as of 01.01.2023</p>
"""
        + table(
            "Main social and economic indicators of Zhasyl District",
            ("Indicator", "Unit", "Value"),
            STATS_ROWS["en"],
        )
        + """
<p>Source: Bureau of National Statistics of the Agency for Strategic Planning and Reforms of the
Republic of Kazakhstan.</p>""",
    )
    p["services.html"] = Page(
        "Public services",
        f"""<p>The akimat of Zhasyl District provides public services listed in the Register of
Public Services. Most of them are available on the e-government portal {EGOV} or at the
“Government for Citizens” state corporation (public service centres).</p>
"""
        + table(
            "Public services provided by the akimat",
            ("Service", "Where to apply", "Time limit"),
            [
                (
                    "Registration of citizens in need of housing",
                    "egov.kz, public service centre",
                    "10 working days",
                ),
                ("Permit to fell trees", "egov.kz", "5 working days"),
                ("Housing assistance", "egov.kz, public service centre", "8 working days"),
                (
                    "Certificate of a personal subsidiary farm",
                    "egov.kz, office of the rural district akim",
                    "on the day of application",
                ),
                (
                    "Free school transport: acceptance of documents",
                    "office of the rural district akim",
                    "5 working days",
                ),
            ],
        )
        + """
<p>Information on public services: single contact centre <a href="tel:1414">1414</a>.</p>""",
    )
    p["anticorruption.html"] = Page(
        "Anti-corruption",
        f"""<p>The akimat of Zhasyl District takes anti-corruption measures under the Law of the
Republic of Kazakhstan “On Combating Corruption”.</p>
<h2>Where to report corruption</h2>
<ul>
<li>Akimat hotline: {tel("+7 (7172) 55-01-10")}</li>
<li>Anti-Corruption Agency call centre: <a href="tel:1424">1424</a></li>
<li>E-mail: {EMAIL}</li>
</ul>
<h2>Anti-corruption compliance</h2>
<p>The akimat has a compliance officer (room 115) who prevents conflicts of interest, monitors
anti-corruption restrictions and trains staff.</p>
<h2>Analysis of corruption risks</h2>
<p>Every year the akimat analyses the corruption risks in its work. The 2025 analysis found 4
risks; an action plan to remove them has been approved.</p>""",
        parent="about.html",
    )
    p["sitemap.html"] = Page("Site map", "")
    return p


def all_pages() -> dict[str, dict[str, Page]]:
    ru = pages_ru()
    site = {"kk": pages_kk(ru), "ru": ru, "en": pages_en()}
    for lang, pages in site.items():
        pages["sitemap.html"].body = sitemap_body(lang, pages)
    return site


NOT_FOUND = Page(
    "Страница не найдена (ошибка 404)",
    """<p>Запрашиваемая страница не найдена. Возможно, она была удалена или ее адрес
изменился.</p>
<p lang="kk">Сұралған бет табылмады. Ол жойылған немесе мекенжайы өзгерген болуы мүмкін.</p>
<p lang="en">The page you requested was not found. It may have been removed or its address may
have changed.</p>
<ul>
<li><a href="/ru/index.html">На главную страницу</a></li>
<li><a href="/kk/index.html" lang="kk">Басты бетке</a></li>
<li><a href="/en/index.html" lang="en">Home page</a></li>
<li><a href="/ru/sitemap.html">Карта сайта</a></li>
</ul>""",
)


# ---------------------------------------------------------------------------------------------
# Page template


def _menu(lang: str, current: str) -> str:
    items = []
    marked = False

    def a(label: str, target: str) -> str:
        nonlocal marked
        attr = ""
        if not marked and target == current:
            attr, marked = ' aria-current="page"', True
        return f'<a href="/{lang}/{target}"{attr}>{label}</a>'

    for label, target, children in MENU[lang]:
        if children:
            sub = "\n".join(f"<li>{a(c_label, c_target)}</li>" for c_label, c_target in children)
            items.append(f'<li class="has-submenu">{a(label, target)}\n<ul>\n{sub}\n</ul>\n</li>')
        else:
            items.append(f"<li>{a(label, target)}</li>")
    return '<ul class="menu">\n' + "\n".join(items) + "\n</ul>"


def render_page(
    lang: str, name: str, page: Page, site: dict[str, dict[str, Page]], sizes: dict[str, str]
) -> str:
    ui = UI[lang]
    esc = html.escape
    is_home = name == "index.html"
    title = f"{ui['site']} – {ui['site_sub']}" if is_home else f"{page.title} – {ui['site']}"

    alternates = "".join(
        f'<link rel="alternate" hreflang="{other}" href="/{other}/{name}">\n'
        for other in LANGS
        if name in site[other]
    )
    switch = []
    for other in LANGS:
        # A page missing in another language switches to that language's home page.
        target = f"/{other}/{name}" if name in site[other] else f"/{other}/index.html"
        current = ' aria-current="true"' if other == lang else ""
        switch.append(
            f'<a href="{target}" lang="{other}" hreflang="{other}"{current}>'
            f"{LANG_LABELS[other]}</a>"
        )
    switch_html = ' <span aria-hidden="true">|</span> '.join(switch)

    crumbs = ""
    if not is_home:
        trail = [f'<li><a href="/{lang}/index.html">{ui["home"]}</a></li>']
        if page.parent:
            parent = site[lang][page.parent]
            trail.append(f'<li><a href="/{lang}/{page.parent}">{parent.title}</a></li>')
        trail.append(f'<li><span aria-current="page">{page.title}</span></li>')
        crumbs = (
            f'<nav class="breadcrumbs" aria-label="{ui["breadcrumbs"]}">\n<ol>\n'
            + "\n".join(trail)
            + "\n</ol>\n</nav>\n"
        )

    body = page.body.replace("@/", f"/{lang}/")
    body = re.sub(r"\{size:([\w.-]+)\}", lambda m: f"{sizes[m.group(1)]} {ui['kb']}", body)
    # FLAW: low-contrast note (#aaa on #fff), on the home pages only.
    note = f'<p class="footer-note">{ui["footer_note"]}</p>\n' if is_home else ""

    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title, quote=False)}</title>
<link rel="icon" href="/assets/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
{alternates}<script src="/assets/site.js"></script>
</head>
<body>
<a class="skip-link" href="#content">{ui["skip"]}</a>
<header class="site-header">
<div class="topbar">
<div class="container topbar-inner">
<nav class="lang-switch" aria-label="{ui["lang_nav"]}">
{switch_html}
</nav>
<div class="lv-controls">
<button type="button" class="lv-on" data-lv="on">{ui["lv_on"]}</button>
<button type="button" class="lv-off" data-lv="off">{ui["lv_off"]}</button>
</div>
</div>
</div>
<div class="container brand-row">
<a class="logo" href="/{lang}/index.html"><img src="/assets/logo.svg" alt="" width="56" \
height="56"><span class="logo-text"><span class="logo-title">{ui["site"]}</span>\
<span class="logo-sub">{ui["site_sub"]}</span></span></a>
<form class="site-search" role="search" action="/search" method="get">
<label for="site-search-q" class="visually-hidden">{ui["search_label"]}</label>
<input type="search" id="site-search-q" name="q" placeholder="{ui["search_placeholder"]}">
<input type="hidden" name="lang" value="{lang}">
<button type="submit">{ui["search_button"]}</button>
</form>
</div>
<nav class="main-nav" aria-label="{ui["main_nav"]}">
{_menu(lang, name)}
</nav>
</header>
<div class="container page">
{crumbs}<main id="content" tabindex="-1">
<h1>{page.title}</h1>
{body}
</main>
</div>
<footer class="site-footer">
<div class="container footer-inner">
<div>
<p class="footer-title">{ui["site"]}</p>
<p>{ui["address"]}</p>
</div>
<nav class="footer-links" aria-label="{ui["footer_nav"]}">
<ul>
<li><a href="/{lang}/sitemap.html">{ui["sitemap"]}</a></li>
<li><a href="/{lang}/contacts.html">{ui["contacts"]}</a></li>
<li><a href="/{lang}/appeals.html">{ui["appeals"]}</a></li>
</ul>
</nav>
</div>
<div class="container">
{note}<p class="copyright">{ui["copyright"]}</p>
</div>
</footer>
</body>
</html>
"""


LASTMOD = {
    "index.html": "2026-11-20",
    "news/index.html": "2026-11-20",
    "news/news-1.html": "2026-11-20",
    "news/news-2.html": "2026-11-18",
    "news/news-3.html": "2026-11-14",
    "documents.html": "2026-09-02",
    "appeals.html": "2026-09-02",
    "statistics.html": "2023-01-10",
}


def sitemap_xml(site: dict[str, dict[str, Page]]) -> str:
    entries = [("/", "index.html")] + [
        (f"/{lang}/{name}", name) for lang in ("ru", "kk", "en") for name in site[lang]
    ]
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, name in entries:
        lastmod = LASTMOD.get(name, "2026-10-15")
        lines.append(f"  <url><loc>{{{{ORIGIN}}}}{path}</loc><lastmod>{lastmod}</lastmod></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def build_pages(sizes: dict[str, str], out: Path = SITE) -> list[Path]:
    """Write every HTML page and sitemap.xml under ``out``; the written paths."""
    site = all_pages()
    written: list[Path] = []

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for lang in LANGS:
        for name, page in site[lang].items():
            write(f"{lang}/{name}", render_page(lang, name, page, site, sizes))
    # The root opens in Russian, as most KZ government sites do: a copy, not a redirect.
    write("index.html", (out / "ru" / "index.html").read_text(encoding="utf-8"))
    write("404.html", render_page("ru", "404.html", NOT_FOUND, site, sizes))
    write("sitemap.xml", sitemap_xml(site))
    return written


# ---------------------------------------------------------------------------------------------
# Scanned order (PNG + image-only PDF)

SCAN_BODY = [
    "В соответствии с Административным процедурно-процессуальным кодексом Республики "
    "Казахстан и в целях обеспечения права граждан на обращение:",
    "1. Утвердить прилагаемый график приема физических лиц и представителей юридических лиц "
    "акимом Жасыл района и его заместителями на 2026 год.",
    "2. Руководителю аппарата акима района Киму В. С. обеспечить размещение графика на "
    "интернет-ресурсе акимата и на информационных стендах в здании акимата.",
    "3. Контроль за исполнением настоящего распоряжения оставляю за собой.",
    "4. Настоящее распоряжение вводится в действие со дня его подписания.",
]


def _font(bold: bool = False, size: int = 15) -> FreeTypeFont:
    from PIL import ImageFont

    name = "DejaVuSerif-Bold.ttf" if bold else "DejaVuSerif.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    raise FileNotFoundError(f"{name} not found; install fonts-dejavu-core")


def build_scan(png: Path, pdf: Path) -> None:
    from PIL import Image, ImageDraw

    width, height = 620, 877
    img = Image.new("L", (width, height), 246)
    draw = ImageDraw.Draw(img)
    small_b, text_f, title_f = _font(True, 13), _font(False, 15), _font(True, 16)

    def centre(text: str, y: int, font: FreeTypeFont, x0: int = 0, x1: int = width) -> None:
        w = draw.textlength(text, font=font)
        draw.text((x0 + (x1 - x0 - w) / 2, y), text, fill=30, font=font)

    # Bilingual letterhead with the emblem in the middle.
    centre("ЖАСЫЛ АУДАНЫНЫҢ", 50, small_b, 30, 250)
    centre("ӘКІМІ", 68, small_b, 30, 250)
    centre("АКИМ", 50, small_b, 370, 590)
    centre("ЖАСЫЛ РАЙОНА", 68, small_b, 370, 590)
    draw.ellipse((280, 38, 340, 98), outline=60, width=3)
    draw.ellipse((292, 50, 328, 86), outline=90, width=2)
    centre("ӨКІМ", 108, title_f, 30, 250)
    centre("РАСПОРЯЖЕНИЕ", 108, title_f, 370, 590)
    draw.line((40, 138, 580, 138), fill=40, width=2)
    draw.line((40, 142, 580, 142), fill=40, width=1)
    draw.text((50, 160), "02.09.2026", fill=30, font=text_f)
    draw.text((500, 160), "№ 45", fill=30, font=text_f)
    centre("Жасыл ауданы", 182, _font(False, 12))
    centre("Об утверждении графика приема граждан", 225, title_f)

    y = 270
    for paragraph in SCAN_BODY:
        words, line, first = paragraph.split(), "", True
        for word in words:
            trial = f"{line} {word}".strip()
            indent = 30 if first else 0
            if draw.textlength(trial, font=text_f) > 520 - indent:
                draw.text((50 + indent, y), line, fill=30, font=text_f)
                y, line, first = y + 22, word, False
            else:
                line = trial
        draw.text((50 + (30 if first else 0), y), line, fill=30, font=text_f)
        y += 34
    y += 40
    draw.text((50, y), "Аким Жасыл района", fill=30, font=_font(True, 15))
    draw.text((440, y), "Н. Серикбаев", fill=30, font=_font(True, 15))
    draw.line((300, y + 18, 420, y - 6), fill=70, width=2)  # the signature
    draw.ellipse((230, y - 55, 350, y + 65), outline=120, width=3)  # the seal
    draw.ellipse((245, y - 40, 335, y + 50), outline=140, width=1)

    rng = random.Random(45)
    for _ in range(500):  # scanner dust
        x, yy = rng.randrange(width), rng.randrange(height)
        draw.point((x, yy), fill=rng.randrange(90, 200))
    img = img.rotate(0.6, resample=Image.Resampling.BICUBIC, fillcolor=246)
    png.parent.mkdir(parents=True, exist_ok=True)
    img.quantize(colors=16).save(png, optimize=True)  # 16 grey levels keep it small
    pdf.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(
        pdf, "PDF", resolution=75.0, quality=70, title="Распоряжение № 45 (скан)"
    )


# ---------------------------------------------------------------------------------------------
# Text PDFs

PDF_STYLE = (
    "<style>@page{size:A4;margin:20mm}body{font-family:'DejaVu Serif',serif;font-size:11pt;"
    "line-height:1.45}h1{font-size:15pt;text-align:center}h2{font-size:12.5pt}"
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:3pt 5pt;"
    "text-align:left}</style>"
)

REGULATION_HTML = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Положение об аппарате акима Жасыл района</title>{PDF_STYLE}</head><body>
<p style="text-align:right">Утверждено постановлением акимата Жасыл района<br>
от 15.03.2024 № 112</p>
<h1>ПОЛОЖЕНИЕ<br>о государственном учреждении «Аппарат акима Жасыл района»</h1>
<h2>Глава 1. Общие положения</h2>
<p>1. Государственное учреждение «Аппарат акима Жасыл района» является государственным органом
Республики Казахстан, обеспечивающим деятельность акима района и акимата района.</p>
<p>2. Аппарат акима осуществляет свою деятельность в соответствии с Конституцией и законами
Республики Казахстан, актами Президента и Правительства Республики Казахстан, иными
нормативными правовыми актами, а также настоящим Положением.</p>
<p>3. Местонахождение: 100000, Жасыл район, улица Бейбитшилик, 12.</p>
<h2>Глава 2. Задачи и функции</h2>
<p>4. Задачи: обеспечение деятельности акима и акимата района; обеспечение рассмотрения
обращений физических и юридических лиц; взаимодействие с населением района.</p>
<p>5. Функции: подготовка проектов актов акимата и акима; организация документооборота и
контроля исполнения; организация приема граждан; размещение информации на интернет-ресурсе.</p>
<h1 lang="kk">«Жасыл ауданы әкімінің аппараты» мемлекеттік мекемесі туралы ЕРЕЖЕ</h1>
<p lang="kk">1. «Жасыл ауданы әкімінің аппараты» мемлекеттік мекемесі аудан әкімі мен аудан
әкімдігінің қызметін қамтамасыз ететін Қазақстан Республикасының мемлекеттік органы болып
табылады.</p>
<p lang="kk">2. Орналасқан жері: 100000, Жасыл ауданы, Бейбітшілік көшесі, 12.</p>
</body></html>"""

PLAN_HTML = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>План развития Жасыл района на 2026–2030 годы</title>{PDF_STYLE}</head><body>
<h1>План развития Жасыл района на 2026–2030 годы</h1>
<h2>1. Цель</h2>
<p>Повышение качества жизни населения района за счет развития сельского хозяйства, малого
бизнеса и социальной инфраструктуры.</p>
<h2>2. Целевые индикаторы</h2>
<table><thead><tr><th>Индикатор</th><th>2025 (факт)</th><th>2030 (план)</th></tr></thead>
<tbody><tr><td>Доля сел с доступом к централизованному водоснабжению, %</td><td>78</td>
<td>100</td></tr>
<tr><td>Доля дорог районного значения в хорошем и удовлетворительном состоянии, %</td><td>64</td>
<td>90</td></tr>
<tr><td>Уровень безработицы, %</td><td>4,8</td><td>4,2</td></tr>
<tr><td>Количество субъектов малого и среднего бизнеса, единиц</td><td>1 240</td><td>1 600</td>
</tr></tbody></table>
<h2>3. Основные мероприятия</h2>
<p>Строительство и реконструкция систем водоснабжения в 6 селах; средний ремонт 48 км дорог;
благоустройство сельских населенных пунктов по проекту «Ауыл – Ел бесігі».</p>
</body></html>"""


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _print_pdf(chromium: str, source: str, out: Path) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(source, encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--proxy-server=http://127.0.0.1:9",  # no traffic may leave the machine
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={tmp}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, timeout=120, check=False)
    return result.returncode == 0 and out.is_file() and out.stat().st_size > 0


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page text PDF with a standard font (Latin text only)."""

    def pdf_str(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 12 Tf", "15 TL", "60 780 Td"]
    ops += [f"({pdf_str(line)}) Tj T*" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def build_text_pdfs(docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    chromium = _find_chromium()
    jobs = {
        "regulation.pdf": (
            REGULATION_HTML,
            [
                "Regulation of the state institution",
                '"Office of the Akim of Zhasyl District"',
                "12 Beibitshilik Street, Zhasyl District, 100000",
            ],
        ),
        "development-plan-2026.pdf": (
            PLAN_HTML,
            ["Development plan of Zhasyl District", "for 2026-2030"],
        ),
    }
    for name, (source, fallback) in jobs.items():
        out = docs / name
        if chromium and _print_pdf(chromium, source, out):
            continue
        out.write_bytes(_minimal_pdf(fallback))


def doc_sizes(site: Path = SITE) -> dict[str, str]:
    """Sizes of the PDFs in ``site/docs`` in whole KB, as the pages show them."""
    sizes = {}
    for path in sorted((site / "docs").glob("*.pdf")):
        kb = max(1, round(path.stat().st_size / 1024))
        sizes[path.name] = str(kb)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the demo site's generated files.")
    parser.add_argument("--pages", action="store_true", help="only the HTML pages and sitemap")
    args = parser.parse_args(argv)
    if not args.pages:
        build_scan(SITE / "assets" / "scan-order.png", SITE / "docs" / "order-45-scan.pdf")
        build_text_pdfs(SITE / "docs")
    written = build_pages(doc_sizes())
    total = sum(p.stat().st_size for p in SITE.rglob("*") if p.is_file())
    print(f"wrote {len(written)} pages/files; site size {total / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
