"""Finding texts of the low-vision checks in en, ru and kk.

Each text says what a person experiences and how to fix it. Placeholders are filled with
`str.format`; values come from audited pages and are escaped by the report, not here.
"""

from __future__ import annotations

from typing import Any

from tester.texts import LANGUAGES

STATES: dict[str, dict[str, str]] = {
    "reflow": {
        "en": "at 320 px width (a phone, or 400 % zoom)",
        "ru": "при ширине 320 px (телефон или масштаб 400 %)",
        "kk": "320 px енінде (телефон немесе 400 % масштаб)",
    },
    "text-zoom": {
        "en": "with text enlarged to 200 %",
        "ru": "при увеличении текста до 200 %",
        "kk": "мәтінді 200 %-ға дейін үлкейткенде",
    },
    "page-zoom": {
        "en": "with the page zoomed to 200 %",
        "ru": "при масштабе страницы 200 %",
        "kk": "бетті 200 %-ға дейін үлкейткенде",
    },
    "text-spacing": {
        "en": "with wider text spacing (WCAG 1.4.12 values)",
        "ru": "при увеличенных интервалах текста (значения WCAG 1.4.12)",
        "kk": "мәтін аралықтарын үлкейткенде (WCAG 1.4.12 мәндері)",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    "reflow-offender": {
        "en": "{state} this element is {overflow_px} px wider than the screen, so people who zoom "
        "in must scroll sideways for every line. Fix: remove the fixed width (use max-width: 100 % "
        "and flexible units) and let the layout stack into one column.",
        "ru": "{state} этот элемент шире экрана на {overflow_px} px: людям, которые увеличивают "
        "страницу, приходится прокручивать каждую строку вбок. Исправление: уберите фиксированную "
        "ширину (max-width: 100 %, гибкие единицы) и дайте макету перестроиться в одну колонку.",
        "kk": "{state} бұл элемент экраннан {overflow_px} px кең, сондықтан бетті үлкейтетін "
        "адамдар әр жолды көлденең айналдыруға мәжбүр. Түзету: бекітілген енді алып тастаңыз "
        "(max-width: 100 %, икемді бірліктер), макет бір бағанға қайта құрылсын.",
    },
    "reflow-cut-off": {
        "en": "{state} this element runs {overflow_px} px past the edge of the screen and the page "
        "cannot scroll there, so that content is simply cut off. Fix: remove the fixed width and "
        "let the content wrap.",
        "ru": "{state} этот элемент выходит за край экрана на {overflow_px} px, а прокрутить туда "
        "нельзя — часть содержимого просто обрезана. Исправление: уберите фиксированную ширину, "
        "пусть содержимое переносится.",
        "kk": "{state} бұл элемент экран шетінен {overflow_px} px шығып тұр, ал оған айналдыру "
        "мүмкін емес — мазмұнның бір бөлігі жай ғана кесіліп қалады. Түзету: бекітілген енді "
        "алып тастап, мазмұнды тасымалдауға рұқсат етіңіз.",
    },
    "reflow-exempt": {
        "en": "{state} this {kind} is {overflow_px} px wider than the screen and makes the whole "
        "page scroll sideways. WCAG 1.4.10 lets tables and code scroll, but only on their own. "
        "Fix: wrap it in a container with overflow-x: auto so the rest of the page fits.",
        "ru": "{state} этот элемент ({kind}) шире экрана на {overflow_px} px, и из-за него "
        "вбок прокручивается вся страница. WCAG 1.4.10 разрешает прокрутку таблиц и кода, но "
        "только внутри них. Исправление: поместите элемент в контейнер с overflow-x: auto.",
        "kk": "{state} бұл элемент ({kind}) экраннан {overflow_px} px кең және бүкіл бетті "
        "көлденең айналдыруға мәжбүрлейді. WCAG 1.4.10 кестелер мен кодты айналдыруға рұқсат "
        "береді, бірақ тек өз ішінде. Түзету: элементті overflow-x: auto контейнеріне "
        "орналастырыңыз.",
    },
    "reflow-page": {
        "en": "{state} the page scrolls sideways by {overflow_px} px, so people who zoom in lose "
        "the start or end of lines. Fix: find the wide element (often a fixed width or a long "
        "unbroken word) and let it shrink or wrap.",
        "ru": "{state} страница прокручивается вбок на {overflow_px} px: при увеличении люди "
        "теряют начало или конец строк. Исправление: найдите широкий элемент (обычно "
        "фиксированная ширина или длинное слово без переноса) и дайте ему сжиматься.",
        "kk": "{state} бет көлденең {overflow_px} px айналады: үлкейткенде адамдар жолдардың "
        "басын не соңын жоғалтады. Түзету: кең элементті табыңыз (әдетте бекітілген ен немесе "
        "тасымалданбайтын ұзын сөз) және оның кішіреюіне мүмкіндік беріңіз.",
    },
    "text-clipped": {
        "en": '{state} text in this box is cut off ("{clipped_text}"): the box has a fixed size '
        "with overflow: hidden, so people who need larger text or wider spacing lose words. Fix: "
        "let the box grow (min-height instead of height, sizes in em/rem) or remove "
        "overflow: hidden.",
        "ru": "{state} текст в этом блоке обрезается («{clipped_text}»): у блока фиксированный "
        "размер и overflow: hidden, поэтому людям, которым нужен крупный текст или большие "
        "интервалы, не видно части слов. Исправление: дайте блоку расти (min-height вместо "
        "height, размеры в em/rem) или уберите overflow: hidden.",
        "kk": "{state} бұл блоктағы мәтін кесіледі («{clipped_text}»): блоктың өлшемі бекітілген "
        "және overflow: hidden қойылған, сондықтан ірі мәтін не кең аралық қажет адамдар "
        "сөздердің бір бөлігін көрмейді. Түзету: блоктың өсуіне мүмкіндік беріңіз (height "
        "орнына min-height, өлшемдер em/rem-мен) немесе overflow: hidden алып тастаңыз.",
    },
    "text-overlap": {
        "en": '{state} text of this box runs over other text ("{other_text}"), and both become '
        "unreadable. Fix: do not fix the height of boxes that hold text; use min-height and "
        "relative units.",
        "ru": "{state} текст этого блока наезжает на другой текст («{other_text}»), и оба "
        "становятся нечитаемыми. Исправление: не задавайте фиксированную высоту блокам с "
        "текстом; используйте min-height и относительные единицы.",
        "kk": "{state} бұл блоктың мәтіні басқа мәтіннің үстіне шығады («{other_text}»), екеуі "
        "де оқылмай қалады. Түзету: мәтіні бар блоктарға бекітілген биіктік бермеңіз; "
        "min-height пен салыстырмалы бірліктерді қолданыңыз.",
    },
    "control-lost": {
        "en": "{state} this control is pushed out of sight, so people who zoom cannot use it. "
        "Fix: let its container grow or wrap instead of hiding what does not fit.",
        "ru": "{state} этот элемент управления уходит из поля зрения, и люди, увеличивающие "
        "страницу, не могут им воспользоваться. Исправление: пусть контейнер растёт или "
        "переносит элементы, а не прячет то, что не поместилось.",
        "kk": "{state} бұл басқару элементі көзден таса болады, сондықтан бетті үлкейтетін "
        "адамдар оны пайдалана алмайды. Түзету: сыймағанды жасырудың орнына контейнер өссін "
        "немесе элементтерді тасымалдасын.",
    },
    "zoom-blocked": {
        "en": 'The page\'s viewport setting ("{content}") stops people from zooming in on phones '
        "and tablets. Fix: remove user-scalable=no and maximum-scale (or set maximum-scale to at "
        "least 2). axe reports the same as meta-viewport.",
        "ru": "Настройка viewport страницы («{content}») не даёт увеличивать страницу на "
        "телефонах и планшетах. Исправление: уберите user-scalable=no и maximum-scale (или "
        "задайте maximum-scale не меньше 2). axe сообщает об этом как meta-viewport.",
        "kk": "Беттің viewport баптауы («{content}») телефон мен планшетте бетті үлкейтуге "
        "мүмкіндік бермейді. Түзету: user-scalable=no және maximum-scale алып тастаңыз (немесе "
        "maximum-scale кемінде 2 болсын). axe мұны meta-viewport ретінде хабарлайды.",
    },
    "small-text": {
        "en": "{chars} characters of text here are only {size_px} px high; many people with low "
        "vision cannot read text this small, especially on phones. Fix: use at least 16 px "
        "(1 rem) for body text and never less than {min_px} px.",
        "ru": "{chars} символов текста здесь высотой всего {size_px} px; многие слабовидящие "
        "люди не могут читать такой мелкий текст, особенно на телефоне. Исправление: основной "
        "текст не меньше 16 px (1 rem) и никогда не меньше {min_px} px.",
        "kk": "Мұндағы мәтіннің {chars} таңбасының биіктігі небәрі {size_px} px; нашар көретін "
        "көп адам мұндай ұсақ мәтінді, әсіресе телефонда, оқи алмайды. Түзету: негізгі мәтін "
        "кемінде 16 px (1 rem), ешқашан {min_px} px-тен кем болмасын.",
    },
    "focus-invisible": {
        "en": "When this element gets keyboard focus nothing on screen changes, so people who use "
        "the keyboard cannot see where they are. Fix: keep the browser's focus outline or add a "
        "clear :focus-visible style (an outline or box-shadow with at least 3:1 contrast).",
        "ru": "Когда этот элемент получает фокус с клавиатуры, на экране ничего не меняется, и "
        "человек, работающий с клавиатурой, не видит, где находится. Исправление: оставьте "
        "контур фокуса браузера или добавьте заметный стиль :focus-visible (outline или "
        "box-shadow с контрастом не ниже 3:1).",
        "kk": "Бұл элемент пернетақтадан фокус алғанда экранда ештеңе өзгермейді, сондықтан "
        "пернетақтамен жұмыс істейтін адам қай жерде тұрғанын көрмейді. Түзету: браузердің "
        "фокус контурын қалдырыңыз немесе айқын :focus-visible стилін қосыңыз (кемінде 3:1 "
        "контрастты outline не box-shadow).",
    },
    "focus-hidden": {
        "en": "Keyboard focus moves to this element, but it is off-screen or hidden, so people "
        "who use the keyboard lose track of where they are. Fix: remove hidden elements from the "
        "tab order (hidden, inert or display: none) or show them when focused.",
        "ru": "Фокус клавиатуры переходит на этот элемент, но он за пределами экрана или скрыт, "
        "и человек теряет, где находится. Исправление: уберите скрытые элементы из порядка "
        "табуляции (hidden, inert или display: none) или показывайте их при фокусе.",
        "kk": "Пернетақта фокусы осы элементке өтеді, бірақ ол экраннан тыс немесе жасырын, "
        "сондықтан адам қай жерде екенін жоғалтады. Түзету: жасырын элементтерді Tab ретінен "
        "алып тастаңыз (hidden, inert не display: none) немесе фокус кезінде көрсетіңіз.",
    },
    "keyboard-trap": {
        "en": "Keyboard focus gets stuck here: pressing Tab keeps cycling through {count} "
        "element(s) and never reaches the rest of the page, so keyboard users cannot go on. "
        "Fix: let Tab move on, or give an obvious way out (Escape) for dialogs.",
        "ru": "Фокус клавиатуры застревает здесь: Tab ходит по кругу по {count} элемент(ам) и "
        "не доходит до остальной страницы — пользователь клавиатуры не может продолжить. "
        "Исправление: дайте Tab двигаться дальше или очевидный выход (Escape) для диалогов.",
        "kk": "Пернетақта фокусы осында тұрып қалады: Tab {count} элемент арасында айнала "
        "береді де, беттің қалған бөлігіне жетпейді — пернетақта пайдаланушысы әрі қарай бара "
        "алмайды. Түзету: Tab әрі қарай өтсін немесе диалогтарда анық шығу жолы (Escape) болсын.",
    },
    "image-of-text": {
        "en": 'This image carries text ("{ocr_text}"). People who zoom see it blurred, cannot '
        "change its colours or spacing, and screen readers get only the alt text{alt_note}. Fix: "
        "put the text in the HTML and style it with CSS; keep the picture only as decoration.",
        "ru": "На этом изображении есть текст («{ocr_text}»). При увеличении он размывается, "
        "его цвет и интервалы нельзя изменить, а экранный диктор прочитает только alt{alt_note}. "
        "Исправление: поместите текст в HTML и оформите его через CSS; картинку оставьте "
        "только для украшения.",
        "kk": "Бұл суретте мәтін бар («{ocr_text}»). Үлкейткенде ол бұлыңғыр болады, түсі мен "
        "аралықтарын өзгерту мүмкін емес, ал экран оқу құралы тек alt мәтінін оқиды{alt_note}. "
        "Түзету: мәтінді HTML-ге шығарып, CSS арқылы безендіріңіз; суретті тек безендіру үшін "
        "қалдырыңыз.",
    },
    "document-as-image": {
        "en": 'The linked PDF "{name}" has no text layer: it is a scanned picture of a document'
        "{ocr_note}. Screen readers find nothing to read, and people who magnify it cannot reflow, "
        "search or copy the text. Fix: publish the text (HTML, or a tagged PDF exported from the "
        "original file); at the very least run OCR on the scan.",
        "ru": "Связанный PDF «{name}» не содержит текстового слоя: это отсканированная картинка "
        "документа{ocr_note}. Экранному диктору нечего читать, а при увеличении текст нельзя "
        "перестроить, найти или скопировать. Исправление: опубликуйте текст (HTML или PDF с "
        "тегами, выгруженный из исходного файла); как минимум распознайте скан (OCR).",
        "kk": "Сілтемедегі «{name}» PDF-те мәтін қабаты жоқ: бұл құжаттың сканерленген "
        "суреті{ocr_note}. Экран оқу құралына оқитын ештеңе жоқ, ал үлкейткенде мәтінді қайта "
        "орналастыру, іздеу не көшіру мүмкін емес. Түзету: мәтінді жариялаңыз (HTML немесе "
        "түпнұсқадан шығарылған тегтері бар PDF); ең болмаса сканды OCR арқылы танытыңыз.",
    },
    "contrast-low": {
        "en": "This text over a background image measures about {ratio}:1 against the pixels "
        "right behind it (needs {needed}:1), so it fades into the picture for people with low "
        "vision. Fix: put a solid or semi-transparent backing behind the text, or darken or "
        "lighten the image.",
        "ru": "Контраст этого текста на фоновом изображении около {ratio}:1 относительно "
        "пикселей прямо за ним (нужно {needed}:1), и для слабовидящих он сливается с картинкой. "
        "Исправление: добавьте под текст сплошную или полупрозрачную подложку либо затемните "
        "или осветлите изображение.",
        "kk": "Фондық суреттегі бұл мәтіннің контрасты оның тікелей артындағы пикселдерге "
        "қатысты шамамен {ratio}:1 (кемінде {needed}:1 керек), сондықтан нашар көретіндер үшін "
        "ол суретпен қосылып кетеді. Түзету: мәтін астына тұтас не жартылай мөлдір төсеме "
        "қойыңыз немесе суретті күңгірттеңіз не ағартыңыз.",
    },
    "contrast-unclear": {
        "en": "The contrast of this text over a background image varies from {low}:1 to {high}:1 "
        "(needs {needed}:1); part of it may be hard to read. Check it by eye.",
        "ru": "Контраст этого текста на фоновом изображении меняется от {low}:1 до {high}:1 "
        "(нужно {needed}:1); часть текста может плохо читаться. Проверьте вручную.",
        "kk": "Фондық суреттегі бұл мәтіннің контрасты {low}:1-ден {high}:1-ге дейін өзгереді "
        "(кемінде {needed}:1 керек); мәтіннің бір бөлігі нашар оқылуы мүмкін. Көзбен тексеріңіз.",
    },
}

# Short fragments inserted into messages above.
FRAGMENTS: dict[str, dict[str, str]] = {
    "alt-missing": {
        "en": ", and this image has none",
        "ru": ", а у этого изображения его нет",
        "kk": ", ал бұл суретте ол жоқ",
    },
    "alt-partial": {
        "en": ", which here does not contain that text",
        "ru": ", который здесь не содержит этот текст",
        "kk": ", ал мұнда онда бұл мәтін жоқ",
    },
    "ocr-found": {
        "en": ' (OCR reads: "{text}")',
        "ru": " (распознано: «{text}»)",
        "kk": " (танылған мәтін: «{text}»)",
    },
}


# Check-level notes (why a check was skipped), keyed by their English text: the gather step
# returns them as data["reason"], so the English text is the stable key.
NOTES: dict[str, dict[str, str]] = {
    "not applicable": {"ru": "неприменимо", "kk": "қолданылмайды"},
    "no visible text": {"ru": "на странице нет видимого текста", "kk": "бетте көрінетін мәтін жоқ"},
    "no focusable elements": {
        "ru": "на странице нет элементов, получающих фокус",
        "kk": "бетте фокус алатын элементтер жоқ",
    },
    "no text over images or gradients": {
        "ru": "нет текста поверх изображений или градиентов",
        "kk": "суреттер мен градиенттердің үстінде мәтін жоқ",
    },
    "no large images or linked PDFs on the page": {
        "ru": "на странице нет крупных изображений и ссылок на PDF",
        "kk": "бетте ірі суреттер мен PDF сілтемелері жоқ",
    },
    "the page has no fixed viewport to resize": {
        "ru": "у страницы нет фиксированного окна просмотра, которое можно изменить",
        "kk": "беттің өлшемін өзгертуге болатын бекітілген көру аймағы жоқ",
    },
    "the page is already shown at 320 px or narrower": {
        "ru": "страница уже показана при ширине 320 px или уже",
        "kk": "бет 320 px немесе одан тар енде көрсетіліп тұр",
    },
    "tesseract is not installed: images were not read": {
        "ru": "tesseract не установлен: текст на изображениях не распознавался",
        "kk": "tesseract орнатылмаған: суреттердегі мәтін танылмады",
    },
}


def note_texts(note: str) -> dict[str, str]:
    """A check's note in every language; a note not in NOTES (an error text) stays English."""
    localised = NOTES.get(note, {})
    return {lang: localised.get(lang, note) for lang in LANGUAGES}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(key: str, **values: Any) -> dict[str, str]:
    """The message `key` in every language, with `state` and fragments localised."""
    texts = MESSAGES[key]
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        local = dict(values)
        state = values.get("state")
        if isinstance(state, str) and state in STATES:
            local["state"] = STATES[state][lang]
        for name, value in values.items():
            if isinstance(value, tuple) and len(value) == 2 and value[0] in FRAGMENTS:
                fragment, params = value
                local[name] = FRAGMENTS[fragment][lang].format_map(_Blank(params or {}))
            elif value is None:
                local[name] = ""
        text = texts[lang].format_map(_Blank(local))
        out[lang] = text[:1].upper() + text[1:]
    return out
