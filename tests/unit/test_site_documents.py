"""documents-as-images on hand-made snapshots."""

from __future__ import annotations

from tester.gather.snapshot import Image, PageSnapshot
from tester.site.documents import audit_documents_as_images

SITE = "http://gov.test"
ORDER_TEXT = ("ПРИКАЗ № 15 от 12.11.2026. Об утверждении графика приема граждан. "
              "В соответствии с Законом Республики Казахстан «О доступе к информации» "
              "ПРИКАЗЫВАЮ: 1. Утвердить график личного приема граждан руководством акимата. "
              "2. Отделу организационной работы разместить график на интернет-ресурсе. "
              "3. Контроль за исполнением настоящего приказа возложить на руководителя аппарата. "
              "4. Приказ вводится в действие со дня подписания. Аким района А. Сапаров. ") * 3


def page(path: str, main: str, *images: Image, title: str = "") -> PageSnapshot:
    return PageSnapshot(url=SITE + path, lang="ru", title=title, text=main, main_text=main,
                        images=list(images), http_status=200)


SCAN = Image(src=SITE + "/docs/prikaz-15-scan.png", alt="Скан приказа № 15", width=600,
             height=848, natural_width=1240, natural_height=1754)


def test_scanned_order_without_text_fails() -> None:
    scan_only = page("/ru/docs/order-15.html", "Приказ № 15. Скачать", SCAN)
    result = audit_documents_as_images([scan_only])
    assert result.status == "failed"
    [finding] = result.findings
    assert finding.rule == "document-as-image" and not finding.needs_review
    assert finding.wcag == ["1.4.5"] and finding.data["text_letters"] < 50


def test_same_scan_next_to_the_full_text_passes() -> None:
    result = audit_documents_as_images([page("/ru/docs/order-15.html", ORDER_TEXT, SCAN)])
    assert result.status == "passed" and result.findings == []


def test_named_scan_beside_a_short_text_needs_review() -> None:
    short = ORDER_TEXT[:500]
    result = audit_documents_as_images([page("/ru/docs/order-15.html", short, SCAN)])
    [finding] = result.findings
    assert finding.needs_review and "full text" in finding.message
    assert result.status == "passed"


def test_unnamed_portrait_scan_on_documents_page_needs_review() -> None:
    image = Image(src=SITE + "/img/0015.jpg", alt="", width=500, height=700)
    result = audit_documents_as_images([page("/ru/documents/15.html", "Документ № 15", image)])
    [finding] = result.findings
    assert finding.needs_review and finding.impact == "moderate"
    assert result.status == "passed"


def test_leadership_portrait_photo_is_not_a_document() -> None:
    photo = Image(src=SITE + "/img/akim.jpg", alt="Аким района Сапаров А.", width=400, height=560)
    bio = page("/ru/leadership.html", "Аким района. Сапаров Арман. Родился в 1975 году.", photo,
               title="Руководство")
    assert audit_documents_as_images([bio]).findings == []


def test_small_or_linked_images_are_ignored() -> None:
    thumb = Image(src=SITE + "/docs/prikaz-thumb.png", alt="Приказ", width=120, height=170)
    linked = Image(src=SITE + "/docs/prikaz.png", alt="Приказ", width=600, height=848, in_link=True)
    result = audit_documents_as_images([page("/ru/docs/1.html", "Приказ", thumb, linked)])
    assert result.findings == []


def test_named_landscape_scan_by_filename_fails() -> None:
    image = Image(src=SITE + "/upload/reshenie_maslikhata.jpg", alt=None, width=900, height=640)
    result = audit_documents_as_images([page("/ru/page.html", "Решение маслихата", image)])
    assert result.status == "failed"


def test_pages_without_documents_or_large_images_are_skipped() -> None:
    assert audit_documents_as_images([page("/ru/contacts.html", "Контакты")]).status == "skipped"
