"""Every word list the extraction rules use, written once, and the regex pieces built from them.

Rules import from here instead of keeping their own copies; a word added to a list reaches every rule that uses it.
Lists are frozensets (membership) or tuples (order matters for a regex alternation); `alternation()` turns a list
into a regex group.
"""

from __future__ import annotations

import re
from typing import Iterable


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex group matching any of `words`, longest first so `pointed out` beats `pointed`."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# The only characters that Python's re, under IGNORECASE, matches to an ASCII letter other than through lower().
CASE_FOLDS_ONTO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def may_hold_any(text: str, lowered: Iterable[str]) -> bool:
    """False only when no IGNORECASE pattern over ASCII could find one of the `lowered` strings in `text`: a quick
    test that spares most text a costly search."""
    return any(map(text.__contains__, CASE_FOLDS_ONTO_ASCII)) or any(map(text.lower().__contains__, lowered))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# ---------------------------------------------------------------------------------------------------------------
# Speech verbs. Each entry is a lemma, or `lemma:past:s-form` when the regular rule (+ed/+s) would get it wrong.
# A multi-word entry (`point out`) inflects its first word.
SPEECH_LEMMAS = _words(
    """say:said:says tell:told:tells add state note explain warn declare insist argue ask write:wrote:writes announce
    denounce confirm claim stress:stressed:stresses emphasize emphasise indicate reply respond continue acknowledge
    admit:admitted:admits tweet post recall observe remark comment conclude report maintain contend suggest predict
    caution concede complain lament shout exclaim quip:quipped:quips scream yell whisper:whispered:whispers mutter
    answer testify recount boast:boasted:boasts joke muse reflect reiterate assert affirm allege counter retort agree
    disagree repeat summarize summarise chime tout urge:urged:urges plead
    vow pledge promise:promised:promises text:texted:texts email:emailed:emails wonder concur:concurred:concurs
    blurt echo:echoed:echoes scold sigh laugh snap:snapped:snaps cry chide fume gush rave grumble charge mention chant demand
    proclaim crow:crowed:crows sniff submit:submitted:submits"""
)
SPEECH_PHRASES = ("point out", "chime in", "weigh in", "shoot back:shot back:shoots back", "blurt out", "put it:put it:puts it")
# Verbs whose subject owns a partial quote in the same sentence: `the mayor called the plan “a disgrace”`.
OPINION_LEMMAS = _words(
    """consider express call describe promise vow pledge urge accuse praise criticize criticise dismiss label:labelled:labels
    hail welcome condemn brand term believe think:thought:thinks see:saw:sees speak:spoke:speaks refer:referred:refers
    celebrate defend reject mock blast dub:dubbed:dubs characterize characterise decry slam:slammed:slams feel:felt:feels
    vow deride hope liken blame compare attack lambaste ridicule scoff fault castigate"""
)
# `labeled` (US) beside `labelled`.
_EXTRA_FORMS = ("labeled", "spoken", "written", "told")


def _inflect(entry: str) -> tuple[str, ...]:
    """`add` -> (add, added, adds); `say:said:says` as written; `point out` -> (point out, pointed out, points out)."""
    head, _, rest = entry.partition(" ")
    if ":" in entry:
        forms = entry.split(":")
        return tuple(forms)
    lemma = head
    if lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        present = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        present = lemma[:-1] + "ies"
    else:
        present = lemma + "s"
    tail = f" {rest}" if rest else ""
    return lemma + tail, past + tail, present + tail


SPEECH_VERBS = frozenset(form for entry in (*SPEECH_LEMMAS, *SPEECH_PHRASES) for form in _inflect(entry)) | {"say"}
# Past and third-person forms only: `say`/`tell` alone are too often not attributions (`I say`, `they tell us`).
SPEECH_VERBS_FINITE = frozenset(
    form for entry in (*SPEECH_LEMMAS, *SPEECH_PHRASES) for form in _inflect(entry)[1:]
) | {"say"}
OPINION_VERBS = SPEECH_VERBS_FINITE | frozenset(form for entry in OPINION_LEMMAS for form in _inflect(entry)[1:]) | frozenset(
    _EXTRA_FORMS
)
SPEECH_VERB = alternation(SPEECH_VERBS_FINITE)


def _participle(entry: str) -> str:
    """`say` -> saying, `write` -> writing, `admit:admitted:admits` -> admitting, `point out` -> pointing out."""
    head, _, rest = entry.split(":")[0].partition(" ")
    lemma = head
    past = _inflect(entry.split(" ")[0] if ":" not in entry else entry)[1].split(" ")[0]
    short_cvc = len(lemma) == 3 and lemma[0] not in "aeiou" and lemma[1] in "aeiou" and lemma[2] not in "aeiouwxy"
    if past == lemma + lemma[-1] + "ed" or short_cvc:
        lemma += lemma[-1]  # admitted -> admitting, put -> putting
    elif lemma.endswith("e") and not lemma.endswith("ee"):
        lemma = lemma[:-1]
    return lemma + "ing" + (f" {rest}" if rest else "")


# `…, saying “…”`, `…, adding that “…”`: the participle hands the quote to the clause's subject.
SPEECH_PARTICIPLES = frozenset(_participle(entry) for entry in (*SPEECH_LEMMAS, *SPEECH_PHRASES))
SPEECH_PARTICIPLE = alternation(SPEECH_PARTICIPLES)
# `with rescuers describing it as “…”`: participles of speech and of opinion.
OPINION_PARTICIPLE = alternation(SPEECH_PARTICIPLES | {_participle(entry) for entry in OPINION_LEMMAS})
# `Said Roe: “…”`, `Added the mayor, “…”`: a verb opening the sentence, its subject after it.
# `heard students shout “…”`: the bare infinitive after a verb of perception, whose subject is the one heard.
SPEECH_INFINITIVE = alternation(_inflect(entry)[0] for entry in (*SPEECH_LEMMAS, *SPEECH_PHRASES))
PERCEPTION_VERBS = (
    "heard", "hear", "hears", "hearing", "overheard", "overhear", "overhears", "saw", "see", "sees", "seeing", "watched",
    "watch", "watches", "recalled", "recalls", "recalling", "remembered", "remembers", "remembering",
)
SPEECH_VERB_OPENING = alternation(form[:1].upper() + form[1:] for form in SPEECH_VERBS_FINITE if " " not in form)
OPINION_VERB = alternation(OPINION_VERBS)
# Source phrases that attribute without a verb: `according to X`, `X's spokesperson`.
ACCORDING = ("according to", "as quoted by", "in the words of")
# Words reporting a death: the one who died is not the speaker of a bare quote that follows.
DEATH_WORDS = ("died", "dies", "killed", "dead", "death", "funeral", "obituary", "passed away", "was slain")
# Nouns for what someone said: `That was the message from X`, `Her answer is short: “…”` (the possessor's words).
SPEECH_NOUNS = (
    "message", "messages", "word", "words", "verdict", "response", "reaction", "warning", "promise", "answer", "reply",
    "plea", "view", "advice", "explanation", "argument", "point", "take", "comment", "comments", "retort", "pitch",
    "claim", "claims", "assertion", "statement", "remark", "remarks", "insistence", "suggestion", "pledge", "vow",
)

# ---------------------------------------------------------------------------------------------------------------
# Pronouns, by what they can refer to.
PRONOUNS = frozenset("he she they it we i".split())
MALE_PRONOUNS = frozenset(("he", "him", "his", "himself"))
FEMALE_PRONOUNS = frozenset(("she", "her", "hers", "herself"))
PERSON_PRONOUNS = frozenset(("he", "she"))
ARTICLES = frozenset(("the", "a", "an"))
CONJUNCTIONS = frozenset("but and or so yet then also".split())
# Words that open a subordinate clause: a name after them is not the sentence's subject.
SUBORDINATORS = frozenset("while when whenever after before if because although though since unless until once whereas".split())

# ---------------------------------------------------------------------------------------------------------------
# Honorifics and abbreviations before names.
HONORIFICS = frozenset("dr mr mrs ms mx prof sir dame lord lady rev fr sen gen rep gov lt col sgt capt maj adm".split())
MALE_HONORIFICS = frozenset("mr sir lord fr".split())
FEMALE_HONORIFICS = frozenset("mrs ms miss dame lady madam".split())
# Title abbreviations that name a role: `Gov. Ruiz` is `the governor`.
HONORIFIC_ROLES = {
    "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "lt": "lieutenant",
    "col": "colonel", "sgt": "sergeant", "capt": "captain", "adm": "admiral", "prof": "professor", "dr": "doctor",
    "pres": "president", "supt": "superintendent", "insp": "inspector", "det": "detective", "cmdr": "commander",
}
# Honorifics written with a dot, for labels like `Dr. Smith:`.
DOTTED_HONORIFICS = ("Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Sen", "Gen", "Rep", "Gov")
DOTTED_HONORIFIC = alternation(DOTTED_HONORIFICS)
# Abbreviations that end with a dot but not a sentence (`Gen. Smith`, `St. Louis`).
TITLE_ABBREVIATIONS = frozenset(
    "dr mr mrs ms mx prof st gen sen rep gov lt col sgt capt maj adm cmdr rev hon mt ft supt insp det pres "
    "messrs mmes fr sr jr del".split()
)

# ---------------------------------------------------------------------------------------------------------------
# Calendar.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)
MONTH_ABBREVIATIONS = ("Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")
MONTH = "(?:" + "|".join(MONTHS) + "|" + "|".join(re.escape(m) for m in MONTH_ABBREVIATIONS) + ")"

# A dateline opening a story; the agency in it credits the copy and is nobody the story speaks of.
# `WASHINGTON —`, `NEWPORT NEWS, Va. -`, `FLINT, Mich., Oct. 4 (UPI) —`, `MILWAUKEE—`, `Springfield (AFP) –`.
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_PLACE_TITLE = r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}"
_REGION = r"(?:,\s+[A-Z][\w.]*\.?(?:\s+[A-Z][\w.]*\.?)?)?"
_DATE = rf"(?:,?\s+{MONTH}\s+\d{{1,2}})?"
_AGENCY_PAREN = r"\s*\([A-Za-z. ]{1,30}\)"
_DASH = r"\s*(?:--|[—–―-])\s*"
DATELINE = re.compile(
    rf"^(?:{_PLACE_CAPS}{_REGION}{_DATE}(?:{_AGENCY_PAREN})?{_DASH}|{_PLACE_TITLE}{_REGION}{_DATE}{_AGENCY_PAREN}{_DASH})"
)

MONTH_STEMS = frozenset(m.rstrip(".").lower() for m in MONTH_ABBREVIATIONS)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# ---------------------------------------------------------------------------------------------------------------
# Roles, demonyms, places and organisations.
ROLE_WORDS = frozenset(
    """president president-elect vice prime minister secretary spokesman spokeswoman spokesperson chancellor general
    senator governor mayor ceo cfo coo cto chief executive director chairman chairwoman chair professor judge justice
    ambassador commissioner foreign defense defence interior finance economy state deputy leader king queen prince
    princess pope coach manager captain editor expert analyst economist correspondent reporter host founder co-founder
    officer official representative lawmaker congressman congresswoman premier emir sheikh attorney counsel advocate adviser
    advisor head commander admiral colonel lieutenant sergeant inspector superintendent researcher scientist
    strategist investor partner principal dean rector bishop archbishop cardinal rabbi imam coordinator envoy
    negotiator diplomat candidate nominee speaker whip treasurer auditor president's biologist physicist chemist
    historian author writer novelist actor actress singer artist lawyer doctor nurse teacher activist striker
    goalkeeper midfielder defender player engineer architect journalist entrepreneur billionaire businessman
    businesswoman magnate tycoon pilot veteran owner chancellor-elect mayor-elect governor-elect cleric councillor
    councilor alderman organiser organizer trustee sheriff constable detective paramedic firefighter mp mpp mla mep
    mk resident passenger student shopper voter homeowner commuter villager protester volunteer retiree tenant
    customer survivor witness librarian""".split()
)
ROLE_MODIFIERS = frozenset("former acting interim outgoing incoming then senior top deputy assistant associate".split())
# Role words that only qualify another (`foreign minister`, `state senator`): `the state` or `the finance` is no person.
ROLE_QUALIFIERS = frozenset("vice prime deputy foreign defense defence interior finance economy state chief general".split())
# Words that make a role another office: a `prime minister` is not `the minister`, a `chief justice` not `the justice`.
ROLE_COMPOUNDS = frozenset("prime vice deputy chief assistant associate lieutenant under".split())
# Speech verbs whose next name is the one spoken to, not the speaker: `…, he told Ana Ruiz.`
ADDRESSEE_VERBS = frozenset(
    "told tells asked asks urged urges warned warns informed informs reminded reminds assured assures thanked thanks "
    "promised promises".split()
)
# Endings of words that describe a person by where they come from: `Queenslander`, `Kentuckian`, `Torontonian`.
ORIGIN_ENDINGS = ("lander", "ian", "ite", "ese", "er", "an")
# Role nouns that tell a person's gender.
# The court's people: `the judge` right after a sentence about the accused is never the accused.
COURT_ROLES = frozenset("judge justice magistrate prosecutor crown coroner juror jury".split())
MALE_ROLES = frozenset("spokesman chairman congressman businessman king prince father son brother husband actor".split())
FEMALE_ROLES = frozenset(
    "spokeswoman chairwoman congresswoman businesswoman queen princess mother daughter sister wife actress".split()
)
DEMONYMS = frozenset(
    """American Russian Ukrainian British English French German Italian Spanish Portuguese Chinese Japanese Korean
    Indian Pakistani Iranian Iraqi Israeli Palestinian Syrian Turkish Egyptian Saudi Mexican Brazilian Argentine
    Canadian Australian Polish Dutch Belgian Swiss Swedish Norwegian Danish Finnish Greek Austrian Hungarian Czech
    Romanian Bulgarian Serbian Croatian Belarusian Georgian Armenian Lebanese Jordanian Qatari Emirati Afghan
    Nigerian Kenyan Ethiopian African European Asian Latin Western Eastern Northern Southern Venezuelan Colombian
    Chilean Peruvian Cuban Irish Scottish Welsh Taiwanese Vietnamese Thai Indonesian Filipino Malaysian
    Republican Democratic Democrat Conservative Labour Liberal Soviet Arab Kurdish Yemeni Libyan Sudanese
    Moroccan Algerian Tunisian Estonian Latvian Lithuanian Moldovan Slovak Slovenian Icelandic
    Catholic Muslim Jewish Hindu Sikh Buddhist Protestant Anglican Evangelical""".split()
)
# Words of place names that are no place on their own: `North`, `United`, `Sea`, `Kremlin-backed`.
PLACE_PARTS = frozenset(
    """North South East West Central Middle United States Kingdom Union Emirates Arabia Sea Ocean Atlantic Pacific
    Baltic Mediterranean Black Gulf Valley River Mountains Island Islands Region Province City Territories
    Kremlin-backed Americas""".split()
)
PLACES = frozenset(
    """Russia Ukraine Moscow Kyiv Kiev Europe Asia Africa America Antarctica Oceania China Japan Korea India
    Pakistan Iran Iraq Israel Gaza Palestine Syria Turkey Egypt Mexico Brazil Argentina Canada Australia Poland
    Netherlands Belgium Switzerland Sweden Norway Denmark Finland Greece Austria Hungary Romania Bulgaria Serbia
    Croatia Belarus Georgia Armenia Azerbaijan Lebanon Jordan Qatar Afghanistan Nigeria Kenya Ethiopia Venezuela
    Colombia Chile Peru Cuba Ireland Scotland Wales England Britain Germany France Italy Spain Portugal Taiwan
    Vietnam Thailand Indonesia Philippines Malaysia Singapore Crimea Donbas Donetsk Luhansk Kharkiv Odesa Kursk
    Washington London Paris Berlin Rome Madrid Beijing Tokyo Seoul Delhi Mumbai Tehran Baghdad Damascus Ankara
    Istanbul Cairo Brussels Geneva Vienna Warsaw Prague Budapest Minsk Tbilisi Jerusalem Dubai Riyadh Toronto
    Ottawa Sydney Melbourne Chicago Boston Texas California Florida York Angeles Francisco Beirut Yemen Libya Sudan
    Morocco Algeria Tunisia Estonia Latvia Lithuania Moldova Slovakia Slovenia Iceland Luxembourg
    Zealand Korea US USA UK EU UN UAE U.S. U.K. U.N. E.U.
    Alabama Alaska Arizona Arkansas Colorado Connecticut Delaware Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky
    Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Hampshire
    Jersey Mexico Carolina Dakota Ohio Oklahoma Oregon Pennsylvania Rhode Tennessee Utah Vermont Virginia Wisconsin
    Wyoming Alberta Columbia Manitoba Brunswick Newfoundland Labrador Nova Scotia Ontario Quebec Saskatchewan Yukon
    Nunavut Queensland Tasmania Victoria Punjab Kerala Gujarat Maharashtra Bihar Rajasthan Karnataka
    Bengal Kashmir Assam Odisha Telangana Wales""".split()
) | PLACE_PARTS
# Places that are common surnames too: `Tunde Washington`, `Aisha Jordan` are people, however unknown the first name.
SURNAME_PLACES = frozenset(
    "Jordan Washington Victoria Georgia York Jersey Wales Carolina Columbia Sydney Paris London Boston Chicago "
    "Florida Virginia Indiana Kent Chester Lincoln Israel Chad".split()
)
# Words that end (or are) an organisation's name: `Russian Ministry of Defense`, `Acme Corp`, `Reuters`.
ORG_WORDS = frozenset(
    """Ministry Department Agency Bureau Office Council Commission Committee Parliament Congress Senate Assembly
    Government Administration Court Police Army Navy Force Forces Guard Party Union Bank Fund Reserve Exchange
    Company Corporation Corp Inc Ltd LLC Group Holdings Association Institute University College School Foundation
    Organization Organisation Federation Alliance Post Times News Journal Herald Tribune Guardian Telegraph Press
    Agency Network Television Radio Service Services Authority Board Kremlin Pentagon NATO Reuters AP AFP BBC CNN
    Bloomberg TASS Interfax Gazprom Rosneft Airlines Motors Technologies Systems Labs Media House Church Club
    Coalition Cabinet Commission Secretariat Inspectorate Prosecutor's Hospital Center Centre Museum Nations Hall
    Energy Capital Partners Airways Pharmaceuticals Foods Industries Solutions Software Networks Communications
    Entertainment Resources Oil Gas Power Electric Insurance Financial Securities Investments Ventures Unit League
    Caucus""".split()
)
# Capitalised words that end the name of a place, law, event or document, never a person's (unless the word
# before them is a first name: `Grant Hill`): `Harbour Street`, `Clean Air Act`, `Pride Week`.
THING_HEADS = frozenset(
    """Street Avenue Road Boulevard Lane Drive Highway Square Park Bridge Airport Station Stadium Arena Hill Heights
    Act Bill Law Code Charter Accord Treaty Agreement Plan Strategy Report Review Index Survey Studies Study Program
    Programme Project Initiative Fund Day Week Month Year Festival Games Cup Championship Championships Tour Tours
    Summit Conference Convention Awards Award Prize Show Series Line Trail Canyon Lake Bay Beach Falls Creek Mall
    Tower Towers Building Plaza Market Tournament Cathedral Museum Gallery Library Zoo Mountain Valley County
    Springs Memorial Monument Invitational Open Hotel Fundraiser Forum Challenge Complex Resorts""".split()
)
# Capitalised words of titles and phrases (`Baking From My Home To Yours`, `Did Trump`) never found inside a
# person's name; `May`, `Will` and `Can` are left out: they are names too.
TITLE_CASE_WORDS = frozenset(
    """about above after against are away be been before being by could did do does down either from gonna got had
    has have how in into is it its me my neither never no not of off on or our out over she should than that their
    them these they this those to under up us was we were what when where which who why with without would you
    your dear last next""".split()
)
# Documents that speak for their author: `her statement said`, `a 2019 study by the committee`.
DOCUMENT_NOUNS = frozenset(
    "statement report memo letter ruling release study survey document email post tweet filing brief notice submission "
    "message blog".split()
)
# Names one document goes by: `said in a press release… . The statement read`.
DOCUMENT_FORMS = {"statement": ("statement", "release"), "release": ("release", "statement")}
# `the memo obtained by the paper`: who got hold of a document, not who wrote it.
DOCUMENT_RECEIVED = ("obtained", "seen", "viewed", "reviewed", "received", "leaked", "acquired")
# Nouns with an agent's ending that name no one: `the numbers suggest`, `others say`.
NOT_AGENT_NOUNS = frozenset(
    "number other matter order paper water center centre quarter power border letter corner winter summer weather "
    "chapter character answer register cancer dinner layer event percent content moment comment element".split()
)
# Lowercase nouns that name an organisation after a capitalised word: `the Ukrainian air forces`.
LOWERCASE_ORG_NOUNS = ("air force", "air forces", "armed forces", "army", "navy", "military", "government", "police", "border guard")
# Single capitalised words that are never names on their own (sentence openers, calendar words, pronouns).
NOT_NAMES = frozenset(
    """I You He She It We They His Her Its Our Their This That These Those The A An And But Or If When While After
    Before As At In On Of For From To With Without By According Likewise Meanwhile However Moreover Furthermore
    Also Still Yet So Then Thus Therefore Indeed Lastly Finally First Second Third Returning Related Thank Thanks
    Welcome Hello Yes No Today Yesterday Tomorrow Morning Evening Night Despite
    Although Though Because Since Until Unless Where What Who Why How Which Whose Both Each Every Some Many Most
    Several Another Other Such Interview Editor Note Update Photo Source Sources Read More See Here There Now
    Earlier Later Recently Currently Mr Mrs Ms Dr Prof Q Well Oh Sir Madam Over Under Amid Among During Following
    Throughout Across Once Even Just Only Not Please Let Good Great New Old Breaking Exclusive Live Watch
    Interviewer Moderator Presenter Host Anchor Question Answer A Unlike Like Besides Except Upon Within Beyond Toward
    Towards Against Along Around Behind Between Inside Outside Near Through Via Perhaps Maybe Instead Otherwise
    Nevertheless Nonetheless Anyway Again Already Always Never Sometimes Often Together Almost Rather Soon Next
    Hence""".split()
) | frozenset(MONTHS) | frozenset(WEEKDAYS)
# Particles inside names: `Ludwig van Beethoven`, `Osama bin Laden`.
NAME_PARTICLES = ("de", "da", "del", "della", "van", "von", "der", "den", "al", "bin", "ibn", "le", "la", "du", "dos", "di")

# ---------------------------------------------------------------------------------------------------------------
# Titles of works in quote marks are not speech: `the film “Night Train”`, `his book “Small Hours”`.
TITLE_CUES = frozenset(
    """film movie documentary book novel memoir biography show series sitcom episode song single album record
    play musical opera poem painting exhibition exhibit podcast campaign slogan hashtag headline column essay
    article report study paper program programme game video titled entitled called dubbed named herself himself
    themselves itself nicknamed""".split()
)

# ---------------------------------------------------------------------------------------------------------------
# Words that introduce a relative: `his wife, Ana Ruiz`, `her son Leo Holt`.
KIN_WORDS = (
    "wife", "husband", "son", "daughter", "father", "mother", "brother", "sister", "widow", "widower", "spouse",
    "partner", "fiancé", "fiancée", "fiance", "fiancee", "grandson", "granddaughter", "grandfather", "grandmother",
    "nephew", "niece", "cousin", "uncle", "aunt", "stepson", "stepdaughter", "stepfather", "stepmother", "twin",
    "dad", "mom", "mum", "father-in-law", "mother-in-law", "son-in-law", "daughter-in-law", "sibling",
)
# Descriptions that stand for an entity named earlier: `the company said`, `the spokeswoman added`.
ORG_DESCRIPTIONS = frozenset(
    """company firm group department ministry agency government party union committee commission council court
    board university college school hospital bank newspaper daily paper network broadcaster channel team club
    organization organisation association institute foundation office authority service campaign administration
    police force army military retailer airline carrier manufacturer automaker startup charity utility regulator
    insurer lender operator provider watchdog publisher insurer league body""".split()
)
# Descriptions that fit any organisation: `the company` is whichever company the article named last.
GENERIC_ORG_DESCRIPTIONS = frozenset(
    "company firm group newspaper daily paper network broadcaster organization organisation retailer airline carrier "
    "manufacturer automaker startup charity utility regulator insurer lender operator provider watchdog "
    "publisher".split()
)
# `the former` / `the latter`: they point at one of a pair just named and describe nobody on their own.
PAIR_POINTERS = ("former", "latter")
# Plural or collective speakers an article may quote without a name.
GROUP_DESCRIPTIONS = frozenset(
    """officials police authorities residents experts analysts critics sources investigators protesters supporters
    opponents members organizers organisers leaders voters people students workers parents doctors scientists
    researchers economists spokespeople staff prosecutors lawyers""".split()
)
PERSON_DESCRIPTIONS = frozenset(
    """man woman mother father son daughter wife husband brother sister resident student worker owner victim witness
    survivor parent grandmother grandfather boy girl teenager veteran spokesperson official officer politician
    lawmaker legislator candidate nominee incumbent challenger republican democrat conservative liberal
    strategist adviser advisor aide ally critic friend neighbour neighbor colleague farmer doctor nurse teacher
    professor researcher economist analyst chef athlete fan""".split()
)

# ---------------------------------------------------------------------------------------------------------------
# Page debris (debris.py): captions, credits, bylines, share and newsletter lines, link and price lists, posts.
CAPTION_OPENERS = ("open this photo in gallery", "open this image in gallery", "file photo", "photo", "image", "gallery",
                   "slideshow", "photos")
CAPTION_VERBS = ("is seen", "are seen", "is pictured", "are pictured", "is shown", "are shown", "poses", "pose")
CAPTION_NOUNS = ("photo", "image", "picture", "photograph", "handout photo", "file photo", "file image", "video still")
# Agencies whose name opens a caption credit (`The Canadian Press A badge is seen …`).
AGENCY_NAMES = ("canadian press", "associated press", "reuters", "afp", "getty images", "bloomberg")
CREDIT_WORDS = ("photo", "photos", "image", "images", "file photo", "file", "credit", "courtesy", "illustration",
                "handout", "photograph", "video", "source")
AGENCY_WORDS = ("associated press", "canadian press", "reuters", "afp", "agence france-presse", "bloomberg",
                "getty images", "ap photo", "the ap", "staff", "news staff", "staff writer", "reporter", "correspondent",
                "contributor", "special to")
SHARE_LABELS = ("read more", "read also", "also read", "related", "watch", "watch below", "listen", "video",
                "more", "see also", "recommended", "relevant reading", "editor's note", "editor’s note", "note",
                "sign up", "subscribe", "follow", "share", "click here", "download", "trending", "look", "in pictures",
                "warning", "content warning", "update", "correction", "clarification")
SHARE_PHRASES = (
    "sign up for our", "subscribe to our", "our newsletter", "share this story", "share this article", "like us on facebook",
    "email us at", "e-mail us at", "story continues below", "article continued below", "continue reading",
    "this column appears", "this column appeared", "this story was originally", "this article was originally",
    "a post shared by", "view this post on instagram", "click here", "watch on youtube", "shop the advice", "shop the story",
)
SOCIAL_PLATFORMS = ("twitter", "facebook", "instagram", "youtube", "tiktok", "linkedin", "snapchat")
READER_ASKS = ("questions", "comments", "tips", "letters", "stories", "story ideas", "feedback", "photos")
# Words that may stay lowercase in a title-case label line (`Jo Pell, University of Leeds`).
LABEL_FUNCTION_WORDS = ("of", "the", "and", "for", "de", "du", "la", "in", "at", "on", "&")
WEB_SUFFIXES = ("com", "ca", "org", "net", "co", "uk", "io", "gov", "edu", "us", "info")
CURRENCY = "$€£¥"

# ---------------------------------------------------------------------------------------------------------------
# Headline inference (headline.py): what a lead's main clause is cut from and at.
# A phrase opening with one of these, up to its comma, comes before the subject: `On Thursday,`, `Last week,`.
LEAD_OPENERS = (
    "on", "in", "at", "after", "as", "when", "while", "following", "despite", "amid", "during", "last", "earlier",
    "later", "this", "since", "before", "with", "although", "though", "however", "meanwhile", "still",
    "speaking", "for the second time", "for the first time", "once", "until", "according to",
)
# Time phrases that a headline does without (weekdays and dates are added by the rule).
TIME_WORDS = (
    "tonight", "today", "yesterday", "this week", "last week", "next week", "this weekend", "last weekend",
    "this month", "last month", "earlier this week", "earlier this month", "earlier this year", "late last week",
    "on election day", "this morning", "this afternoon", "this evening", "last night",
)
# After a comma, these open a clause that a headline drops: `…, despite protests`, `…, which …`.
CLAUSE_OPENERS = (
    "despite", "while", "although", "though", "after", "as", "according to", "which", "who", "whose", "because",
    "since", "but", "amid", "following", "when", "where", "with", "in what", "both", "officials", "authorities",
    "police", "a move", "a decision", "an act", "in a", "in an", "marking", "the latest", "the first", "the second",
)
# A long headline is cut before one of these (or at a comma), never inside a phrase.
HEADLINE_CUT_BEFORE = (
    "in", "on", "at", "for", "with", "from", "by", "after", "as", "because", "while", "who", "which", "that", "amid",
    "during", "over", "against", "since", "before", "and", "but", "when", "where", "into", "about", "under", "than",
    "despite", "following", "through", "across", "near", "to",
)
# Verbs that take `to` and the verb after it (`attempted to interfere`): a headline is never cut before that `to`.
CATENATIVE_VERBS = _words(
    """plan plans planned want wants wanted need needs needed try tries tried trying going able set hope hopes hoping
    seek seeks seeking agree agrees decide decides expect expects expected appear appears seem seems refuse refuses
    vow vows promise promises threaten threatens continue continues begin begins began start starts used ought
    likely unlikely due ready poised
    has have had is are was were will would"""
)
# Verbs that report a finding rather than speech: `…, official figures showed`.
FINDING_VERBS = ("showed", "shows", "show", "found", "finds", "revealed", "reveals", "suggested", "suggests", "indicated")
# Words a cut headline must not end on.
TRAILING_WORDS = (
    "as", "the", "a", "an", "of", "to", "in", "and", "or", "when", "that", "with", "for", "on", "at", "by", "from",
    "while", "his", "her", "their", "its", "who", "which", "is", "are", "was", "were", "has", "have", "had", "be",
    "will", "would", "could", "this", "these", "those", "our", "my", "your", "into", "than", "but", "after",
    "how", "what", "why", "whether", "to go", "much", "more", "less", "many", "some", "all", "such", "so", "very",
    "just", "not", "also", "about", "being", "been",
)
SPEAKER_NOUNS = PERSON_DESCRIPTIONS | ORG_DESCRIPTIONS | GROUP_DESCRIPTIONS | ROLE_WORDS

# ---------------------------------------------------------------------------------------------------------------
# News-sentence shape (facts.py): a fact should have a finite verb; these are the cues besides `-ed` forms and the
# speech verbs above.
FINITE_VERBS = _words(
    """is are was were has have had will would can could may might must shall should did does do won't can't
    isn't aren't wasn't weren't hasn't haven't didn't doesn't made took gave rose fell won lost hit left put set
    came went saw got held led paid sold built began became spent cut ran grew drew found sent kept met brought
    bought struck shot broke chose drove flew knew stood sat fought sank swept threw wore hid bore rode spoke
    thought felt heard meant caught taught sought laid understood
    makes takes gives rises falls wins loses hits leaves puts sets comes goes sees gets holds leads pays sells
    builds begins becomes spends cuts runs grows draws finds sends keeps meets brings buys remains plans faces"""
)
# A finite-verb cue: one of the words above, an `-ed` form or a speech verb.
FINITE_VERB = rf"\b(?:{alternation(FINITE_VERBS)}|[a-z]{{2,}}ed|{SPEECH_VERB})\b"
# Separators of a list that a fact is not: `Oak bench, $240; iron lamp, $85`.
LIST_SEPARATORS = (",", ";", "|", "•", "·")

# ---------------------------------------------------------------------------------------------------------------
# News or not (facts.py, views/compose.py): a column or a letter says `I` and `you` outside quotes; a report speaks in
# the third person. (`we` is left out: reports use it for a town or a team.)
READER_PERSON_WORDS = frozenset("I I'm I’m I've I’ve I'd I’d me my My you You your Your you're you’re you'll you’ll".split())

# ---------------------------------------------------------------------------------------------------------------
# Headline inference, continued (headline.py).
DAY_PARTS = ("morning", "afternoon", "evening", "night")
# Verbs whose object is a clause (`says the port will close`): a headline cut after one must keep that clause's verb.
CLAUSE_TAKING_VERBS = _words(
    """say says said believe believes believed think thinks thought show shows showed argue argues argued insist insists
    insisted warn warns warned suggest suggests suggested predict predicts predicted expect expects expected fear fears
    feared hope hopes hoped conclude concludes concluded saying arguing warning insisting believing thinking"""
)
# A cut right after one of these has cut off what the verb needs (`the plan is`, `the mayor remains`).
AUXILIARY_VERBS = _words(
    """is are was were be been being am has have had will would could can may might must should shall remains remain
    remained seems seem seemed becomes become became does do did"""
)
# Words of a description before a name that a headline leaves out: `Former President`, `Retired Lt. Gen.`.
NAME_DESCRIPTION_NOUNS = _words("pollster nominee candidate hopeful frontrunner front-runner contender incumbent")
# Lowercase words such a description may hold besides roles (and adjectives in -al and -ic: `presidential`).
DESCRIPTION_ADJECTIVES = _words("longtime veteran retired vice")
# Verbs that report speech with the words as their object: `Jo Bloggs said the port will close`.
SAYING_VERBS = ("said", "says", "argued", "argues", "warned", "warns", "insisted", "insists", "believes", "thinks")
# Words too common to tell what an article is about (its keywords are the most frequent of the others).
FUNCTION_WORDS = _words(
    """the and but for nor yet with from into onto over under about after before since until while than then that this
    these those there their they them his her hers its our ours your yours who whom whose which what when where why how
    was were are has have had been being will would could should might must can may not also just only more most much
    many some any all each every other such very said says say told tells according one two three new last first year
    years time people like out off per because though although whether mr mrs ms"""
)
