"""Every rule that depends on words works in each of the major web languages.

One table per rule, one line per language: the rule must fire on it. A line of ordinary
prose in each language must pass every rule and read as body text. A language added to the
vocabularies in cleannews/lines/patterns.py gets a row in each table here.
"""

from __future__ import annotations

import pytest

from cleannews.lines import rules
from cleannews.lines.stopwords import STOP_WORDS
from cleannews.metadata import parse_date

LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "pl", "ru", "tr", "ar", "fa", "hi",
             "zh", "ja", "ko", "vi", "th", "id")

BREADCRUMBS = {
    "en": "Home > News > World",
    "de": "Startseite > Politik > Ausland",
    "fr": "Accueil > Actualités > Monde",
    "es": "Inicio > Noticias > Internacional",
    "pt": "Início > Notícias > Mundo",
    "it": "Ti trovi in: Notizie > Esteri",
    "nl": "U bent hier: Nieuws > Buitenland",
    "pl": "Strona główna > Wiadomości > Świat",
    "ru": "Главная > Новости > В мире",
    "tr": "Anasayfa > Haberler > Dünya",
    "ar": "الرئيسية > أخبار > العالم",
    "fa": "خانه > اخبار > جهان",
    "hi": "होम > समाचार > दुनिया",
    "zh": "首页 > 新闻 > 国际",
    "ja": "ホーム > ニュース > 国際",
    "ko": "홈 > 뉴스 > 국제",
    "vi": "Trang chủ > Tin tức > Thế giới",
    "th": "หน้าแรก > ข่าว > ต่างประเทศ",
    "id": "Beranda > Berita > Internasional",
}

COUNTERS = {
    "en": "Share 4",
    "de": "Teilen 12",
    "fr": "Partager 8",
    "es": "Compartir 15",
    "pt": "Compartilhar 3",
    "it": "Condividi 7",
    "nl": "Delen 5",
    "pl": "Udostępnij 9",
    "ru": "Поделиться 11",
    "tr": "Paylaş 6",
    "ar": "مشاركة 12",
    "fa": "اشتراک‌گذاری 5",
    "hi": "शेयर 21",
    "zh": "分享 32",
    "ja": "いいね 12",
    "ko": "공유 8",
    "vi": "Chia sẻ 14",
    "th": "แชร์ 245",
    "id": "Bagikan 10",
}

LINK_FARM_HEADINGS = {
    "en": "Related articles",
    "de": "Mehr zum Thema",
    "fr": "À lire aussi",
    "es": "Noticias relacionadas",
    "pt": "Leia também",
    "it": "Leggi anche",
    "nl": "Lees ook",
    "pl": "Czytaj także",
    "ru": "Читайте также",
    "tr": "İlgili Haberler",
    "ar": "اقرأ أيضا",
    "fa": "مطالب مرتبط",
    "hi": "यह भी पढ़ें",
    "zh": "相关新闻",
    "ja": "・関連記事",
    "ko": "관련기사",
    "vi": "Tin liên quan",
    "th": "ข่าวที่เกี่ยวข้อง",
    "id": "Baca juga",
}

# Headings that name the kind of list in a compound word, as unspaced scripts write them.
COMPOUND_LINK_FARM_HEADINGS = ["本日の人気記事ランキング", "24小时热门排行榜", "编辑推荐阅读"]

BYLINES = {
    "en": "By Jane Doe",
    "de": "Von Anna Schmidt",
    "fr": "Par Marie Dupont",
    "es": "Por Juan Pérez",
    "pt": "Por João Silva",
    "it": "Di Marco Rossi",
    "nl": "Door Jan de Vries",
    "pl": "Autor: Jan Kowalski",
    "ru": "Автор: Иван Петров",
    "tr": "Yazar: Ahmet Yılmaz",
    "ar": "بقلم أحمد علي",
    "fa": "نویسنده: علی رضایی",
    "hi": "लेखक: राहुल शर्मा",
    "zh": "作者：王小明",
    "ja": "記者 山田太郎",
    "ko": "홍길동 기자",
    "vi": "Tác giả: Nguyễn Văn An",
    "th": "โดย สมชาย ใจดี",
    "id": "Oleh Budi Santoso",
}

# Each date line and the day it says (a Thai date counts its years from the Buddha).
DATE_LINES = {
    "en": ("March 15, 2024", "2024-03-15"),
    "de": ("15. März 2024", "2024-03-15"),
    "fr": ("15 mars 2024", "2024-03-15"),
    "es": ("15 de marzo de 2024", "2024-03-15"),
    "pt": ("15 de março de 2024", "2024-03-15"),
    "it": ("15 marzo 2024", "2024-03-15"),
    "nl": ("15 maart 2024", "2024-03-15"),
    "pl": ("15 marca 2024", "2024-03-15"),
    "ru": ("15 марта 2024", "2024-03-15"),
    "tr": ("15 Mart 2024", "2024-03-15"),
    "ar": ("15 مارس 2024", "2024-03-15"),
    "fa": ("تاریخ انتشار: 2024/03/15", "2024-03-15"),
    "hi": ("15 मार्च 2024", "2024-03-15"),
    "zh": ("2024年3月15日", "2024-03-15"),
    "ja": ("2024年3月15日 10:05", "2024-03-15T10:05:00"),
    "ko": ("2024년 3월 15일", "2024-03-15"),
    "vi": ("Ngày đăng: 15/03/2024", "2024-03-15"),
    "th": ("15 มีนาคม 2567", "2024-03-15"),
    "id": ("15 Maret 2024", "2024-03-15"),
}

PHOTO_CREDITS = {
    "en": "(AP Photo/Alan Diaz)",
    "de": "Foto: dpa",
    "fr": "Photo : AFP",
    "es": "Foto: EFE",
    "pt": "Foto: Reuters",
    "it": "Foto: Ansa",
    "nl": "Foto: ANP",
    "pl": "Fot. PAP",
    "ru": "Фото: ТАСС",
    "tr": "Fotoğraf: AA",
    "ar": "صورة: رويترز",
    "fa": "عکس: ایسنا",
    "hi": "फोटो: पीटीआई",
    "zh": "图片：新华社",
    "ja": "写真：共同",
    "ko": "사진: 연합뉴스",
    "vi": "Ảnh: TTXVN",
    "th": "ภาพ: รอยเตอร์",
    "id": "Foto: Antara",
}

COOKIE_NOTICES = {
    "en": "We use cookies to improve your experience. By continuing to browse you accept them.",
    "de": "Wir verwenden Cookies. Mit der Nutzung der Webseite stimmen Sie dem zu. Akzeptieren",
    "fr": "Nous utilisons des cookies pour améliorer votre navigation. Accepter",
    "es": "Utilizamos cookies para mejorar tu navegación. Aceptar",
    "pt": "Utilizamos cookies para melhorar a navegação. Aceitar",
    "it": "Utilizziamo i cookie per migliorare la navigazione. Accetta",
    "nl": "Wij gebruiken cookies om de website te verbeteren. Akkoord",
    "pl": "Używamy plików cookies, aby ulepszyć stronę. Akceptuję",
    "ru": "Мы используем файлы cookie. Продолжая пользоваться сайтом, вы даёте согласие.",
    "tr": "Sitemizde çerezler kullanılmaktadır. Kabul et",
    "ar": "نستخدم ملفات تعريف الارتباط لتحسين تجربتك على الموقع. موافق",
    "fa": "ما از کوکی‌ها برای بهبود تجربه شما استفاده می‌کنیم. پذیرفتن",
    "hi": "हम आपके अनुभव को बेहतर बनाने के लिए कुकीज़ का उपयोग करते हैं। स्वीकार करें",
    "zh": "本网站使用Cookie以改善您的浏览体验。同意",
    "ja": "当サイトではCookieを使用しています。同意する",
    "ko": "이 사이트는 더 나은 서비스를 위해 쿠키를 사용합니다. 동의",
    "vi": "Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Đồng ý",
    "th": "เว็บไซต์นี้ใช้คุกกี้เพื่อปรับปรุงประสบการณ์ของคุณ ยอมรับ",
    "id": "Kami menggunakan cookie untuk meningkatkan pengalaman Anda. Setuju",
}

# Ordinary news prose: no rule may take it, and it reads as body text.
PROSE = {
    "en": "The city council voted on Tuesday to close the old school, officials said.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die alte Schule zu schließen, sagte ein "
          "Sprecher.",
    "fr": "Le conseil municipal a voté mardi la fermeture de la vieille école, selon la mairie.",
    "es": "El ayuntamiento votó el martes el cierre de la antigua escuela, según fuentes "
          "oficiales.",
    "pt": "A câmara municipal votou na terça-feira o encerramento da antiga escola, disseram "
          "as autoridades.",
    "it": "Il consiglio comunale ha votato martedì la chiusura della vecchia scuola, hanno "
          "detto i funzionari.",
    "nl": "De gemeenteraad heeft dinsdag besloten de oude school te sluiten, zeiden "
          "ambtenaren.",
    "pl": "Rada miasta zagłosowała we wtorek za zamknięciem starej szkoły, poinformowali "
          "urzędnicy.",
    "ru": "Городской совет во вторник проголосовал за закрытие старой школы, сообщили "
          "чиновники.",
    "tr": "Belediye meclisi salı günü eski okulun kapatılması yönünde oy kullandı, "
          "yetkililer açıkladı.",
    "ar": "صوّت مجلس المدينة يوم الثلاثاء على إغلاق المدرسة القديمة، بحسب ما قال مسؤولون.",
    "fa": "شورای شهر روز سه‌شنبه به تعطیلی مدرسه قدیمی رأی داد، مقامات این را اعلام کردند.",
    "hi": "नगर परिषद ने मंगलवार को पुराने स्कूल को बंद करने के पक्ष में मतदान किया, "
          "अधिकारियों ने बताया।",
    "zh": "市议会周二投票决定关闭这所老学校，官员表示将为学生安排新的校舍。",
    "ja": "市議会は火曜日、古い学校を閉鎖することを決めたと当局者が明らかにした。",
    "ko": "시의회는 화요일 오래된 학교를 폐쇄하기로 결정했다고 관계자들이 밝혔다.",
    "vi": "Hội đồng thành phố hôm thứ Ba đã bỏ phiếu đóng cửa ngôi trường cũ, các quan chức "
          "cho biết.",
    "th": "สภาเมืองลงมติเมื่อวันอังคารให้ปิดโรงเรียนเก่าแห่งนี้ เจ้าหน้าที่กล่าวว่านักเรียนจะย้ายไปเรียนที่ใหม่",
    "id": "Dewan kota pada hari Selasa memutuskan untuk menutup sekolah lama itu, kata para "
          "pejabat.",
}

TABLES = {
    "breadcrumb": (BREADCRUMBS, rules.is_breadcrumb),
    "reaction_counter": (COUNTERS, rules.is_reaction_counter),
    "link_farm_heading": (LINK_FARM_HEADINGS, rules.is_link_farm_heading),
    "byline": (BYLINES, rules.is_byline),
    "photo_credit": (PHOTO_CREDITS, rules.is_photo_credit),
    "cookie_notice": (COOKIE_NOTICES, rules.is_cookie_notice),
}


def test_every_table_covers_every_language() -> None:
    for name, (table, _) in TABLES.items():
        assert tuple(table) == LANGUAGES, name
    assert tuple(DATE_LINES) == LANGUAGES
    assert tuple(PROSE) == LANGUAGES


@pytest.mark.parametrize(("rule", "language"),
                         [(rule, language) for rule in TABLES for language in LANGUAGES])
def test_rule_fires_in_every_language(rule: str, language: str) -> None:
    table, fires = TABLES[rule]
    assert fires(table[language]), f"{rule} misses {language}: {table[language]!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_date_line_in_every_language(language: str) -> None:
    line, day = DATE_LINES[language]
    assert rules.is_date_line(line)
    assert parse_date(line) == day


@pytest.mark.parametrize("line", COMPOUND_LINK_FARM_HEADINGS)
def test_compound_link_farm_heading(line: str) -> None:
    assert rules.is_link_farm_heading(line)


@pytest.mark.parametrize("language", LANGUAGES)
def test_prose_passes_every_rule(language: str) -> None:
    line = PROSE[language]
    fired = [name for name, (_, fires) in TABLES.items() if fires(line)]
    fired += ["date_line"] if rules.is_date_line(line) else []
    fired += ["tagline"] if rules.is_tagline(line, STOP_WORDS) else []
    assert fired == []
    assert rules.looks_like_body(line)
