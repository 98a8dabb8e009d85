"""The binary documents: the scanned order (PNG and image-only PDF) and the text PDFs."""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont


FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
)


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
