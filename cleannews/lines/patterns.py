"""Data only: the words and regular expressions the boilerplate rules use.

Lists are per language where a rule depends on words; every rule also has a
language-independent shape (short line, numbers, separators) so that pages in a language
missing here are still cleaned, only less thoroughly. Add a language by extending the
tuples; keep entries lower-case (matching is case-insensitive).
"""

from __future__ import annotations

import re

# Headings that introduce a list of links to other stories. Matched against the whole
# line (after bullets, markdown marks and a trailing colon are removed), never a substring,
# so an article sentence that mentions "related" is not a heading.
LINK_FARM_HEADINGS: tuple[str, ...] = (
    # English
    "related", "related articles", "related stories", "related news", "related posts",
    "related content", "related coverage", "related links", "related topics", "related reading",
    "ranking", "rankings", "recommendation", "recommendations", "recommended",
    "recommended for you", "recommended stories", "recommended articles", "recommended reading",
    "most read", "most popular", "most viewed", "most shared", "most commented", "most emailed",
    "popular", "popular posts", "popular stories", "popular articles", "popular now",
    "trending", "trending now", "trending stories", "trending news", "trending articles",
    "you may also like", "you might also like", "you may like", "you might like",
    "you may be interested in", "you might be interested in", "you may have missed",
    "also read", "read also", "read more", "read next", "more to read", "up next", "see also",
    "more stories", "more news", "more articles", "more from", "more in", "more on this",
    "more on this story", "more like this", "latest", "latest news", "latest stories",
    "latest articles", "latest posts", "recent posts", "recent articles", "recent news",
    "top stories", "top news", "top articles", "editor's picks", "editors' picks",
    "editor’s picks", "don't miss", "don’t miss", "must read", "hot topics", "featured",
    "featured stories", "featured articles", "around the web", "from the web",
    "other news", "in other news", "in case you missed it", "what to read next",
    "related searches", "sponsored", "sponsored stories", "promoted stories", "further reading",
    "previous post", "next post", "previous article", "next article",
    # German
    "mehr zum thema", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "meistgelesen", "meistgelesene artikel", "am meisten gelesen", "auch interessant",
    "weitere artikel", "ähnliche artikel", "verwandte artikel", "lesen sie auch", "beliebt",
    "top-artikel", "neueste artikel", "empfehlungen", "mehr aus", "mehr artikel",
    # French
    "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "les plus lus",
    "articles similaires", "articles liés", "à voir aussi", "vous aimerez aussi",
    "vous aimerez aussi :", "dans la même rubrique", "les plus populaires", "à la une",
    "derniers articles", "nos recommandations", "populaires",
    # Spanish
    "noticias relacionadas", "lo más leído", "lo mas leido", "lo más visto", "te puede interesar",
    "también te puede interesar", "más noticias", "artículos relacionados", "te recomendamos",
    "recomendados", "más leídas", "lee también", "relacionados", "últimas noticias",
    # Portuguese
    "leia também", "leia mais", "mais lidas", "mais lidos", "notícias relacionadas",
    "veja também", "você pode gostar", "relacionadas", "mais notícias", "últimas notícias",
    # Italian
    "leggi anche", "i più letti", "articoli correlati", "potrebbe interessarti", "correlati",
    "ultime notizie", "più letti", "altre notizie",
    # Dutch
    "meest gelezen", "lees ook", "gerelateerd", "gerelateerde artikelen", "lees meer",
    "meer nieuws", "populair",
    # Polish, Czech, Swedish, Danish, Norwegian, Finnish, Turkish, Indonesian
    "czytaj także", "czytaj też", "najczęściej czytane", "zobacz także", "polecane",
    "související články", "nejčtenější", "läs också", "mest läst", "relaterat", "læs også",
    "mest læste", "les også", "mest lest", "lue myös", "luetuimmat", "ilgili haberler",
    "en çok okunanlar", "benzer haberler", "baca juga", "berita terkait", "terpopuler",
    # Russian, Ukrainian
    "читайте также", "похожие новости", "похожие статьи", "популярное", "самое читаемое",
    "по теме", "рекомендуем", "читайте також", "популярне", "новости по теме",
    # Greek, Arabic, Hebrew, Persian, Hindi
    "διαβάστε επίσης", "δημοφιλή", "اقرأ أيضا", "اقرأ أيضًا", "مواضيع ذات صلة", "الأكثر قراءة",
    "כתבות נוספות", "הנקראים ביותר", "مطالب مرتبط", "پربازدیدترین", "यह भी पढ़ें", "संबंधित खबरें",
    # Chinese
    "相关新闻", "相关文章", "相关阅读", "相關新聞", "相關文章", "热门", "熱門", "热门文章",
    "热门新闻",
    "推荐", "推薦", "推荐阅读", "推薦閱讀", "排行", "排行榜", "热点", "延伸阅读", "延伸閱讀",
    "猜你喜欢", "最新文章", "最新新闻", "精彩推荐", "热门推荐",
    # Japanese
    "関連記事", "関連ニュース", "ランキング", "おすすめ", "おすすめ記事", "人気記事", "人気の記事",
    "アクセスランキング", "新着記事", "こちらもおすすめ", "あわせて読みたい", "注目記事",
    # Korean
    "관련기사", "관련 기사", "많이 본 뉴스", "많이 본 기사", "추천 기사", "인기 기사", "최신 기사",
    "실시간 인기", "주요 뉴스",
    # Vietnamese, Thai
    "tin liên quan", "bài viết liên quan", "đọc nhiều", "tin mới", "xem thêm", "tin nổi bật",
    "ข่าวที่เกี่ยวข้อง", "ข่าวยอดนิยม", "ข่าวล่าสุด", "บทความที่เกี่ยวข้อง", "อ่านเพิ่มเติม",
    "เรื่องที่เกี่ยวข้อง", "แนะนำ",
)

# Unspaced scripts write a heading as one compound word that ends in the kind of list
# ("本日の人気記事ランキング": today's popular-articles ranking). A short line of them that
# ends in one of these is a link-farm heading (rules.MAX_COMPOUND_HEADING_CHARS).
LINK_FARM_HEADING_ENDINGS: tuple[str, ...] = (
    "関連記事", "関連ニュース", "ランキング", "人気記事", "おすすめ記事", "注目記事", "新着記事",
    "相关新闻", "相关文章", "相关阅读", "相關新聞", "相關文章", "热门文章", "热门新闻", "熱門文章",
    "推荐阅读", "推薦閱讀", "延伸阅读", "延伸閱讀", "排行榜", "排行", "관련기사", "인기기사",
    "ข่าวที่เกี่ยวข้อง", "ข่าวยอดนิยม",
)

# Headings that open a link list when followed by the name of a section or site
# ("More from Business", "Mehr aus Politik").
LINK_FARM_HEADING_PREFIXES: tuple[str, ...] = (
    "more from ", "more in ", "more on ", "more stories from ", "more stories in ",
    "more news from ", "more news in ", "more articles from ", "more articles in ",
    "more posts from ", "related to ", "latest from ",
    "latest in ", "mehr aus ", "mehr zu ", "plus de ", "más de ", "mais de ", "altro da ",
    "meer over ", "ещё ", "другие новости ",
)

# Words of reaction and share widgets. A counter line is one of these (or an emoji)
# with at most a number, never a sentence.
REACTION_WORDS: tuple[str, ...] = (
    "like", "likes", "liked", "love", "haha", "wow", "sad", "angry", "share", "shares", "shared",
    "tweet", "tweets", "retweet", "pin", "pin it", "email", "e-mail", "print", "comment",
    "comments", "reply", "replies", "reactions", "reaction", "upvote", "upvotes", "downvote",
    "vote", "votes", "views", "view", "reads", "claps", "recommend", "save", "saved",
    "bookmark", "copy link", "whatsapp", "facebook", "twitter", "linkedin", "reddit", "telegram",
    "pinterest", "messenger", "flipboard", "good", "very good", "bad", "great",
    "funny", "useful", "helpful", "not helpful", "interesting", "thumbs up", "thumbs down",
    "agree", "disagree", "dislike", "dislikes", "rating", "ratings", "points", "report",
    "flag", "quote", "permalink", "reply to", "responses", "response",
    # other languages
    "gefällt mir", "teilen", "kommentare", "kommentar", "drucken", "j'aime", "partager",
    "commentaires", "imprimer", "me gusta", "compartir", "comentarios", "imprimir", "curtir",
    "compartilhar", "mi piace", "condividi", "commenti", "vind ik leuk", "delen", "reacties",
    "нравится", "поделиться", "комментарии", "просмотры", "赞", "點贊", "点赞", "分享", "评论",
    "評論", "收藏", "转发", "轉發", "阅读", "閱讀", "いいね", "シェア", "コメント", "ツイート",
    "좋아요", "공유", "댓글", "추천", "beğen", "paylaş", "yorum", "suka", "bagikan", "komentar",
    "udostępnij", "lubię to", "komentarze", "komentarzy", "مشاركة", "شارك", "إعجاب", "تعليقات",
    "تعليق", "اشتراک‌گذاری", "اشتراک", "پسندیدم", "نظرات", "शेयर", "लाइक", "कमेंट", "टिप्पणी",
    "टिप्पणियां", "chia sẻ", "thích", "bình luận", "แชร์", "ถูกใจ", "ไลค์", "ความคิดเห็น",
)

# Labels that start a breadcrumb trail.
BREADCRUMB_LABELS: tuple[str, ...] = (
    "current", "you are here", "location", "current location", "current page", "path",
    "breadcrumb", "sie sind hier", "vous êtes ici", "está aquí", "estás aquí", "você está aqui",
    "ti trovi in", "u bent hier", "вы здесь", "当前位置", "當前位置", "您的位置", "所在位置",
    "現在位置", "현재 위치",
)

# First segment of a breadcrumb trail: the site's home page in several languages.
HOME_WORDS: tuple[str, ...] = (
    "home", "homepage", "start", "startseite", "accueil", "inicio", "início", "portada",
    "home page",
    "главная", "首页", "首頁", "主页", "ホーム", "トップ", "홈", "anasayfa", "strona główna",
    "etusivu", "forside", "hjem", "hem", "trang chủ", "beranda", "pagina iniziale", "الرئيسية",
    "الصفحة الرئيسية", "خانه", "صفحه اصلی", "होम", "मुखपृष्ठ", "หน้าแรก", "หน้าหลัก",
)

# Separators between breadcrumb segments.
BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:>>?|»|›|→|/|\\|\|)\s*")

# Words that open a byline, followed by one or more names.
BYLINE_PREFIXES: tuple[str, ...] = (
    "by", "written by", "words by", "posted by", "published by", "reported by", "story by",
    "text by", "author", "authors", "von", "autor", "autorin", "par", "por", "di", "door",
    "av", "af", "автор", "作者", "文", "記者", "기자", "yazar", "oleh", "autorka", "bởi",
    "tác giả", "بقلم", "كتب", "الكاتب", "نویسنده", "به قلم", "लेखक", "संवाददाता", "โดย",
    "ผู้เขียน",
)

# Words that close a byline after the name ("홍길동 기자": Hong Gil-dong, reporter).
BYLINE_SUFFIXES: tuple[str, ...] = ("기자", "특파원", "선임기자")

# Labels that precede a publication or update date.
DATE_LABELS: tuple[str, ...] = (
    "date", "published", "published on", "posted", "posted on", "updated", "last updated",
    "modified", "last modified", "first published", "publication date", "release date", "time",
    "datum", "veröffentlicht", "veröffentlicht am", "aktualisiert", "aktualisiert am",
    "publié le", "mis à jour le", "mis à jour", "publié", "fecha", "publicado", "publicado el",
    "actualizado",
    "publicado em", "atualizado", "pubblicato", "aggiornato", "gepubliceerd", "bijgewerkt",
    "опубликовано", "обновлено", "дата", "发布时间", "發佈時間", "发表时间", "時間", "时间", "日期",
    "来源", "公開日", "更新日", "投稿日", "配信", "입력", "수정", "등록", "yayınlanma",
    "güncelleme", "diterbitkan", "ngày đăng", "cập nhật", "opublikowano", "aktualizacja",
    "yayın tarihi", "diperbarui", "dipublikasikan", "تاريخ النشر", "آخر تحديث", "نشر في",
    "تاریخ انتشار", "تاریخ", "प्रकाशित", "अपडेट", "เผยแพร่", "อัปเดต", "วันที่",
)

# Words that stand before a date in a byline ("By Jane Doe on March 3, 2024"; "am", "le",
# "el", "em", "il", "op": German, French, Spanish, Portuguese, Italian, Dutch).
DATE_PREPOSITIONS: tuple[str, ...] = ("on", "am", "le", "el", "em", "il", "op")

# Headings that open a comment section: past one, the page holds readers' words, not the
# article's. The classifier sees "comes after such a heading" as a feature.
COMMENT_SECTION_HEADINGS: tuple[str, ...] = (
    "comments", "comment", "leave a comment", "leave a reply", "post a comment", "add a comment",
    "join the discussion", "join the conversation", "discussion", "discussion about this post",
    "reader comments",
    # other languages
    "kommentare", "kommentar schreiben", "commentaires", "laisser un commentaire", "comentarios",
    "deja un comentario", "comentários", "deixe um comentário", "commenti", "lascia un commento",
    "reacties", "комментарии", "评论", "コメント", "댓글", "komentarze", "yorumlar", "التعليقات",
    "نظرات", "टिप्पणियां", "bình luận", "komentar", "ความคิดเห็น",
)

# Lines that end an article when they follow its text: share bars, comment sections,
# author boxes, tag lists. The classifier sees "comes after such a line" as a feature.
END_MARKERS: tuple[str, ...] = (
    *COMMENT_SECTION_HEADINGS,
    "share", "share this", "share this article", "share this story", "share this post",
    "share on facebook", "share on twitter", "share article",
    "reply", "about the author", "about the authors", "author", "tags", "tagged", "topics",
    "categories", "filed under", "previous", "next", "previous post", "next post",
    "previous article", "next article", "newsletter", "sign up", "subscribe",
    "subscribe to our newsletter", "follow us", "advertisement", "sponsored content",
    # other languages
    "teilen", "über den autor", "schlagwörter", "partager", "à propos de l'auteur", "mots-clés",
    "compartir", "sobre el autor", "etiquetas", "compartilhe", "sobre o autor", "condividi",
    "delen", "поделиться", "теги", "分享", "标签", "シェア", "タグ", "공유", "udostępnij", "tagi",
    "o autorze", "obserwuj nas", "paylaş", "etiketler", "yazar hakkında", "bizi takip edin", "شارك",
    "مشاركة", "الوسوم", "عن الكاتب", "تابعونا", "اشتراک‌گذاری", "برچسب‌ها", "درباره نویسنده",
    "शेयर करें", "टैग", "लेखक के बारे में", "chia sẻ", "từ khóa", "về tác giả", "bagikan",
    "tentang penulis", "ikuti kami", "แชร์", "แท็ก", "เกี่ยวกับผู้เขียน", "ติดตามเรา", "태그",
)

# A short heading "About <someone or something>" opens a box about the author, the site or
# the company ("About Jane Doe", "About Acme", "Über uns", "Sobre o Blog"): where an article
# has ended. Matched on a lower-cased line of at most ABOUT_HEADING_WORDS words.
ABOUT_HEADING = re.compile(
    r"(?:about|über|à propos d(?:e|u|es|')|acerca de|sobre|informazioni su|chi siamo"
    r"|o autorze|o nas|o firmie|об авторе|о нас|о компании)(?:\s|$)|关于|關於")
ABOUT_HEADING_WORDS = 5

# Words of site furniture rather than of articles: sign-up, legal, advertising, social and
# navigation words. The classifier sees the share of such words in a line. Chosen from the
# words most over-represented in boilerplate lines of the development pages, keeping only
# words with that meaning on any site (not topics), and translated.
_BOILERPLATE_WORD_LIST = """
advertisement advertisements advertise advertising ad ads sponsored promoted reply replies
unsubscribe subscribe subscribed subscriber subscribers subscription subscriptions newsletter
newsletters inbox sitemap cookie cookies consent privacy policy terms conditions disclaimer
copyright reserved trademark trademarks rights login logout signup register registration
password account sign log menu navigation toggle skip loading cart checkout shop careers jobs
donate archives archive rss feed comment comments faq faqs accessibility podcast podcasts
affiliate affiliates facebook twitter instagram linkedin pinterest reddit youtube tiktok
whatsapp telegram flipboard bluesky threads share shares tweet email e-mail click clicking
download app apps trending featured browse spam sorry oops submit contact
abonnieren abonnement anmelden abmelden datenschutz impressum werbung anzeige kontakt
teilen kommentare newsletter nutzungsbedingungen
abonnez abonner abonnement connexion inscription confidentialité publicité mentions légales
partager commentaires contactez
suscríbete suscribirse suscripción privacidad publicidad iniciar sesión registrarse aviso
legal compartir comentarios contacto
assine assinar assinatura privacidade publicidade entrar cadastre compartilhe comentários
iscriviti pubblicità accedi registrati condividi commenti
aanmelden inloggen adverteren reacties delen
подписаться подписка реклама конфиденциальности войти регистрация поделиться комментарии
広告 ログイン 会員登録 プライバシー 利用規約 シェア コメント
广告 登录 注册 隐私 版权 分享 评论 订阅 廣告 登入 註冊 隱私 版權
광고 로그인 구독 저작권 공유 댓글 회원가입 개인정보
"""
BOILERPLATE_WORDS: frozenset[str] = frozenset(_BOILERPLATE_WORD_LIST.split())

# Verbs that close the header of a reader's comment: "jane_doe says:", "Bob on May 3,
# 2019 at 8:50 pm said:".
# Reporters write "Smith said:" too, so the past tense only counts after a user name or a
# date (see rules.is_comment_header); comment systems use the present tense.
COMMENT_VERBS_PRESENT: tuple[str, ...] = (
    "says", "writes", "replies", "commented", "replied", "responded", "schreibt", "sagt",
    "écrit", "dit", "dice", "escribe", "diz", "scrive", "zegt", "пишет", "说", "写道", "評論",
    "评论",
)
COMMENT_VERBS_PAST: tuple[str, ...] = (
    "said", "wrote", "schrieb", "a écrit", "dijo", "escribió", "disse", "escreveu",
    "ha scritto", "schreef", "написал", "написала", "ответил", "ответила",
)

# A photo caption's credit: "(AP Photo/Alan Diaz)", "(Photo: Jane Doe/Reuters)",
# "Image copyright Getty Images", "Foto: dpa", "写真：共同". A line that ends with one, or
# starts with one, is a caption, whatever its language.
PHOTO_CREDIT_END = re.compile(
    # "(AP Photo/Alan Diaz)", "(Photo: Jane Doe)", "(Image credit: NASA)", "(Credit: iStock)"
    r"[(\[](?:[\w.&' -]{0,30}\s)?(?:(?:photos?|fotos?|images?|pictures?|bild)\s*"
    r"(?:credits?\s*)?(?:[:/]|by\b)|credits?\s*:)[^()\[\]]{0,80}[)\]]\s*$"
    # ".../Getty Images" at the end of a caption
    r"|/(?:getty images|afp|reuters|ap|epa|dpa|shutterstock|istock|alamy)(?: via [\w ]+)?\s*\)?$",
    re.IGNORECASE,
)
PHOTO_CREDIT_START = re.compile(
    # "Image copyright Getty Images ...", "Photo: ...", "Foto: dpa", "写真：共同"
    r"(?:image copyright|image caption)\b"
    r"|(?:photo credits?|picture credits?|image credits?|image source|photo|foto|fotos|bild"
    r"|crédit photo|image|写真|사진|图片|圖片|фото|fotoğraf|صورة|الصورة|عکس|फोटो|फ़ोटो|ảnh"
    r"|ภาพ|ภาพประกอบ)\s*[:：]|fot\.\s",
    re.IGNORECASE,
)
# A credit at the end of a caption fits in this many characters.
PHOTO_CREDIT_END_CHARS = 160

# A cookie or consent banner names cookies (the word is borrowed in most languages) next to
# one of these words; an article about baking cookies does not talk of consent or browsing.
# Latin "cookie" is matched between non-letters, not word boundaries: Chinese and Japanese
# write it inside their text ("使用Cookie以").
COOKIE_WORDS = re.compile(
    r"(?<![a-z])cookies?(?![a-z])|куки|クッキー|쿠키|饼干政策|çerez|ciasteczk|الكوكيز|كوكيز"
    r"|ملفات تعريف الارتباط|کوکی|कुकी|คุกกี้",
    re.IGNORECASE,
)
CONSENT_WORDS = re.compile(
    r"\b(?:consent|accept|agree|browsing|browser|website|site|privacy|tracking|personali[sz]ed"
    r"|analytics|settings|preferences|einwilligung|akzeptieren|zustimmen|datenschutz|webseite"
    r"|accepter|consentement|navigation|acepto|aceptar|consentimiento|navegación|aceitar"
    r"|consentimento|navegação|accetta|consenso|navigazione|akkoord|toestemming"
    r"|согласие|сайт|принять|akceptuję|akceptuj|zgod[aęy]|stron[aęy]|prywatności|kabul"
    r"|gizlilik|đồng ý|chấp nhận|trang web|setuju|terima|situs|privasi|موافق|قبول|الموقع)\b"
    # scripts whose words no word boundary delimits
    r"|同意|接受|隐私|隱私|浏览|瀏覽|网站|網站|サイト|동의|사이트|개인정보|ยอมรับ|เว็บไซต์"
    r"|پذیرفتن|پذیرش|سایت|स्वीकार|वेबसाइट",
    re.IGNORECASE,
)

# Relative times that stamp comments and list items ("2 days ago", "vor 3 Stunden").
RELATIVE_TIME = re.compile(
    r"^(?:(?:posted|updated|published|edited)\s+)?"
    r"(?:about\s+|vor\s+|il y a\s+|hace\s+|há\s+|fa\s+)?"
    r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several)\s*"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|"
    r"sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?|"
    r"secondes?|heures?|jours?|semaines?|mois|ans?|segundos?|minutos?|horas?|días?|dias?|"
    r"semanas?|meses|años?|anos?|secondi|minuti|ore|giorni|settimane|mesi|anni|"
    r"секунд[аы]?|минут[аы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[ьяи]|месяц(?:а|ев)?|"
    r"лет|года?|秒|分|時間|日|週間|ヶ月|か月|年|분|시간|일|주|개월|년|秒钟|分钟|小时|天|周|个月)"
    r"\s*(?:ago|前|전|назад|fa)?(?:\s+(?:at|um|à|a las)\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)

# Month names (full and abbreviated) by language, for dates written in words.
MONTHS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "januari februari maart april mei juni juli augustus september oktober november december",
    # Russian, as dates write them (genitive) and as calendars do
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь",
    "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada "
    "grudnia",
    "styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad "
    "grudzień",
    "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
    "januari februari maret april mei juni juli agustus september oktober november desember",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर",
    "जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितम्बर अक्तूबर नवम्बर दिसम्बर",
    "มกราคม กุมภาพันธ์ มีนาคม เมษายน พฤษภาคม มิถุนายน กรกฎาคม สิงหาคม กันยายน ตุลาคม "
    "พฤศจิกายน ธันวาคม",
):
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name, _number)
MONTHS["sept"] = 9
# Arabic of the Levant and Iraq names eight months in one word each.
MONTHS.update({"شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
               "أيلول": 9, "ابريل": 4, "إبريل": 4, "اغسطس": 8, "اكتوبر": 10})
# A Thai date counts its years from the Buddha's death, 543 years before the Common Era.
BUDDHIST_ERA_OFFSET = 543
# The combining marks words hold: accents written apart, Hebrew points, Arabic vowel marks,
# and the vowel signs and viramas of the Indic scripts (Thai and Lao, whose words are counted
# by their characters, are in UNSPACED_LETTERS). Python's \w
# leaves them out, so "\w+" cuts "फिरोज" (Devanagari) or "மிழ்" (Tamil) into pieces and
# would count one word as three. (The Indic ranges hold their scripts' letters and digits
# too, which \w takes anyway; the dandas, their full stops, are left out.)
COMBINING_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06ed\u0900-\u0963\u0971-\u0dff\u1ab0-\u1aff"
    "\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f")
# Letters of a word, with its combining marks ("मार्च" and "มีนาคม" are one word each).
WORD_LETTERS = rf"(?:[^\W\d]|[{COMBINING_MARKS}\u0e00-\u0e4e\u0e80-\u0ecd])+"

# The marks that end a sentence: Latin and Cyrillic, CJK, Arabic and Urdu, Devanagari and
# Bengali (danda), Armenian, Ethiopic, Myanmar, Khmer and Tibetan.
SENTENCE_MARKS = ".!?。！？؟۔।॥։።፧။។៕།"
# What a line that ends a sentence ends with: those marks, an ellipsis, CJK full stops of
# other widths, a colon or semicolon, and the closing quotes and brackets after them.
SENTENCE_END = SENTENCE_MARKS + "…．｡」』”\"'’)»:;"

# --- List items: one set of marks, four readings of it ------------------------------------
# The marks dumpers put before a list item: markdown's "*", "-" and "+", and the bullets of
# HTML lists as text dumpers and terminal browsers draw them.
BULLET_MARKS = "*-+•·▪►▶◦‣"
# A numbered item's mark: "1." or "12)" (three figures at most: "2024." is a year).
LIST_NUMBER = r"\d{1,3}[.)]"


def bullet_class(extra: str = "") -> str:
    """A character class of the BULLET_MARKS (and ``extra``), for a pattern.

    >>> re.match(bullet_class("–"), "– item") is not None
    True
    """
    return "[" + "".join(re.escape(mark) for mark in BULLET_MARKS + extra) + "]"


# The readings differ on purpose, each for what its caller needs to know:
# - LIST_ITEM (the judge: a title is no list item; a link farm's items are): a mark and a
#   space, maybe indented; so "-5%", "*Terms apply" and "1.5 million" are no items.
LIST_ITEM = re.compile(rf"^\s*(?:{bullet_class()}|{LIST_NUMBER})\s+")
# - BULLET_FEATURE (the classifier's ``bullet`` feature, on a stripped line): any mark, with
#   or without a space, and inscriptis's "o " for a nested item. The shipped models were fitted
#   with this reading; changing it means retraining them.
BULLET_FEATURE = re.compile(rf"^(?:{bullet_class()}|{LIST_NUMBER}|o\s)\s*")
# - LEADING_MARKS (rules.bare: what to strip to see a line's words): runs of marks, each with
#   its space, and also markdown's heading and quote marks and the dashes some dumpers list
#   with; "o" only where it cannot be a word ("o  item", "o Item").
LEADING_MARKS = re.compile(
    rf"^(?:[#>]+\s+|{bullet_class('–—')}\s+|{LIST_NUMBER}\s+|o\s{{2,}}|o\s(?=[A-Z]))+")
# - BLOCK_START (split: a line no wrapped paragraph goes on into): any mark, also markdown's
#   ">", "#" and a table's "|", even escaped by a markdown dumper ("1\. Download", "\- Any");
#   a number needs its space, and "o" two spaces (inscriptis), since a paragraph may go on
#   with "o " or "1.5".
BLOCK_START = re.compile(rf"^\s*\\?(?:{bullet_class('>#|')}|\d{{1,3}}\\?[.)]\s|o\s{{2,}})")

# --- Words where words are not spaced -------------------------------------------------------
# Lengths are counted in words so that one threshold serves every language, but some scripts
# put no space between words, or (Korean) few. There a word is counted per so many
# characters: about what a word of English says, which is what the thresholds and the
# classifier were fitted on.
# - Chinese ideographs, Japanese kana and Korean hangul syllables: a word in about two
#   characters (a Chinese word is 1.5 to 2 characters; a Korean space-separated word holds
#   two or three syllables and often says what two English words do).
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
CJK_CHARS_PER_WORD = 2
# - Thai, Lao, Tibetan, Myanmar and Khmer letters with their vowel and tone marks: a word in
#   about four characters.
UNSPACED_LETTERS = re.compile(r"[\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff]")
UNSPACED_LETTERS_PER_WORD = 4
# - Thai and Lao mark no sentence end: a space or the end of the paragraph ends a sentence,
#   so a long line of them ending in a letter ends like a sentence.
UNPUNCTUATED_SCRIPT = re.compile(r"[\u0e00-\u0eff]")

# Articles and conjunctions: a line ending in one of these stops mid-sentence (a dumper
# writing one text node a line broke it at a link), so the next line goes on with it
# whatever its case. Prepositions are left out: headlines end in them ("What to look out
# for"), and so do German and Dutch sentences (separable verbs: "Börsen legen zu").
PHRASE_OPENERS = frozenset("""
the a an and or but
der das des dem den ein eine einer eines einem einen und oder
le la les un une et ou
el los las unos unas y
os um uma e
il lo gli
het een en
и или
""".split())
