"""Blocks shared by several pages: tables, phone links, people, documents, the site map."""

from __future__ import annotations

import html
import re

from demo_site.texts import MENU, UI, Page

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
