"""The English pages of the demo site (less complete, deliberately)."""

from __future__ import annotations

from demo_site.blocks import (
    EGOV,
    EMAIL,
    EOTINISH,
    LEGAL_NOTICE,
    STATS_ROWS,
    documents,
    people,
    table,
    tel,
)
from demo_site.news import news_items, news_pages
from demo_site.texts import Page

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
