"""News items of the demo site (newest first) and the news list and pages built from them."""

from __future__ import annotations

import html

from demo_site.texts import Page

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
