#!/usr/bin/env python3
"""Generate a deterministic synthetic Vietnam–Japan news digest for benchmarks.

    python3 bench/gen.py N OUT_DIR

writes three sites with the same N articles:

    OUT_DIR/digest/  a bilateral-digest site: site.toml, data/, content/articles/*.md
    OUT_DIR/seeds/   a seeds-only bilateral-digest site: site.toml, data/, seeds/*.txt
    OUT_DIR/hugo/    an equivalent Hugo site: hugo.toml, layouts/, content/articles/*.md

Article i depends only on the seed and i, so the 1,000-article set is the first
1,000 articles of the 10,000 set. Only the standard library is used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import shutil
import sys
from pathlib import Path

SEED = 20251103
BASE_URL = "https://example.org/digest/"
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
THEMES = ["investment", "local-cooperation", "diaspora", "technology-transfer"]
# Investment news dominates real coverage; the diaspora is the rarest theme.
THEME_WEIGHTS = [0.38, 0.26, 0.16, 0.20]

VN_PLACES = [
    "Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Can Tho", "Bac Ninh",
    "Binh Duong", "Dong Nai", "Quang Ninh", "Thanh Hoa", "Nghe An", "Hue",
    "Quang Nam", "Khanh Hoa", "Lam Dong", "Ba Ria-Vung Tau", "Long An",
    "Vinh Phuc", "Hung Yen", "Hai Duong", "Thai Nguyen", "Phu Tho", "Nam Dinh",
    "Ninh Binh", "Quang Ngai", "Binh Dinh", "Dak Lak", "An Giang", "Kien Giang",
    "Ca Mau", "Lao Cai", "Ha Nam", "Tay Ninh", "Ben Tre", "Tien Giang",
    "Bac Giang", "Ha Tinh", "Quang Tri", "Đà Nẵng", "Bắc Ninh", "Hà Nội",
]
JP_PLACES = [
    "Tokyo", "Osaka", "Kyoto", "Hokkaido", "Aichi", "Nagoya", "Fukuoka",
    "Kanagawa", "Yokohama", "Hyogo", "Kobe", "Hiroshima", "Okayama", "Gunma",
    "Yamanashi", "Ibaraki", "Tochigi", "Saitama", "Chiba", "Shizuoka", "Niigata",
    "Nagano", "Gifu", "Mie", "Shiga", "Nara", "Wakayama", "Tottori", "Shimane",
    "Yamaguchi", "Kagawa", "Ehime", "Kochi", "Saga", "Nagasaki", "Kumamoto",
    "Oita", "Miyazaki", "Kagoshima", "Okinawa", "Miyagi", "Sendai", "Fukushima",
    "Iwate", "Toyama", "Ishikawa", "Fukui", "Kitakyushu", "Sapporo", "Kansai",
]
VN_SURNAMES = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do",
               "Ho", "Ngo", "Duong", "Phan", "Trinh", "Nguyễn", "Trần"]
VN_MIDDLE = ["Van", "Thi", "Minh", "Duc", "Quoc", "Thanh", "Hong", "Ngoc", "Tuan",
             "Trung", "Huu", "Thị"]
VN_GIVEN = ["Anh", "Binh", "Cuong", "Dung", "Hai", "Hung", "Lan", "Linh", "Mai",
            "Nam", "Phong", "Quang", "Son", "Thang", "Trang", "Tuan", "Hoa",
            "Kien", "Long", "Ha", "Hương", "Đức"]
JP_FAMILY = ["Suzuki", "Tanaka", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto",
             "Nakamura", "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki",
             "Matsumoto", "Inoue", "Kimura", "Hayashi", "Shimizu", "Mori", "Ikeda"]
JP_GIVEN = ["Hiroshi", "Takeshi", "Kenji", "Yuko", "Akira", "Naoko", "Satoshi",
            "Haruto", "Yumi", "Koji", "Masato", "Emi", "Daisuke", "Keiko", "Shinsuke"]
VN_ROLES = [
    "Chairman of the {vn} Provincial People's Committee",
    "Vice Chairwoman of the {vn} People's Committee",
    "Deputy Minister of Planning and Investment",
    "Deputy Minister of Industry and Trade",
    "Vietnamese Ambassador to Japan",
    "Consul General of Vietnam in {jp}",
    "Secretary of the {vn} Party Committee",
    "Director of the {vn} Department of Foreign Affairs",
    "Director of the Foreign Investment Agency",
    "President of the Vietnamese Association in {jp}",
]
JP_ROLES = [
    "Governor of {jp}",
    "Japanese Ambassador to Vietnam",
    "Chief Representative of JETRO in {vn}",
    "Mayor of {jp}",
    "President of the Japan-Vietnam Friendship Association",
    "Chief Representative of JICA Vietnam",
    "Chairman of the Japan Business Association in Vietnam",
    "Vice Governor of {jp}",
]
JP_COMPANIES = ["Toyota", "Honda", "Aeon", "Panasonic", "Canon", "Sumitomo",
                "Mitsubishi Corporation", "Marubeni", "Daikin", "Sojitz", "NEC",
                "Fujitsu", "Renesas", "Idemitsu Kosan", "Nidec", "Kyocera",
                "Hitachi", "Toshiba", "Itochu", "Lixil", "Obayashi", "Taisei"]
VN_COMPANIES = ["Vingroup", "Vinamilk", "Hoa Phat", "PetroVietnam", "EVN", "FPT",
                "CMC", "VNPT", "Becamex IDC", "Sovico", "Viettel", "Masan",
                "Thaco", "Saigon Co.op", "Vietjet"]
AGENCIES = ["JICA", "JETRO", "VCCI", "Keidanren", "the Ministry of Planning and Investment",
            "the Foreign Investment Agency", "JBIC", "the Vietnam-Japan University",
            "Hoa Lac Hi-Tech Park", "Saigon Hi-Tech Park", "the Japan Foundation",
            "the Vietnam Chamber of Commerce and Industry", "NEDO", "AOTS"]
SECTORS = ["semiconductors", "renewable energy", "green hydrogen", "smart agriculture",
           "logistics", "healthcare", "automotive parts", "electronics",
           "digital transformation", "nursing care", "tourism", "seaport development",
           "urban railways", "waste treatment", "clean water supply",
           "artificial intelligence", "supporting industries", "food processing",
           "offshore wind power", "carbon credits", "disaster prevention",
           "high-tech manufacturing", "e-commerce", "fisheries"]
OUTLETS = [
    ("Vietnam News Agency", "en.vietnamplus.vn"),
    ("The World & Vietnam Report", "baoquocte.vn"),
    ("VnExpress International", "e.vnexpress.net"),
    ("Nikkei Asia", "asia.nikkei.com"),
    ("The Japan Times", "www.japantimes.co.jp"),
    ("Vietnam Investment Review", "vir.com.vn"),
    ("NHK World", "www3.nhk.or.jp"),
    ("Tuoi Tre News", "tuoitrenews.vn"),
    ("Hanoi Times", "hanoitimes.vn"),
    ("Saigon Giai Phong", "www.sggpnews.org.vn"),
    ("Vietnam Law Magazine", "vietnamlawmagazine.vn"),
    ("Kyodo News", "english.kyodonews.net"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

TITLES = {
    "investment": [
        "{jpco} to invest {usd} in {vn} {sector} project",
        "Japanese investors eye {sector} opportunities in {vn}",
        "{vn} licenses {count} new Japanese projects worth {usd}",
        "Japan remains a top source of FDI for {vn}",
        "{jpco} breaks ground on {sector} plant in {vn}",
        "Investment promotion conference connects {jp} firms with {vn}",
        "JBIC and {vnco} sign financing deal for {sector}",
        "New-generation ODA to support {vn} {sector} infrastructure",
    ],
    "local-cooperation": [
        "{vn} and {jp} sign memorandum on local cooperation",
        "{jp} delegation explores partnership with {vn}",
        "{vn} and {jp} celebrate {years} years of friendship ties",
        "Vietnam-Japan local cooperation forum opens in {jp}",
        "{jp} governor visits {vn} to boost exchanges",
        "{vn} promotes tourism and trade in {jp}",
        "Sister-city ties between {vn} and {jp} deepen",
    ],
    "diaspora": [
        "Vietnamese community in {jp} celebrates Tet",
        "Support sought for Vietnamese workers in {jp}",
        "Vietnamese students in {jp} connect with home",
        "Number of Vietnamese technical interns in Japan reaches {count}",
        "Vietnamese association in {jp} holds cultural festival",
        "Consulate in {jp} meets Vietnamese trainees",
        "Japanese residents in {vn} join community exchange",
    ],
    "technology-transfer": [
        "Japan to help {vn} train {sector} engineers",
        "{jpco} transfers {sector} technology to {vnco}",
        "Vietnam-Japan University opens {sector} programme",
        "{vn} and {jp} cooperate on {sector} innovation",
        "JICA project brings Japanese {sector} know-how to {vn}",
        "Japanese experts help {vn} adopt {sector}",
        "High-quality human resources key to {sector} transfer",
    ],
}

SENTENCES = {
    "investment": [
        "According to the Foreign Investment Agency, Japanese investors registered {usd} in {vn} in the first {n} months of {year}, up {pct} year on year.",
        "{jpco} said the new facility in {vn} would employ about {count} workers and start operations in {year2}.",
        "Japan currently has more than {count} valid projects in Vietnam with total registered capital of {usd}, ranking {rank} among foreign investors.",
        "{person_jp}, {role_jp}, said Japanese firms were attracted by the province's infrastructure, young workforce and transparent procedures.",
        "The project, located in an industrial park in {vn}, focuses on {sector} and is expected to export most of its output to Japan and Europe.",
        "Speaking at the conference, {person_vn}, {role_vn}, pledged to shorten licensing times and to provide clean land for Japanese investors.",
        "Trade between the two countries reached {usd} last year, with Vietnam exporting textiles, seafood, wood products and electronic components.",
        "Japanese official development assistance has financed key projects such as the Nhat Tan Bridge, the Noi Bai terminal and the Ben Thanh–Suoi Tien metro line.",
        "{vnco} and {jpco} agreed to set up a joint venture for {sector} with initial capital of {usd}.",
        "Many Japanese small and medium-sized enterprises are looking to diversify their supply chains, and Vietnam is among their preferred destinations.",
        "A JETRO survey found that {pct} of Japanese companies in Vietnam plan to expand their business in the next one to two years.",
        "The province has set aside {count} hectares for a dedicated Japanese industrial zone with standards for environmental protection.",
    ],
    "local-cooperation": [
        "{vn} and {jp} signed a memorandum of understanding covering trade, tourism, education and human resources.",
        "{person_jp}, {role_jp}, said the prefecture hoped to welcome more Vietnamese visitors and trainees in the coming years.",
        "The two localities established friendly relations in {year} and have since exchanged more than {count} delegations.",
        "{person_vn}, {role_vn}, proposed direct flights between {vn} and {jp} to facilitate business and tourism.",
        "More than {count} pairs of localities in Vietnam and Japan have signed cooperation agreements, according to the Ministry of Foreign Affairs.",
        "The Vietnam-Japan local cooperation forum brought together leaders of {n} Vietnamese provinces and {n2} Japanese prefectures.",
        "Delegates visited agricultural cooperatives in {jp} to learn about high-quality rice and fruit production.",
        "The sides agreed to hold a festival in {jp} next spring to introduce the culture, cuisine and products of {vn}.",
        "Local cooperation has become an important pillar of the comprehensive strategic partnership between the two countries.",
        "The governor invited {vn} to join a network of cities working on disaster prevention and climate change adaptation.",
        "Officials from {jp} shared their experience in urban planning, waste management and public transport.",
    ],
    "diaspora": [
        "The Vietnamese community in Japan has grown to about {big} people, making it the second largest foreign community in the country.",
        "{person_vn}, {role_vn}, praised the contributions of Vietnamese workers and students to the development of both countries.",
        "Many of the {count} technical interns in {jp} work in construction, food processing, nursing care and agriculture.",
        "The association offers free Japanese language classes and legal advice to newly arrived Vietnamese workers.",
        "Participants enjoyed traditional music, ao dai performances and Vietnamese dishes such as pho and banh mi.",
        "The consulate urged Vietnamese citizens to comply with Japanese laws and to contact it in case of difficulties.",
        "Under the specified skilled worker programme, Vietnamese workers can now bring their families and stay longer in Japan.",
        "Returning trainees bring back skills, savings and a work ethic that local enterprises in {vn} value highly.",
        "Vietnamese students in {jp} organised a charity run to raise funds for flood victims in central Vietnam.",
        "About {count} Japanese people live in Vietnam, most of them in Hanoi and Ho Chi Minh City.",
        "Community leaders called for more support for the children of Vietnamese families to keep the Vietnamese language.",
    ],
    "technology-transfer": [
        "Under the programme, {count} Vietnamese engineers will be trained in {sector} at Japanese universities and companies.",
        "{jpco} agreed to transfer {sector} technology to {vnco} and to train its technical staff.",
        "{person_jp}, {role_jp}, said Japan would support Vietnam in developing high-quality human resources for {sector}.",
        "The Vietnam-Japan University plans to open new master's programmes in {sector} and semiconductor design.",
        "JICA has financed a {usd} project to improve research capacity at universities in {vn}.",
        "The two sides will set up a joint laboratory for {sector} at Hoa Lac Hi-Tech Park.",
        "Experts from {jp} introduced technologies for {sector} that cut energy use by up to {pct}.",
        "{person_vn}, {role_vn}, called on Japanese firms to locate research and development centres in Vietnam.",
        "Startups from both countries presented solutions in {sector}, fintech and smart cities at the innovation forum.",
        "The agreement covers the transfer of machinery, production processes and management know-how.",
        "Vietnam aims to train 50,000 engineers for the semiconductor industry by 2030, and Japanese partners have pledged support.",
    ],
}
GENERIC = [
    "The event was attended by representatives of ministries, localities, business associations and enterprises of both countries.",
    "Vietnam and Japan upgraded their relations to a comprehensive strategic partnership for peace and prosperity in Asia and the world in 2023.",
    "{person_vn} expressed his thanks to the Japanese side for its valuable support over the past years.",
    "Both sides stressed that political trust is the foundation for cooperation in all fields.",
    "The {year} programme is part of activities marking the anniversary of diplomatic relations between the two countries.",
    "According to the organisers, the initiative will be implemented through concrete projects starting in {year2}.",
    "{person_jp} said Japan regards Vietnam as an important partner in its foreign policy in Southeast Asia.",
    "Participants also discussed ways to remove bottlenecks in procedures, infrastructure and human resources.",
    "In {month}, a delegation from {vn} also visited {jp} to promote cooperation opportunities.",
    "The two sides agreed to assign focal points to follow up on the commitments made at the meeting.",
    "Observers say the momentum of bilateral relations has never been stronger.",
    "The meeting took place in a friendly and open atmosphere.",
]
HEADINGS = [
    "Background", "Next steps", "What the agreement covers", "Figures at a glance",
    "A bridge between {vn} and {jp}", "Cooperation in {sector}", "Voices from the ground",
    "Looking ahead", "Challenges remain", "Opportunities for businesses",
]
LIST_ITEMS = [
    "cooperation in {sector}", "training of high-quality human resources",
    "investment promotion in {vn}", "exchanges between {vn} and {jp}",
    "support for Vietnamese workers in {jp}", "joint research on {sector}",
    "tourism and people-to-people exchanges", "green transition and net-zero emissions",
    "digital transformation of small businesses", "infrastructure financed by ODA",
    "agricultural exports to Japan", "disaster prevention and climate change response",
]
LINKS = [
    ("JETRO website", "https://www.jetro.go.jp/en/"),
    ("JICA Vietnam", "https://www.jica.go.jp/vietnam/english/"),
    ("Foreign Investment Agency", "https://fia.mpi.gov.vn/"),
    ("Embassy of Japan in Vietnam", "https://www.vn.emb-japan.go.jp/"),
    ("Embassy of Vietnam in Japan", "https://vnembassy-jp.org/"),
    ("Ministry of Foreign Affairs", "https://www.mofa.go.jp/region/asia-paci/vietnam/"),
]
RELATED = ["Related news", "Read more", "Related articles"]


class Article:
    __slots__ = ("i", "slug", "title", "date", "themes", "outlet", "source",
                 "summary", "blocks", "place")


def slugify(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class Filler:
    """Fills `{slot}`s; place and names are fixed per article so it stays on topic."""

    def __init__(self, rng: random.Random, year: int):
        self.rng = rng
        self.year = year
        self.vn = rng.choice(VN_PLACES)
        self.jp = rng.choice(JP_PLACES)
        self.jpco = rng.choice(JP_COMPANIES)
        self.vnco = rng.choice(VN_COMPANIES)
        self.sector = rng.choice(SECTORS)
        self.person_vn = self.vn_name()
        self.person_jp = self.jp_name()
        self.role_vn = rng.choice(VN_ROLES).format(vn=self.vn, jp=self.jp)
        self.role_jp = rng.choice(JP_ROLES).format(vn=self.vn, jp=self.jp)

    def vn_name(self) -> str:
        r = self.rng
        return f"{r.choice(VN_SURNAMES)} {r.choice(VN_MIDDLE)} {r.choice(VN_GIVEN)}"

    def jp_name(self) -> str:
        return f"{self.rng.choice(JP_FAMILY)} {self.rng.choice(JP_GIVEN)}"

    def fill(self, template: str) -> str:
        r = self.rng
        # Mostly the article's own places and people, sometimes others.
        values = {
            "vn": self.vn if r.random() < 0.8 else r.choice(VN_PLACES),
            "jp": self.jp if r.random() < 0.8 else r.choice(JP_PLACES),
            "jpco": self.jpco,
            "vnco": self.vnco,
            "sector": self.sector if r.random() < 0.7 else r.choice(SECTORS),
            "person_vn": self.person_vn,
            "person_jp": self.person_jp,
            "role_vn": self.role_vn,
            "role_jp": self.role_jp,
            "usd": f"{r.uniform(0.5, 900):.1f} million USD" if r.random() < 0.6
            else f"{r.uniform(1, 70):.2f} billion USD",
            "count": f"{r.choice([10, 100, 1000]) * r.randint(2, 60):,}",
            "big": f"{r.randint(420, 640) * 1000:,}",
            "n": str(r.randint(2, 11)),
            "n2": str(r.randint(5, 30)),
            "pct": f"{r.randint(3, 60)}%",
            "rank": r.choice(["first", "second", "third", "fourth"]),
            "year": str(self.year),
            "year2": str(self.year + r.randint(1, 3)),
            "years": str(r.choice([10, 15, 20, 25, 30])),
            "month": r.choice(MONTHS),
        }
        return template.format(**values)


def make_article(i: int) -> Article:
    rng = random.Random(SEED * 1_000_003 + i)
    span = (LAST_DAY - FIRST_DAY).days
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(span + 1))
    themes = [rng.choices(THEMES, THEME_WEIGHTS)[0]]
    if rng.random() < 0.4:
        other = rng.choice([t for t in THEMES if t != themes[0]])
        themes.append(other)
    f = Filler(rng, date.year)
    title = f.fill(rng.choice(TITLES[themes[0]]))
    title = title[0].upper() + title[1:]
    outlet, domain = rng.choice(OUTLETS)
    slug = slugify(title)[:60].rstrip("-")
    slug = f"{slug}-{i:05d}"

    target_words = rng.randint(600, 850)
    pool = SENTENCES[themes[0]] * 2 + (SENTENCES[themes[1]] if len(themes) > 1 else []) + GENERIC
    deck: list[str] = []

    def sentence() -> str:
        # A shuffled deck, so that a sentence repeats only once all were used.
        if not deck:
            deck.extend(pool)
            rng.shuffle(deck)
        return f.fill(deck.pop())

    # Blocks: ("p", text) | ("h", text) | ("intro", text) | ("ul", [items]).
    lead = f.fill(rng.choice(SENTENCES[themes[0]]))
    blocks: list[tuple[str, object]] = []
    words = 0
    heading_at = sorted(rng.sample(range(2, 8), 2))
    headings = rng.sample(HEADINGS, 2)
    list_at = rng.randint(2, 6)
    link_at = rng.randint(1, 5)
    k = 0
    while words < target_words:
        if k in heading_at:
            blocks.append(("h", f.fill(headings[heading_at.index(k)])))
        if k == list_at:
            items = [f.fill(t) for t in rng.sample(LIST_ITEMS, rng.randint(3, 5))]
            items = [t[0].upper() + t[1:] for t in items]
            blocks.append(("intro", "The cooperation focuses on the following areas:"))
            blocks.append(("ul", items))
            words += sum(len(t.split()) for t in items) + 6
        sentences = [lead] if k == 0 else []
        while len(sentences) < rng.randint(2, 5) and words < target_words:
            s = sentence()
            sentences.append(s)
            words += len(s.split())
        if k == 0:
            words += len(lead.split())
        p = " ".join(sentences)
        if k == link_at:
            text, url = rng.choice(LINKS)
            p += f" More information is available from the [{text}]({url})."
            words += 6
        blocks.append(("p", p))
        k += 1

    a_place = f.vn
    first_sentences = re.split(r"(?<=\.)\s+", str(blocks[0][1]))
    summary = first_sentences[0]
    if len(summary.split()) < 20 and len(first_sentences) > 1:
        summary += " " + first_sentences[1]

    a = Article()
    a.i = i
    a.slug = slug
    a.title = title
    a.date = date
    a.themes = themes
    a.outlet = outlet
    a.source = f"https://{domain}/{slugify(title)}-{100000 + rng.randrange(900000)}.html"
    a.summary = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", summary)
    a.blocks = blocks
    a.place = a_place
    return a


def toml_str(s: str) -> str:
    # A JSON string without ASCII escaping is a valid TOML basic string.
    return json.dumps(s, ensure_ascii=False)


_PLACE_IDS: dict[str, str] | None = None


def place_ids() -> dict[str, str]:
    """Folded name or alias -> gazetteer id, from the project's data file, so
    that generated pages are tagged with places the way import tags them."""
    global _PLACE_IDS
    if _PLACE_IDS is None:
        import tomllib

        _PLACE_IDS = {}
        gaz = Path(__file__).resolve().parent.parent / "data" / "gazetteer.toml"
        if gaz.is_file():
            data = tomllib.loads(gaz.read_text(encoding="utf-8"))
            for place in data.get("places", []):
                for name in [place["name"], *place.get("aliases", [])]:
                    _PLACE_IDS.setdefault(slugify(name), place["id"])
    return _PLACE_IDS


def places_named(a: Article) -> list[str]:
    """Gazetteer ids of the benchmark's places named in the article, in order
    of first mention."""
    text = " ".join([a.title, a.summary] + [
        " ".join(v) if isinstance(v, list) else str(v) for _, v in a.blocks])
    found: list[tuple[int, str]] = []
    for name in VN_PLACES + JP_PLACES:
        m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)
        pid = place_ids().get(slugify(name))
        if m and pid and all(pid != f for _, f in found):
            found.append((m.start(), pid))
    return [pid for _, pid in sorted(found)]


def markdown_page(a: Article) -> str:
    front = [
        "+++",
        f"title = {toml_str(a.title)}",
        f"date = {a.date.isoformat()}",
        f"source = {toml_str(a.source)}",
        f"outlet = {toml_str(a.outlet)}",
        f"summary = {toml_str(a.summary)}",
        "themes = [" + ", ".join(toml_str(t) for t in a.themes) + "]",
        "places = [" + ", ".join(toml_str(p) for p in places_named(a)) + "]",
        "+++",
        "",
    ]
    body = []
    for kind, value in a.blocks:
        if kind == "h":
            body.append(f"## {value}")
        elif kind == "ul":
            body.append("\n".join(f"- {item}" for item in value))
        else:
            body.append(str(value))
    return "\n".join(front) + "\n" + "\n\n".join(body) + "\n"


def seed_text(a: Article, rng: random.Random, titles: list[str]) -> str:
    """What a scraper would have saved: navigation, dateline, captions, related links."""
    d = a.date
    lines = [a.title, ""]
    if rng.random() < 0.5:
        lines.append(f"Updated on {MONTHS[d.month - 1]} {d.day}, {d.year}")
    else:
        weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                   "Saturday", "Sunday"][d.weekday()]
        lines.append(f"{weekday}, {d.day:02d}/{d.month:02d}/{d.year} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d} (GMT+7)")
    lines.append("")
    caption_after = rng.randint(1, 3)
    for k, (kind, value) in enumerate(a.blocks):
        if kind == "ul":
            lines.extend(str(item) for item in value)
        else:
            # Scraped text loses Markdown: links become their text.
            lines.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", str(value)))
        lines.append("")
        if k == caption_after:
            lines.append("![]() |")
            lines.append(f"Delegates at the event in {a.place}. (Photo: {rng.choice(['VNA', 'VGP', 'JICA', 'Kyodo'])}) |")
            lines.append("")
    lines.append(rng.choice(RELATED))
    for t in rng.sample(titles, min(3, len(titles))):
        lines.append(f"![]() | {t} |")
    lines.append("")
    lines.append(f"Source: {a.source}")
    lines.append("Comments (0)")
    return "\n".join(lines) + "\n"


HUGO_CONFIG = """\
baseURL = "{base_url}"
title = "Vietnam–Japan Digest"
languageCode = "en"
# Only what the comparison needs: home (+ RSS), one page per article, one page
# per theme term, and the sitemap.
disableKinds = ["taxonomy", "section", "404", "robotstxt"]
enableRobotsTXT = false

[taxonomies]
  theme = "themes"

[outputs]
  home = ["html", "rss"]
  page = ["html"]
  term = ["html"]

[services.rss]
  limit = {rss_limit}
"""

HUGO_LAYOUTS = {
    # Like our feed.xml: the newest articles with their full text.
    "home.rss.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Title }}</description>
<language>{{ site.Language.LanguageCode }}</language>
<atom:link href="{{ .Permalink }}index.xml" rel="self" type="application/rss+xml"/>
{{- range first site.Config.Services.RSS.Limit site.RegularPages.ByDate.Reverse }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<guid>{{ .Permalink }}</guid>
<description>{{ .Summary | transform.XMLEscape | safeHTML }}</description>
<content:encoded>{{ .Content | transform.XMLEscape | safeHTML }}</content:encoded>
</item>
{{- end }}
</channel>
</rss>
""",
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} – {{ end }}{{ site.Title }}</title>
<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}">
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav>{{ range site.Taxonomies.themes }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav>
<form role="search" action="{{ "search/" | relURL }}"><input type="search" name="q"></form>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range first 20 site.RegularPages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time> · {{ .Params.outlet }}
{{ range .GetTerms "themes" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}
<p><a href="{{ .Params.source }}">Source</a></p>
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">Newer</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">Older</a>{{ end }}
</article>
{{ end }}
""",
}


def site_toml(repo: Path) -> str:
    text = (repo / "site.toml").read_text(encoding="utf-8")
    text, n = re.subn(r'(?m)^base_url\s*=.*$', f'base_url = "{BASE_URL}"', text)
    if n == 0:
        text = f'base_url = "{BASE_URL}"\n' + text
    return text


def prepare(dir: Path) -> None:
    if dir.exists():
        shutil.rmtree(dir)
    dir.mkdir(parents=True)


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: gen.py N OUT_DIR")
    n = int(sys.argv[1])
    out = Path(sys.argv[2])
    repo = Path(__file__).resolve().parent.parent
    digest, seeds, hugo = out / "digest", out / "seeds", out / "hugo"
    for d in (digest, seeds, hugo):
        prepare(d)
    toml_text = site_toml(repo)
    for site in (digest, seeds):
        (site / "site.toml").write_text(toml_text, encoding="utf-8")
        if (repo / "data").is_dir():
            shutil.copytree(repo / "data", site / "data")
    (digest / "content" / "articles").mkdir(parents=True)
    (seeds / "seeds").mkdir(parents=True)
    (hugo / "content" / "articles").mkdir(parents=True)
    (hugo / "layouts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text(
        HUGO_CONFIG.format(base_url=BASE_URL, rss_limit=50), encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (hugo / "layouts" / name).write_text(text, encoding="utf-8")

    recent_titles: list[str] = []
    for i in range(n):
        a = make_article(i)
        page = markdown_page(a)
        (digest / "content" / "articles" / f"{a.slug}.md").write_text(page, encoding="utf-8")
        (hugo / "content" / "articles" / f"{a.slug}.md").write_text(page, encoding="utf-8")
        rng = random.Random(SEED * 7 + i)
        seed_name = f"{i:05d}_{hashlib.sha256(a.source.encode()).hexdigest()[:16]}.txt"
        (seeds / "seeds" / seed_name).write_text(
            seed_text(a, rng, recent_titles or [a.title]), encoding="utf-8")
        recent_titles = (recent_titles + [a.title])[-20:]
    print(f"generated {n} articles in {out}")


if __name__ == "__main__":
    main()
