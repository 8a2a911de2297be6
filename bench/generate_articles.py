"""A deterministic generator of realistic news articles for the benchmarks.

Every article is a function of (seed, index) only, so a corpus of N articles is the first N of any larger one
and a cached corpus is reused across runs. Articles are 1-10 KB of UTF-8 text in the corpus format
(optional `Key: value` header, then one paragraph per line) and contain what the extractor has to cope with:
direct quotes with the attribution before and after (“…,” X said / X said: “…” / according to X), partial
quotes, interview transcripts in `Name: text` form with short-form names, numbers and dates, teaser lines
(`You may be interested: …`) and scraping leftovers (`“>`, `<p>`, `&amp;`). Names, places and organisations
are drawn from lists plus syllable-built surnames, so the FTS vocabulary keeps growing with the corpus
as real news vocabulary does.
"""

from __future__ import annotations

import os
import random
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

CHUNK = 500  # files per folder of the shared corpus
CACHE_ENV = "NEWSBRIEF_BENCH_CACHE"  # overrides bench/.cache (the smoke test uses a temp dir)


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(__file__).resolve().parent / ".cache")

FIRST = (
    "Anna Maria Olena Dmitri Vladimir Donald Emmanuel Olaf Keir Giorgia Pedro Ursula Antonio Xi Narendra Luiz "
    "Javier Sofia Carmen Lucia Mateo Hugo Ines Tomas Marta Pavel Irina Sergei Yulia Andriy Oksana Kamala Joe "
    "Rishi Fumio Recep Benjamin Mohammed Ahmed Fatima Leila Omar Amira Chen Wei Li Hiroshi Yuki Kenji Aiko "
    "Samuel Grace Peter Paul Mary Elena Nikolai Katarzyna Piotr Jan Eva Lars Ingrid Bjorn Sven Astrid Elif "
    "Mehmet Ayse Raul Gabriela Diego Valentina Camila Andres Rosa Jorge Beatriz Helena Klaus Heidi Franz"
).split()
LAST = (
    "Peskov Zelensky Putin Trump Macron Scholz Starmer Meloni Sanchez Guterres Modi Lula Milei Kovalenko "
    "Shevchenko Ivanova Petrov Sokolov Novak Horvath Kowalski Nowak Schmidt Muller Fischer Weber Rossi Russo "
    "Bianchi Garcia Martinez Lopez Gonzalez Rodriguez Fernandez Perez Silva Santos Oliveira Costa Pereira "
    "Tanaka Suzuki Sato Watanabe Kim Park Lee Wang Zhang Liu Chen Yang Haddad Nasser Khalil Rahman Hussein "
    "Okafor Mensah Diallo Kamara Abubakar Mwangi Ochieng Nkosi Dlamini Andersen Johansson Nilsson Larsen "
    "Virtanen Korhonen Dubois Moreau Laurent Lefebvre Janssen Peeters Vasilyeva Orban Fico Tusk Duda"
).split()
SYLLABLES = "ka ri mo ten vel or an sha lu pe dor vik zan mi ro sel ta gor nes bu lin dra kov ich enko ska ez".split()
ROLES = (
    "the spokesman for the presidency|the defence minister|the foreign minister|a senior analyst|the mayor|"
    "the governor of the region|a military expert|the head of the central bank|an economist|the prime minister|"
    "the health minister|a spokeswoman for the ministry|the chief executive|the director of the institute|"
    "a professor of international relations|the police chief|the energy minister|a union leader"
).split("|")
PLACES = (
    "Moscow Kyiv Kharkiv Odesa Lviv Warsaw Berlin Paris London Madrid Rome Brussels Vienna Prague Budapest "
    "Bucharest Sofia Athens Ankara Istanbul Tehran Baghdad Damascus Beirut Jerusalem Cairo Riyadh Doha Dubai "
    "Delhi Mumbai Beijing Shanghai Tokyo Seoul Pyongyang Taipei Manila Jakarta Sydney Washington Chicago "
    "Mexico Bogota Lima Santiago Caracas Havana Brasilia Nairobi Lagos Accra Dakar Johannesburg Kinshasa "
    "Khartoum Tripoli Tunis Algiers Rabat Lisbon Dublin Oslo Stockholm Helsinki Tallinn Riga Vilnius Minsk "
    "Belgorod Kursk Donetsk Luhansk Zaporizhzhia Kherson Crimea Sevastopol Rámenskoye Dnipro Mykolaiv Sumy"
).split()
ORGS = (
    "the Kremlin|NATO|the European Union|the United Nations|the World Bank|the International Monetary Fund|"
    "the Russian Ministry of Defense|the Ukrainian air forces|the Pentagon|the State Department|Reuters|"
    "the Washington Post|the New York Times|the Red Cross|Amnesty International|the World Health Organization|"
    "the Central Bank|Gazprom|Naftogaz|the Security Council|the European Commission|the Bundestag|"
    "the National Guard|the Interior Ministry|the Finance Ministry|OPEC|the African Union|the Supreme Court"
).split("|")
TOPICS = {
    "war": "drones missiles attack shelling front offensive troops soldiers artillery air defence strike "
    "ceasefire negotiations escalation brigade casualties evacuation border convoy sanctions",
    "economy": "inflation interest rates budget deficit growth recession exports imports tariffs markets "
    "investors currency bonds unemployment wages prices energy oil gas pipeline",
    "politics": "election parliament coalition vote referendum opposition campaign reform constitution "
    "minister cabinet resignation protest corruption scandal poll majority",
    "health": "hospital vaccine outbreak virus patients doctors clinic shortage emergency pandemic "
    "treatment medicine cases infections ward surgery nurses",
    "climate": "flooding drought wildfire heatwave emissions storm hurricane rainfall glacier temperature "
    "harvest crops water reservoir coastline renewable solar wind",
    "technology": "satellite chips software cyberattack hackers network data artificial intelligence "
    "startup telecom broadband encryption servers outage platform",
}
TOPIC_WORDS = {k: v.split() for k, v in TOPICS.items()}
VERBS = "said|told reporters|announced|warned|stressed|added|insisted|confirmed|noted".split("|")
MONTHS = "January February March April May June July August September October November December".split()


class _Writer:
    """Builds one article from its own Random."""

    def __init__(self, rng: random.Random, index: int) -> None:
        self.r = rng
        self.index = index
        self.topic = rng.choice(list(TOPICS))
        self.words = TOPIC_WORDS[self.topic]
        self.day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
        self.places = rng.sample(PLACES, 4)
        self.orgs = rng.sample(ORGS, 3)
        self.people = [self._person() for _ in range(rng.randint(2, 5))]

    def _surname(self) -> str:
        if self.r.random() < 0.35:  # a long tail of surnames: vocabulary grows with the corpus
            return "".join(self.r.choice(SYLLABLES) for _ in range(self.r.randint(2, 3))).capitalize()
        return self.r.choice(LAST)

    def _person(self) -> tuple[str, str, str]:
        first, last = self.r.choice(FIRST), self._surname()
        title = "Dr. " if self.r.random() < 0.1 else ""
        return f"{title}{first} {last}", last, self.r.choice(ROLES)

    def number(self) -> str:
        r = self.r.random()
        if r < 0.3:
            return str(self.r.randint(2, 99))
        if r < 0.5:
            return f"{self.r.randint(100, 9999):,}"
        if r < 0.7:
            return f"{self.r.randint(1, 99)}.{self.r.randint(0, 9)}%"
        if r < 0.85:
            return f"${self.r.randint(1, 900)} million"
        return f"{self.r.randint(2, 40)} billion euros"

    def when(self) -> str:
        d = self.day - timedelta(days=self.r.randrange(20))
        return self.r.choice((f"on {MONTHS[d.month - 1]} {d.day}, {d.year}", f"on {d:%A}", "last week", "on Sunday morning", f"in {MONTHS[d.month - 1]}"))

    def w(self, n: int = 1) -> str:
        return " ".join(self.r.choice(self.words) for _ in range(n))

    def clause(self) -> str:
        r = self.r
        place, org = r.choice(self.places), r.choice(self.orgs)
        templates = (
            f"{org.capitalize() if org[0].islower() else org} reported {self.number()} {self.w()} near {place} {self.when()}",
            f"the {self.w()} in {place} affected {self.number()} people, according to {org}",
            f"officials in {place} said the {self.w()} would cost {self.number()} over the next {r.randint(2, 12)} months",
            f"{self.number()} {self.w()} were recorded in the region of {place}, the largest since {r.randint(1990, 2023)}",
            f"the talks between {place} and {r.choice(self.places)} on {self.w(2)} ended {self.when()} without agreement",
            f"{org} said that {self.w()} and {self.w()} remain the main concern for {place}",
            f"residents of {place} described the {self.w()} as the worst in {r.randint(3, 40)} years",
        )
        return r.choice(templates)

    def sentence(self) -> str:
        s = self.clause()
        if self.r.random() < 0.4:
            s += f", {self.r.choice(('while', 'as', 'despite the fact that', 'after'))} {self.clause()}"
        return s[0].upper() + s[1:] + "."

    def quote_text(self) -> str:
        n = self.r.randint(1, 3)
        parts = []
        for _ in range(n):
            s = self.r.choice(
                (
                    f"We will not accept {self.w()} in {self.r.choice(self.places)}",
                    f"The situation with {self.w()} is {self.r.choice(('serious', 'improving', 'under control', 'critical'))}",
                    f"Nobody expected {self.number()} {self.w()} so soon",
                    f"Our priority is {self.w()} and the safety of {self.r.choice(('civilians', 'families', 'workers', 'our people'))}",
                    f"There is no alternative to {self.w()} and dialogue",
                )
            )
            parts.append(s)
        return ". ".join(parts)

    def quote_paragraph(self) -> str:
        name, last, role = self.r.choice(self.people)
        q = self.quote_text()
        verb = self.r.choice(VERBS)
        forms = (
            f"“{q},” {name}, {role}, {verb}.",
            f"“{q},” {verb} {name}, {role}.",
            f"{name} {verb}: “{q}.”",
            f"{role.capitalize()}, {name}, {verb} that the {self.w()} was “{self.r.choice(('unacceptable', 'a turning point', 'only the beginning', 'a positive signal'))}” {self.when()}.",
            f"According to {name}, {self.clause()}.",
            f"“{q},” {last} {verb}, adding that {self.clause()}.",
            f"{self.sentence()} {last} described it as “{self.w()} on a new scale”.",
        )
        return self.r.choice(forms)

    def interview(self) -> list[str]:
        name, last, role = self.r.choice(self.people)
        host = self.r.choice(("Editor", "Interviewer", "Q", "Host"))
        short = f"Dr. {last}" if name.startswith("Dr. ") else last
        lines = [f"Interview with {name}, {role}"]
        for i in range(self.r.randint(2, 5)):
            lines.append(f"{host}: What does the {self.w()} in {self.r.choice(self.places)} mean for {self.w()}?")
            answer = " ".join(self.sentence() for _ in range(self.r.randint(1, 3)))
            lines.append(f"{name if i == 0 else short}: {answer}")
        return lines

    def noise(self, paragraph: str) -> str:
        r = self.r.random()
        if r < 0.04:
            return f"{self.r.choice(self.places)}“>{paragraph}"
        if r < 0.07:
            return f"<p>{paragraph}</p>"
        if r < 0.10:
            return paragraph.replace(" and ", " &amp; ", 1)
        return paragraph

    def teaser(self) -> str:
        head = self.r.choice(("You may be interested", "Read also", "Related"))
        return f"{head}: {self.r.choice(self.places)} {self.r.choice(('confirms', 'denies', 'prepares', 'warns of'))} {self.w(2)}"

    def article(self) -> tuple[str, str]:
        r = self.r
        target = int(min(10_000, max(1_000, r.lognormvariate(8.0, 0.55))))  # median ~3 KB, 1-10 KB
        paragraphs: list[str] = []
        lead = self.sentence()
        if r.random() < 0.3:
            lead = f"{self.places[0].upper()} — {lead}"
        paragraphs.append(lead)
        interview_done = False
        size = len(lead)
        while size < target:
            roll = r.random()
            if roll < 0.35:
                p = self.quote_paragraph()
            elif roll < 0.45:
                p = self.teaser()
            elif roll < 0.50 and not interview_done and size > 800:
                interview_done = True
                block = self.interview()
                paragraphs.extend(block)
                size += sum(len(b) + 1 for b in block)
                continue
            else:
                p = " ".join(self.sentence() for _ in range(r.randint(1, 3)))
            p = self.noise(p)
            paragraphs.append(p)
            size += len(p) + 1
        body = "\n".join(paragraphs)
        slug = f"{self.topic}-{self.places[0].lower()}-{self.index:06d}"
        if r.random() < 0.7:
            title = f"{self.places[0]}: {self.w(2)} {r.choice(('after', 'amid', 'as'))} {self.w()} talks".capitalize()
            header = f"Title: {title}\nSource: https://news.example/{slug}\nPublished: {self.day.isoformat()}\n\n"
            return f"{slug}.txt", header + body + "\n"
        return f"{self.day.isoformat()}-{slug}.txt", body + "\n"


def make_article(seed: int, index: int) -> tuple[str, str]:
    """(file name, text) of article `index`; depends only on (seed, index)."""
    return _Writer(random.Random(seed * 1_000_003 + index), index).article()


def corpus_paths(n: int, seed: int = 1, root: Path | None = None) -> list[Path]:
    """The folders holding the first `n` articles, generating the missing ones (cached under bench/.cache)."""
    root = root or cache_dir()
    if n % CHUNK:
        folder = root / f"corpus-s{seed}-n{n}"
        _ensure_chunk(folder, seed, range(n))
        return [folder]
    base = root / f"corpus-s{seed}"
    folders = [base / f"c{c:04d}" for c in range(n // CHUNK)]
    missing = [(f, seed, range(c * CHUNK, (c + 1) * CHUNK)) for c, f in enumerate(folders) if not (f / ".done").exists()]
    if len(missing) > 1:
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_ensure_chunk, *zip(*missing)))
    for args in missing:
        _ensure_chunk(*args)
    return folders


def _ensure_chunk(folder: Path, seed: int, indices: range) -> None:
    done = folder / ".done"
    if done.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    for i in indices:
        name, text = make_article(seed, i)
        (folder / name).write_text(text, encoding="utf-8")
    done.write_text(f"{len(indices)}\n")


def iter_articles(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    for i in range(n):
        yield make_article(seed, i)


if __name__ == "__main__":  # print a sample: python -m bench.generate_articles [index]
    import sys

    name, text = make_article(1, int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    sys.stdout.write(f"== {name} ({len(text.encode())} bytes)\n{text}")
