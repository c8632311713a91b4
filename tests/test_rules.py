"""The explicit boilerplate rules, one predicate at a time, in several languages.

Each rule gets lines it must catch and lines it must leave alone; the negatives are real
article text shaped like the boilerplate (a sentence that starts "By", mentions "related",
holds a date, or a table row of figures), since those are what an over-eager rule removes.
"""

from __future__ import annotations

import pytest

from cleannews.lines import rules
from cleannews.lines.stopwords import STOP_WORDS


def _cases(positives: list[str], negatives: list[str]) -> list[object]:
    return [pytest.param(line, True, id=f"yes:{line[:40]}") for line in positives] + [
        pytest.param(line, False, id=f"no:{line[:40]}") for line in negatives]


# --- is_breadcrumb ---------------------------------------------------------------------

BREADCRUMBS = [
    "Home > News > World",
    "Home » Politics » Europe",
    "Home / News / World",
    "Home | News | World",
    "Current:Home > Contact",
    "You are here: News",
    "News › Tech › Gadgets",  # no home word, but two ">"-like separators
    "Home » 2024 » Mar",
    "Startseite > Politik > Ausland",
    "Sie sind hier: Startseite > Politik",
    "Accueil › Actualités › Monde",
    "Vous êtes ici : Accueil > Monde",
    "Inicio > Deportes",
    "Início > Esportes",
    "Главная / Новости",
    "首页 > 国际新闻",
    "当前位置：首页 > 新闻",
    "ホーム > 国内 > 社会",
    "現在位置：ホーム > 社会",
    "홈 > 정치",
]
NOT_BREADCRUMBS = [
    "Prices rose 5% > expectations, the bank said.",
    "The ratio was 2 > 1 > 0 in all tests we ran today, researchers said.",
    "Home",
    "Home > News.",  # a segment ending a sentence
    "World / Europe",  # "/" alone is common in titles
    "Sport | Football",
    "Peace talks - Day 3 | Live",  # a headline with " - " and "|"
    "Opinion: Why the rich should pay more | The Guardian",
    "Film review: a slow start | Arts",
    "Brexit: What happens next?",
    "Source: Reuters",
    "Note: the figures are provisional.",
    "Review: 5/5 stars",
    "A/B testing > gut feeling",
    "Home Office > rules",
    "https://example.com/news/world",
    "Startseite > Der Kanzler hat heute im Bundestag eine lange Rede gehalten",
    "Und dann sagte er: Nein.",
]


@pytest.mark.parametrize(("line", "expected"), _cases(BREADCRUMBS, NOT_BREADCRUMBS))
def test_is_breadcrumb(line: str, expected: bool) -> None:
    assert rules.is_breadcrumb(line) is expected


def test_breadcrumb_too_long_is_prose() -> None:
    trail = " > ".join(["Home", *(["Section"] * 40)])
    assert len(trail) > rules.MAX_BREADCRUMB_CHARS
    assert not rules.is_breadcrumb(trail)


# --- is_reaction_counter ---------------------------------------------------------------

COUNTERS = [
    "veryGood! (32)",
    "👍 12",
    "👍",
    "❤️ 1.2k",
    "Share 4",
    "Share",
    "Like 3 · Share 4",
    "Like 12 · Share 3 · 4 Comments",
    "Rating: 36 Votes",
    "12 Comments",
    "Comments (4)",
    "1.2k views",
    "Views 1,234",
    "Facebook Twitter LinkedIn",
    "E-mail",
    "Gefällt mir 5",
    "Teilen",
    "J'aime 10",
    "Partager",
    "Me gusta 7",
    "Compartir",
    "Curtir 3",
    "Compartilhar",
    "Нравится 15",
    "Поделиться",
    "いいね 8",
    "シェア",
    "赞 123",
    "分享",
    "좋아요 5",
    "공유",
]
NOT_COUNTERS = [
    "Share your thoughts with us in the comments below.",
    "Chapter 3",
    "Top 10",
    "Page 2 of 5",
    "15.03.2024 12:30",
    "Score: 3-1",
    "Like a rolling stone",
    "Love Actually (2003)",
    "Print edition of Monday",
    "Liked by 12 people including you",
    "Email us at news@example.com",
    "Voted 3 times in 2024 elections here",
    "Die Aktie legte um 3 Prozent zu",
    "分享经济正在快速发展",
    "いいね数が増えた理由とは何か",
    # a separator joins two widgets: one alone, or trailing, is not a widget's
    "Like 3 |",
    "Share · ",
    "| Share",
    "·",
]


@pytest.mark.parametrize(("line", "expected"), _cases(COUNTERS, NOT_COUNTERS))
def test_is_reaction_counter(line: str, expected: bool) -> None:
    assert rules.is_reaction_counter(line) is expected


# --- is_date_line ----------------------------------------------------------------------

DATE_LINES = [
    "Date:2025-04-07 02:51:19",
    "2024-03-05 14:30 UTC",
    "Published on March 3, 2024 at 10:15 AM",
    "March 3, 2024",
    "Monday, 3 March 2024",
    "Sat, 05 Mar 2024 10:15:00 +0100",
    "Updated 10:15 AM EST, Tue March 5, 2024",
    "Updated: 03/15/2024",
    "2 days ago at 07:52 am",
    "a day ago",
    "Veröffentlicht am 5. März 2024, 10:15 Uhr",
    "Aktualisiert am 12.03.2024, 10:15 Uhr",
    "vor 3 Stunden",
    "12.03.2024",
    "Publié le 5 avril 2024 à 08h15",
    "5 avril 2024",
    "il y a 2 heures",
    "hace 5 minutos",
    "Publicado: 3/4/2024",
    "há 3 dias",
    "Опубликовано 12.03.2024",
    "2 часа назад",
    "2024年2月13日 10:05",
    "3時間前",
    "发布时间：2024-02-13 10:05",
    "3天前",
    "입력 2024.02.13 10:05",
    "3시간 전",
]
NOT_DATE_LINES = [
    "On March 3, 2024, the council voted to close the school.",
    "On 2024-03-05 the court ruled against him.",
    "| 1/1/2013 | +13.1% |",  # a table row: a date and figures
    "2024-03-01 | 12.5 | 13.7",
    "12.03.2024 | 105,20 | 106,40 | +1,1%",
    "Match 3 March 2024: Bayern 2, Dortmund 1",
    "Between 2020 and 2024 prices doubled.",
    "May 2024 be a better year",
    "Chapter 3",
    "Price: 12.50",
    "Valid 1.2.3 release",
    "Der Vertrag wurde am 5. März 2024 unterzeichnet.",
    "Am 12.03.2024 tritt das Gesetz in Kraft.",
    "Il est arrivé le 5 avril 2024 à Paris.",
    "12 марта 2024 года парламент принял закон.",
    "2024年2月13日，东京发生地震。",
    "2024年2月13日に東京で地震が発生した。",
    "2024년 2월 13일 서울에서 회의가 열렸다.",
]


@pytest.mark.parametrize(("line", "expected"), _cases(DATE_LINES, NOT_DATE_LINES))
def test_is_date_line(line: str, expected: bool) -> None:
    assert rules.is_date_line(line) is expected


@pytest.mark.parametrize("line", ["5. März 2024", "12. Oktober 2023"])
def test_german_day_first_date_line(line: str) -> None:
    assert rules.is_date_line(line)


@pytest.mark.parametrize("line", ["公開日：2024年2月13日", "发布时间：2024年2月13日"])
def test_labelled_cjk_date_line(line: str) -> None:
    assert rules.is_date_line(line)


def test_french_updated_date_line() -> None:
    assert rules.is_date_line("Mis à jour le 5 avril 2024")


@pytest.mark.parametrize("line", ["Publicado el 3 de marzo de 2024",
                                  "Publicado em 3 de março de 2024"])
def test_iberian_date_line(line: str) -> None:
    assert rules.is_date_line(line)


# --- is_byline -------------------------------------------------------------------------

BYLINES = [
    "By Jane Doe, Reuters",
    "By Jane Doe and John Roe",
    "By Jane Doe | Reuters",
    "By JANE DOE",
    "By Reuters",
    "Written by Anna Smith",
    "Posted by Admin",
    "Author: Jane Doe",
    # With its date: the byline is judged without it.
    "By Jane Doe | March 3, 2024",
    "By Joseph Tsidulko November 19, 2019, 07:47 PM EST",
    "Author: Jane Doe Published: March 3, 2024",
    "Published March 3, 2024 by Jane Doe",
    "By Amy Doe | NJ Advance Media for NJ.com",
    "by Jason Roe | SEO | 8 min Read",
    "Von Anna Schmidt, 3. März 2024",
    # A date's preposition goes with it, and a long date does not make a byline a sentence.
    "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.",
    "Posted by Michael David Smith on November 19, 2019, 6:21 AM EST",
    "Par Jean Dupont le 3 mars 2024",
    "Von Anna Schmidt am 3. März 2024",
    "Von Hans Müller",
    "Von Hans Müller und Eva Schmidt",
    "Par Jean Dupont",
    "Par Marie Curie et Pierre Curie",
    "Por María García",
    "Por EFE",
    "Por João Silva e Ana Souza",
    "Автор: Иван Петров",
    "記者 山田太郎",
    "作者：张三",
    "文/张三",
    "기자 김철수",
]
NOT_BYLINES = [
    "By the end of the year, prices had doubled.",
    "By then it was too late",
    "By car or by train",
    "By 2030 emissions must fall",
    "By March 3, 2024, the council had voted.",
    "By March 3, 2024 the lanes must be open",
    "By the end of March 3, 2024 the council had voted on every one of the plans",
    "By Jane Doe and her friends on the council on March 3, 2024 in the town hall",
    "By the numbers | Sports",
    "| By Jane Doe",
    "Chapter 12 2024 by the sea",
    "By Jane Doe, who covered the war for a decade and more and many years.",
    "by jane doe",
    "Author of three books on the war",
    "Author Jane Doe's new novel is out",
    "Von der Leyen said the EU would act.",
    "Von Berlin aus fuhren wir weiter.",
    "Par ailleurs, le gouvernement a annoncé",
    "Por otro lado, el gobierno",
    "Por qué subieron los precios",
    "Авторы проекта заявили о планах",
    "По словам министра, всё в порядке",
    "記者会見で首相は述べた。",
    "記者会見で首相が辞任を表明",
]


@pytest.mark.parametrize(("line", "expected"), _cases(BYLINES, NOT_BYLINES))
def test_is_byline(line: str, expected: bool) -> None:
    assert rules.is_byline(line) is expected


@pytest.mark.parametrize("line", ["文化祭に三千人が来場", "文在寅前大統領が声明"])
def test_cjk_headline_starting_with_byline_prefix(line: str) -> None:
    assert not rules.is_byline(line)


# --- is_link_farm_heading --------------------------------------------------------------

LINK_FARM_HEADINGS = [
    "Related",
    "Related Articles",
    "* Ranking",
    "## You may also like:",
    "Most read",
    "More from Business",
    "More News from Sci-Tech",
    "More stories in Health",
    "Mehr zum Thema",
    "Lesen Sie auch:",
    "Das könnte Sie auch interessieren",
    "Mehr aus Politik",
    "À lire aussi",
    "Sur le même sujet",
    "Noticias relacionadas",
    "Lo más leído",
    "Leia também",
    "Mais lidas",
    "Читайте также",
    "Популярное",
    "相关新闻",
    "推荐阅读",
    "関連記事",
    "ランキング",
    "관련기사",
    "많이 본 뉴스",
]
NOT_LINK_FARM_HEADINGS = [
    "Related companies reported higher profits.",
    "Related: a note on sources",
    "The ranking of universities was published on Monday.",
    "Ranking officials met on Tuesday.",
    "Ranking: the top ten universities",
    "Most read books of the year were thrillers, the survey found",
    "Most popular among young voters was the Green party.",
    "Trending downward, the market closed lower on Friday.",
    "More from the minister who said he would resign over the affair today",
    "Recommended dose",
    "Popular uprising in the capital",
    "Lesen Sie auch die Stellungnahme des Ministers",
    "Weltrangliste der Universitäten",
    "Читайте также нашу статью о выборах в Европе",
    "相关新闻报道显示，经济增长放缓。",
    "関連記事によると、事故は午後に起きた。",
]


@pytest.mark.parametrize(("line", "expected"),
                         _cases(LINK_FARM_HEADINGS, NOT_LINK_FARM_HEADINGS))
def test_is_link_farm_heading(line: str, expected: bool) -> None:
    assert rules.is_link_farm_heading(line) is expected


# --- is_tagline ------------------------------------------------------------------------

TAGLINES = [
    "Quantitative Research Center View",
    "Climate Change",
    "Berliner Morgenpost Digital",
    "Tagesschau Nachrichten Wirtschaft",
    "Folha Ilustrada Online",
    "Новости Москвы Онлайн",
]
NOT_TAGLINES = [
    "Leaders meet amid tensions in the region",  # lower case, function words
    "The World's Best Newspaper",  # a stop word
    "Your Trusted Source For News",
    "Das Magazin Für Politik",
    "Le Monde Diplomatique",
    "Noticias De Hoy",
    "Notícias Do Brasil Hoje",
    "Breaking News Today.",  # ends like a sentence
    "## Key Points Here",  # a markdown subheading is the classifier's call
    "Tokyo",  # one word
    "NYSE 2024",
    "One Two Three Four Five Six Seven Eight Nine Ten Eleven",  # too many words
    "東京新聞 電子版",  # caseless scripts have no capitalised words
    "오늘의 뉴스",
]


@pytest.mark.parametrize(("line", "expected"), _cases(TAGLINES, NOT_TAGLINES))
def test_is_tagline(line: str, expected: bool) -> None:
    assert rules.is_tagline(line, STOP_WORDS) is expected


def test_is_tagline_depends_on_the_stop_words() -> None:
    assert not rules.is_tagline("Research Of The Year", frozenset({"of", "the"}))
    assert rules.is_tagline("Research Of The Year", frozenset())


# --- is_comment_header -----------------------------------------------------------------

COMMENT_HEADERS = [
    "2. **joetoronto** says:",
    "jane_doe says:",
    "JoeBloggs99 wrote:",  # a user name, whatever the tense
    "Gary M on September 17, 2018 at 8:50 pm said:",  # a stamped comment
    "Jean Dupont écrit :",
    "María López escribe:",
    "Иван Петров пишет:",
]
NOT_COMMENT_HEADERS = [
    "Mr Johnson said:",  # a quote in a story is introduced in the past tense
    "The president said:",
    "This is what the minister says:",
    "Reuters reported that the minister said:",
    "The spokesman for the ministry of foreign affairs in Berlin on Monday again says:",
    "Er sagte:",
    "Le ministre a dit :",
    "El ministro dice:",
]


@pytest.mark.parametrize(("line", "expected"), _cases(COMMENT_HEADERS, NOT_COMMENT_HEADERS))
def test_is_comment_header(line: str, expected: bool) -> None:
    assert rules.is_comment_header(line, STOP_WORDS) is expected


# --- looks_like_body -------------------------------------------------------------------

BODY_LINES = [
    "The council voted on Tuesday to close the school, officials said.",
    "Der Rat beschloss am Dienstag, die Schule zu schließen.",
    "Le conseil a voté mardi la fermeture de l'école, selon la mairie.",
    "El consejo votó el martes cerrar la escuela, dijeron las autoridades.",
    "O conselho votou na terça-feira pelo fechamento da escola.",
    "Он сказал, что совет проголосует во вторник утром.",
    "東京電力は火曜日、原子力発電所を閉鎖すると発表した。",
    "东京电力公司周二宣布将关闭这座核电站。",
    "시의회는 화요일 학교를 폐쇄하기로 결정했다고 밝혔다.",
    '"We will not give up," the mayor told reporters outside.',
]
NOT_BODY_LINES = [
    "Most read",
    "Short sentence here.",  # too few words
    "Snow closes schools and highways in northern China",  # no sentence end
    "Home > News > World > Europe > Politics > Elections > Results",
    "関連記事",
]


@pytest.mark.parametrize(("line", "expected"), _cases(BODY_LINES, NOT_BODY_LINES))
def test_looks_like_body(line: str, expected: bool) -> None:
    assert rules.looks_like_body(line) is expected


# --- looks_like_headline ---------------------------------------------------------------

HEADLINES = [
    "Snow closes schools and highways in northern China",
    "Schnee legt Schulen und Autobahnen in Nordchina lahm",
    "Neige : écoles fermées dans le nord",
    "La nieve cierra escuelas en el norte de China",
    "Neve fecha escolas no norte da China",
    "Снегопад закрыл школы на севере Китая",
    "北京大雪导致学校停课",
    "大雪で学校が休校に",
    "Protesters gather - police respond",  # a headline with " - " in it
]
NOT_HEADLINES = [
    "Home",
    "Read more",
    " ".join(["word"] * 30) + ".",  # a paragraph
    " ".join(["word"] * 41),  # longer than any headline
]


@pytest.mark.parametrize(("line", "expected"), _cases(HEADLINES, NOT_HEADLINES))
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert rules.looks_like_headline(line) is expected


# --- bare and word_count ---------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("  * ## Related:", "Related"),
    ("- item", "item"),
    ("• Bullet", "Bullet"),
    ("1. First", "First"),
    ("> quote here", "quote here"),
    ("**Bold**", "Bold"),
    ("Related：", "Related"),  # a full-width colon
    ("o  Item", "Item"),
    ("  plain  ", "plain"),
    ("3.5 percent", "3.5 percent"),  # a decimal is not a list number
    ("Note: x", "Note: x"),  # only a trailing colon goes
    ("-5 degrees", "-5 degrees"),  # a minus sign is not a bullet
    ("", ""),
])
def test_bare(line: str, expected: str) -> None:
    assert rules.bare(line) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("", 0),
    ("   ", 0),
    ("Hello big world", 3),
    ("Привет мир", 2),
    ("12 34", 2),
    ("a-b c_d", 3),  # a hyphen splits words, an underscore does not
    ("関連記事", 2),  # two CJK characters make a word
    ("東京 is big", 3),
    ("안녕하세요 세계", 4),  # hangul too: per line, a started word counts
    ("ข่าวที่เกี่ยวข้อง", 5),  # Thai: a word per four characters, marks included
    ("ສະບາຍດີ", 2),  # Lao
    ("फिरोज खान को गाली", 4),  # a word's vowel signs and virama are part of it (Hindi)
    ("தமிழ் நாடு அரசு", 3),  # Tamil
    ("שָׁלוֹם עולם", 2),  # Hebrew with its points
])
def test_word_count(text: str, expected: int) -> None:
    assert rules.word_count(text) == expected


# --- is_photo_credit -------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "Workers load trims into a truck in Hialeah, Fla. (AP Photo/Alan Diaz, File)",
    "More than 4,000 people are expected to receive notice (Credit: iStock)",
    "(Image credit: NASA)",
    "Image copyright Getty Images Image caption The singer at an event",
    "Photo: Jane Doe",
    "Foto: dpa",
    "写真：共同通信",
    "Air pollution surges in Delhi. Sanjeev Verma/Hindustan Times via Getty Images/AFP",
])
def test_is_photo_credit(line: str) -> None:
    assert rules.is_photo_credit(line)


@pytest.mark.parametrize("line", [
    "The agency (which declined to comment) said prices rose.",
    "A “springboard object” is a term I came up with. (I picture the vault springboard.)",
    "## What Else You'll Need (To Image Successfully)",
    "Colors that compliment red (to look good for pictures with the many red temples)",
    "The photographer said the image had been altered before publication.",
])
def test_is_not_photo_credit(line: str) -> None:
    assert not rules.is_photo_credit(line)


# --- is_cookie_notice ------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "This site uses cookies to improve your browsing experience. Accept all",
    "We use cookies and other tracking technologies to show personalized content.",
    "Diese Webseite verwendet Cookies. Mit der Nutzung stimmen Sie dem Datenschutz zu.",
    "Ce site utilise des cookies. En poursuivant la navigation, vous acceptez leur usage.",
    "Este sitio web utiliza cookies para mejorar la navegación.",
])
def test_is_cookie_notice(line: str) -> None:
    assert rules.is_cookie_notice(line)


@pytest.mark.parametrize("line", [
    "Bake the cookies for twelve minutes, until golden at the edges.",
    "The children sold cookies outside the school to raise money for the trip.",
    "Privacy regulators fined the company for tracking users without their consent.",
])
def test_is_not_cookie_notice(line: str) -> None:
    assert not rules.is_cookie_notice(line)


@pytest.mark.parametrize(("line", "names"), [
    ("Jane Doe · City Herald · Posted: March 3, 2024 | Last Updated: March 4, 2024", "Jane Doe"),
    ("By Jane Doe · City Herald · Posted: March 3, 2024 | Last Updated: March 4, 2024",
     "Jane Doe"),
    ("Jane Doe · Updated: March 4, 2024", "Jane Doe"),
])
def test_byline_with_outlet_and_labelled_dates(line: str, names: str) -> None:
    assert rules.is_byline(line)
    assert rules.byline_names(line) == names


@pytest.mark.parametrize("line", [
    "Posted: March 3, 2024 | Last Updated: March 4, 2024 10:15",
    "Published 3 March 2024, updated 4 March 2024",
])
def test_date_line_with_two_dates(line: str) -> None:
    assert rules.is_date_line(line)


@pytest.mark.parametrize("line", [
    "Politics · March 3, 2024",  # a section, not a name: no label says the date is the post's
    "The council · Posted: March 3, 2024",
    "From 3 March 2024 to 4 March 2025 the museum is closed for works on the roof.",
])
def test_no_byline_without_names(line: str) -> None:
    assert not rules.is_byline(line)
