"""Finding the cue and the speaker mention: one table of invented (text, expected) cases per rule.

Each article is a few paragraphs separated by `|`; the expected value is the speaker of the quote whose text is
given (None: the quote must be shown under nobody's name).
"""

from __future__ import annotations

import pytest

from briefings.extract.article import extract_article
from briefings.models import Quote


def quote_of(body: str, quote: str) -> Quote:
    extraction = extract_article(body.replace("|", "\n"))
    matches = [q for q in extraction.quotes if q.text.rstrip(".,") == quote.rstrip(".,")]
    assert matches, [q.text for q in extraction.quotes]
    return matches[0]


def speaker_of(body: str, quote: str) -> str | None:
    return quote_of(body, quote).speaker


SAME_SENTENCE = [
    # A second quote in the sentence shares the attribution of the first.
    ("Mayor Lena Ortiz said the budget “is balanced” and that the city “owes nothing to anyone.”",
     "owes nothing to anyone.", "Lena Ortiz"),
    # ... also when the attribution sits between them.
    ("Critics “never read the bill,” Senator Paul Kemp said, and they “should start now.”", "should start now.", "Paul Kemp"),
    ("Critics “never read the bill,” Senator Paul Kemp said, and they “should start now.”", "never read the bill", "Paul Kemp"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), SAME_SENTENCE)
def test_quotes_share_their_sentence_attribution(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


COMPLEMENT = [
    # The quote closes a long complement of `said`.
    ("Union leader Maria Gomez said on Thursday that members had voted by a wide margin and were ready to "
     "“stay out as long as it takes.”", "stay out as long as it takes.", "Maria Gomez"),
    ("Olsen Freight said in its annual filing that the new rules could add costs and would likely "
     "“slow deliveries in rural areas.”", "slow deliveries in rural areas.", "Olsen Freight"),
    # A parenthetical `said` does not reach past its own clause.
    ("Small shops, Ana Ruiz said, are the heart of the street, and the sign on her old bakery door still reads "
     "“Open every day.”", "Open every day.", None),
    # Nor past an aside set off by dashes.
    ("Several retired judges have said the same thing, including the former chief justice Hal Brett -- "
     "“The court cannot be rushed.”", "The court cannot be rushed.", None),
    # A closed pair of dashes inside the complement is part of it.
    ("Councillor Ana Diaz said all three levels of government — city, province and nation — should be "
     "“pulling together.”", "pulling together.", "Ana Diaz"),
    # A subject with many appositives, and verbs joined by `and` inside a relative clause.
    ("Rosa Lima, 59, of Leeds, Yorks., who watched from the square, said it brought back “the best days of my life.”",
     "the best days of my life.", "Rosa Lima"),
    ("Lina Ortiz, who grew up on the estate, played in the band and moved away in 2013, said the school has "
     "“a culture of silence.”", "a culture of silence.", "Lina Ortiz"),
    # `X did not …, but said “…”` after an opening phrase.
    ("In a statement, Northwind Rail did not give figures, but said “service will resume on Monday.”",
     "service will resume on Monday.", "Northwind Rail"),
    # The subject of the last clause before the verb, not a name earlier in the sentence.
    ("The parents of Tim Rowe phoned the clinic and nurse Jo Lind suggested he should get “a second opinion.”",
     "a second opinion.", "Jo Lind"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), COMPLEMENT)
def test_speech_verb_complement(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


PARTICIPLES = [
    ("Senator Ruth Baker attacked the proposal on Monday, saying, “It will hurt families.”", "It will hurt families.",
     "Ruth Baker"),
    # An opening phrase before the subject is skipped.
    ("During a rally in the harbour town, Premier Colin Ash mocked his rivals, tweeting “They have no plan at all.”",
     "They have no plan at all.", "Colin Ash"),
    # A name right before the participle is its subject.
    ("The advert shows footage of Senator Ray Holt saying, “I will never raise taxes.”", "I will never raise taxes.",
     "Ray Holt"),
    ("Lawmakers met on Monday saying they wanted “a fair deal for farmers.”", "a fair deal for farmers.", None),
    # An appositive after the subject is skipped.
    ("Chief executive Ana Moss, who founded the firm in 2009, defended the cuts, adding that “nobody enjoys this.”",
     "nobody enjoys this.", "Ana Moss"),
    # The progressive: `is claiming`.
    ("Tom Hale is claiming the figures are “simply wrong and badly sourced.”", "simply wrong and badly sourced.", "Tom Hale"),
    ("Senator Max Ford spoke in Ohio on Friday.|He’s claiming the new rules are “a gift to the big banks.”",
     "a gift to the big banks.", "Max Ford"),
    # A document and a participle without a comma; `saying that` reaches as far as `said that`.
    ("Tom Roe kept up his attacks.|Roe posted a series of tweets early Friday saying that his rival Ana Lee had shown "
     "poor judgment in hiring her old friends “as a model of good sense.”", "as a model of good sense.", "Tom Roe"),
    ("The Harbour Workers Union issued a statement on Monday saying members were “ready to strike.”",
     "ready to strike.", "Harbour Workers Union"),
    ("On Jan. 9, Jim Bull, the head of the regional reserve bank, gave an interview noting his opposition to more "
     "rate rises because they could “endanger an otherwise strong economy,” according to the Daily Wire.",
     "endanger an otherwise strong economy", "Jim Bull"),
    # ... but a document someone cites or receives, or one from someone else, is not theirs.
    ("Tom Roe spoke in Leeds.|Roe cited a report saying the economy “is stalling fast.”", "is stalling fast.", None),
    ("Mayor Jo Hart read out a letter from residents saying the park was “a disgrace to the town.”",
     "a disgrace to the town.", None),
    # Not a participle of speech: no speaker.
    ("Ivan Petrov left the hall, carrying a sign that read “No more cuts to our schools.”",
     "No more cuts to our schools.", None),
    # A document with a participle of opinion: `a statement calling the test “…”`.
    ("The Harbour Workers Union issued a statement calling the new shift rota “a clear breach of the contract.”",
     "a clear breach of the contract.", "Harbour Workers Union"),
    # ... but not a document someone cites.
    ("Tom Roe spoke in Leeds.|Roe cited a report calling the economy “a house of cards.”", "a house of cards.", None),
    # A participle of speech joined by `and` to the subject's own action (`by blowing a horn and joking that`).
    ("Nadia Perez spoke next.|Perez broke up the meeting by banging a pot and joking that she was “just a little bit "
     "hungry.”", "just a little bit hungry.", "Nadia Perez"),
    # ... not a crowd someone watched.
    ("Nadia Perez stood at the window.|She watched the crowd marching past and chanting “Open the gates now.”",
     "Open the gates now.", None),
    # A verb of speech joined by `and then`, with an aside between commas (`and then, behind her back, sniffed`).
    ("Lena Marsh greeted her rival warmly and then, behind her back, sniffed that “some people peak early.”",
     "some people peak early.", "Lena Marsh"),
    ("Lena Marsh greeted her rival warmly and then sniffed that “some people peak early.”",
     "some people peak early.", "Lena Marsh"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), PARTICIPLES)
def test_speech_participles(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


CARRIED = [
    # A bare quote later in the paragraph keeps the paragraph's speaker, even after a plain sentence.
    ("“We lost everything,” said farmer Ivo Brandt. The flood came at night. “The water rose in minutes.”",
     "The water rose in minutes.", "Ivo Brandt"),
    # A paragraph that is only a quote, after a paragraph reporting what someone said: that person.
    ("Nurse Carla Diaz said the ward had been short of staff for months.|“We cannot keep doing this.”",
     "We cannot keep doing this.", "Carla Diaz"),
    ("Kofi Mensah, who has driven a taxi for 30 years, says fares have not kept up with fuel prices. "
     "He works six days a week.|“Some nights I earn nothing at all.”", "Some nights I earn nothing at all.", "Kofi Mensah"),
    # Inside a paragraph, a report of speech right before the quote.
    ("The council may delay the vote until spring, Mayor Jo Hart said. “We need more time to read the plan.”",
     "We need more time to read the plan.", "Jo Hart"),
    # A pronoun subject after an opening clause keeps the topic too.
    ("Ines Duarte said she has outlived every forecast. But, knowing her time is short, she chose to travel."
     "|“Every day is a gift now.”", "Every day is a gift now.", "Ines Duarte"),
    # Of two reports of speech in one sentence, the last one's subject.
    ("The rival party posted its worst result and party leader Ana Cruz predicted an early vote.|"
     "“They will not last the year.”", "They will not last the year.", "Ana Cruz"),
    # The latest report of speech wins over an earlier quote.
    ("“We lost everything,” said farmer Ivo Brandt.|His neighbour, Rosa Lenz, said the river had never risen so fast."
     "|“Nobody warned us.”", "Nobody warned us.", "Rosa Lenz"),
    # ... but not across a sentence about someone else.
    ("Nurse Carla Diaz said the ward had been short of staff. Hospital managers doubt her figures.|"
     "“We cannot keep doing this.”", "We cannot keep doing this.", None),
    # A paragraph in between breaks the chain.
    ("Nurse Carla Diaz said the ward had been short of staff.|The hospital opened in 1990.|“We cannot keep doing this.”",
     "We cannot keep doing this.", None),
    # A report of speech between breaks it inside a paragraph too.
    ("“We lost everything,” said farmer Ivo Brandt. Officials said help was coming. “The water rose in minutes.”",
     "The water rose in minutes.", None),
    # A quote with its own attribution is never carried, even when that attribution cannot be resolved.
    ("Nurse Carla Diaz said the ward had been short of staff.|“It is a scandal,” he said.", "It is a scandal", None),
    # A paragraph in single marks is a pull quote or a subheading, nobody's words.
    ("“The rent doubled in a year,” said tenant Mia Stone.|‘Nobody came to fix it’", "Nobody came to fix it", None),
    # A pronoun of the other gender is not the previous speaker.
    ("“We need a vote before winter,” said Tom Reyes.|“Not this year,” she added.", "Not this year", None),
    # British single marks: a quoted sentence carries, a subheading does not.
    ("‘It has been a hard year,’ Mr Nguyen said.|‘But we are getting there.’", "But we are getting there.", "Mr Nguyen"),
    # Words outside the marks are an attribution of their own.
    ("“We lost everything,” said farmer Ivo Brandt.|“Who pays for this?” his neighbour Tom Reyes wanted to know.",
     "Who pays for this?", None),
    ("Nurse Carla Diaz said the ward had been short of staff.|“Help us,” the placards read.", "Help us", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), CARRIED)
def test_bare_quotes_carry_the_last_speaker(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


def test_carried_quotes_keep_cue_and_mention() -> None:
    body = "Nurse Carla Diaz said the ward had been short of staff.|“We cannot keep doing this.”"
    quote = quote_of(body, "We cannot keep doing this.")
    assert quote.cue and "said" in quote.cue
    assert quote.speaker_mention == "Nurse Carla Diaz"
    follow = quote_of("“We lost everything,” said farmer Ivo Brandt.|“The water rose in minutes.”", "The water rose in minutes.")
    assert follow.cue == "follows a quote of the same speaker" and follow.speaker_mention


MORE_CUES = [
    # A speech verb opening the sentence, its speaker after it.
    ("Said coach Lena Park: “We played scared all night.”", "We played scared all night.", "Lena Park"),
    ("Added Mayor Tom Reyes, “Nobody will be left behind.”", "Nobody will be left behind.", "Tom Reyes"),
    # A signature after a dash, as in letters and vox pops.
    ("“Bring back the night bus.” ― Maria Costa", "Bring back the night bus.", "Maria Costa"),
    ("“Fix the roads before the bike lanes.” — Ben Okafor.", "Fix the roads before the bike lanes.", "Ben Okafor"),
    # Lowercase descriptors before a full name.
    ("“We are not going anywhere,” said oil and gas worker Dale Fisher.", "We are not going anywhere", "Dale Fisher"),
    ("“It broke my heart,” said 9/11 survivor Ana Ruiz.", "It broke my heart", "Ana Ruiz"),
    # A colon after a clause whose subject is a name.
    ("Hana Cole, who runs the clinic, is more blunt: “We are out of beds and out of time.”",
     "We are out of beds and out of time.", "Hana Cole"),
    ("The sign on the door of the old bakery read: “Closed until the spring.”", "Closed until the spring.", None),
    # Verbs of speech beyond the usual ones.
    ("“You are late again,” Marta Voss blurted out.", "You are late again", "Marta Voss"),
    ("“Confidence matters most,” echoes coach Ian Reid.", "Confidence matters most", "Ian Reid"),
    # A pronoun after an opening phrase is the speaker, not an aside.
    ("Mayor Rita Gold toured the site.|As for the budget, she said, “We will find the money.”",
     "We will find the money.", "Rita Gold"),
    # A lone word opening the sentence is a name when the article uses it capitalised inside a sentence.
    ("Talks with Vice Premier Liu Wen began on Monday, hosted by Mayor Ann Cole.|Liu said “the door is open.”",
     "the door is open.", "Liu Wen"),
    ("Mayor Ann Cole opened the fair.|Analysts said “the numbers look weak.”", "the numbers look weak.", None),
    # Verbs of opinion beyond `called`: the subject owns the partial quote.
    ("Senator Ivy Moss likened the plan to “a tax on breathing.”", "a tax on breathing.", "Ivy Moss"),
    # A title in quote marks does not hide the verb before it.
    ("Jo Reyes told the radio show “Morning Desk” on Friday that “nobody saw it coming.”", "nobody saw it coming.",
     "Jo Reyes"),
    # A document speaks for the body named in front of it.
    ("The Harbour Authority statement said the pier would “reopen within weeks.”", "reopen within weeks.",
     "Harbour Authority"),
    # An aside between dashes inside the speaker phrase.
    ("Ivo Marsh, the head of Lumen Films -- the studio that owns the city's last cinema, which also streams its "
     "films online -- told me, “We are a small shop.”", "We are a small shop.", "Ivo Marsh"),
    # The speaker after the verb, before the quote.
    ("Rather than keep the old benches, which face each other across the hall, asks design editor Lea Brandt, "
     "“why not try a circle?”", "why not try a circle?", "Lea Brandt"),
    ("Mayor Jo Hart told Radio North, “We will not close the school.”", "We will not close the school.", "Jo Hart"),
    # ... but never an audience or a time after the verb when the subject comes before it.
    ("Ravi Menon, the finance minister, told reporters, “We will act now.”", "We will act now.", "Ravi Menon"),
    ("Finance Minister Ravi Menon, speaking in Delhi, said on Tuesday, “We will act now.”", "We will act now.",
     "Ravi Menon"),
    # A relative clause has its own subject.
    ("Nine people were hurt by a blast that Mayor Jo Blake described as “an intentional act.”", "an intentional act.",
     "Jo Blake"),
    # A paragraph ending in a colon introduces the quote of the next.
    ("Senator Ada Lim made the following comment:|“The bill is dead and everyone knows it.”",
     "The bill is dead and everyone knows it.", "Ada Lim"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), MORE_CUES)
def test_more_cues(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


def test_descriptors_do_not_turn_an_organisation_into_the_speaker() -> None:
    body = "“Rates will rise again,” said the chief economist of the Western Savings Bank."
    assert speaker_of(body, "Rates will rise again") != "Western Savings Bank"


def test_cue_keeps_the_verb_and_the_dash() -> None:
    assert quote_of("“Confidence matters most,” echoes coach Ian Reid.", "Confidence matters most").cue == "echoes coach Ian Reid"
    assert quote_of("“Bring back the night bus.” ― Maria Costa", "Bring back the night bus.").cue.startswith("―")


@pytest.mark.parametrize("direction", ["(CROSSTALK)", "“(CROSSTALK.)", "[Laughter]", "(APPLAUSE)"])
def test_stage_directions_are_nobodys_words(direction: str) -> None:
    body = "\n".join([
        "Mayor Jo Park spoke to our host on Sunday.",
        "HOST: Will you run again next year?",
        "PARK: I have not decided. The city comes first.",
        direction,
        "HOST: Is that a no?",
        "PARK: It is a maybe, and that is all I will say today.",
    ])
    quotes = extract_article(body).quotes
    assert [q.speaker for q in quotes if "decided" in q.text] == ["Jo Park"]
    assert not [q for q in quotes if direction.strip("“.()[]") in q.text]


def test_chants_belong_to_the_crowd_and_nicknames_are_not_quotes() -> None:
    assert speaker_of("Outside the town hall, protesters chanted “No more cuts!”", "No more cuts!") == "protesters"
    quotes = extract_article("The boxer, who calls herself “The Storm”, won again on Saturday.").quotes
    assert "The Storm" not in [q.text for q in quotes]


def test_cue_starts_at_the_whole_mention() -> None:
    body = "Nurse Carla Diaz spoke to the patient's son.|But she told him, “We did all we could.”"
    quote = quote_of(body, "We did all we could.")
    assert quote.cue == "she told him" and quote.speaker_mention == "she"


CLAUSE_SUBJECTS = [
    # A verb of opinion right before a long quoted clause: its subject owns it.
    ("Mayor Ann Cole spoke at the fair.|Cole called the festival “a celebration of everything this valley has built "
     "over the last hundred years together.”", "a celebration of everything this valley has built over the last "
     "hundred years together.", "Ann Cole"),
    ("In a June speech, Senator Ivo Marsh attacked “the reckless spending of a council that has lost its way, again "
     "and again.”", "the reckless spending of a council that has lost its way, again and again.", "Ivo Marsh"),
    ("However, Dana Wells characterized the rival bid as, “a little late and a lot too expensive for a town this "
     "size.”", "a little late and a lot too expensive for a town this size.", "Dana Wells"),
    # ... but naming something is not speaking: a title stays nobody's.
    ("Local parents formed a group called “Parents for Safer Crossings” last spring.|“We want lights,” said Mia Holt.",
     "We want lights", "Mia Holt"),
    # An aside between dashes ends an opening phrase; the name after it is the subject.
    ("In the review ordered by the Harbour Commission — the third this year — Judge Ana Ruiz said the board had "
     "ignored a “clear and lasting pattern” of neglect.", "clear and lasting pattern", "Ana Ruiz"),
    # Verbs joined by `and` share the subject opening their clause.
    ("The Lakeside Trust reviewed the files and suggests towns “should hire before they build.”",
     "should hire before they build.", "Lakeside Trust"),
    ("On Monday, the Northern Rail Company cancelled the contract and promised a review “within the month.”",
     "within the month.", "Northern Rail Company"),
    # ... only when that clause opens with a subject: `people` after `but` is nobody this rule can name.
    ("Ada Moss runs the archive.|The list was read as “a joke at our expense,” but people misunderstood and "
     "thought the archive was “mocking the town,” she said.", "mocking the town", "Ada Moss"),
    # A description opening the sentence is the subject of a participle.
    ("Lakeshore Power Corp raised its rates in May.|The company issued a second statement on Tuesday, saying an "
     "“independent review” would follow.", "independent review", "Lakeshore Power Corp"),
    # ... but a lowercase word that names no speaker is no subject.
    ("The flood reached the mill on Tuesday, saying “goodbye to the old bridge,” as one farmer put it.",
     "goodbye to the old bridge", "one farmer"),
    # A pronoun after a subordinator (`Though she called …`) is the subject of its clause.
    ("Senator Ada Moss spoke on Tuesday.|Though she called the deal “a betrayal of the workers” and asked for the "
     "bonuses to be “paid back,” Moss stopped short of backing a strike.", "a betrayal of the workers", "Ada Moss"),
    ("Tom Hale chairs the board.|When she described the merger as “a rescue of the old firm,” the board laughed.",
     "a rescue of the old firm", None),
    # A subject opening a long sentence (over 240 characters before the quote) still owns the verbs joined by `and`.
    ("Ana Ruiz, the former secretary of state who ran the agency for a decade before she left for a university post, "
     "stressed her support of the raid on the harbour warehouse that ended the smuggling ring during a forum sponsored "
     "by the Daily Post and said she has the one quality the job needs: “Steadiness, and steadiness again.”",
     "Steadiness, and steadiness again.", "Ana Ruiz"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), CLAUSE_SUBJECTS)
def test_clause_subjects(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


UNNAMED_SPEAKERS = [
    # `one`/`another` open an unnamed speaker; before `of` the noun heads it, after it too (`one of the players`).
    ("Another member of the board, who asked not to be named, wrote: “We were never shown the figures.”",
     "We were never shown the figures.", "Another member of the board"),
    ("As one veteran of the city's road crews put it: “Nothing is ever finished on time.”",
     "Nothing is ever finished on time.", "one veteran of the city's road crews"),
    ("“The players want it back,” says one of the players in the clip.", "The players want it back",
     "one of the players"),
    # A capitalised word before a group noun: the group as the article names it.
    ("Meanwhile, Treasury officials had conceded “the estimates are uncertain.”", "the estimates are uncertain.",
     "Treasury officials"),
    # A `-ment` noun is no agent: `a division of Coastal Enforcement` is not who spoke.
    ("Officials at the Harbour Board, a division of Coastal Enforcement, said the pier was “not safe for crowds.”",
     "not safe for crowds.", None),
    # `the former`/`the latter` point back at a pair (the resolver picks which), never at the last subject.
    ("Mr. Malik and Mr. Rao met on Tuesday, but the meeting ended without a deal.|The former said the panel had "
     "acted “at the behest of the governor”, while the latter said the panel was “an independent body”.",
     "an independent body", "Mr. Rao"),
    # `Roe's office`: the office of the person named, not another body named nearby (`told the BBC`).
    ("Jane Roe is a nurse.|Jane Roe told the BBC: “We will appeal to the court.”|Roe’s office said in a statement "
     "that the nurse “will not resign”.", "will not resign", "Jane Roe’s office"),
    # ... and one of two things (`one of the reasons`) names nobody.
    ("One of the reasons, the report says, is “a shortage of drivers.”", "a shortage of drivers.", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), UNNAMED_SPEAKERS)
def test_unnamed_speakers(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


SPEAKER_PHRASES = [
    # An aside between horizontal bars (`―`) is skipped like one between dashes.
    ("Tom Roe met Ana Lee at the forum.|When Lee noted that Roe has not paid any tax ― as was true for years ― Roe "
     "boasted, “That makes me smart.”", "That makes me smart.", "Tom Roe"),
    # A role before a name is the name's role, unless it is a role in a body (`president of the … Union`).
    ("The issue grew after the debate, when the candidate Mia Lee boldly suggested that Tom Roe “does not want the "
     "voters to know what he paid.”", "does not want the voters to know what he paid.", "Mia Lee"),
    ("During a tour of the plant, then-minister of industry Karl Brandt said the province was “ready to help.”",
     "ready to help.", "Karl Brandt"),
    ("“Rents will keep rising,” University of Leeds political scientist Ann Hale said.", "Rents will keep rising",
     "Ann Hale"),
    ("Jo Park, president of the Harbour Workers Union, said he hopes for “a fair deal.”", "a fair deal.", "Jo Park"),
    # A country standing for its government.
    ("Norway condemned the test.|Japan branded the launch an “open threat to the region.” Chile insisted that the "
     "council “act at once.”", "act at once.", "Chile"),
    ("Norway condemned the test.|Japan branded the launch an “open threat to the region.” Chile insisted that the "
     "council “act at once.”", "open threat to the region.", "Japan"),
    # `O'Hara` and `O’Hara` are one name (the resolver gives the full name as the article first wrote it).
    ("Police Commissioner Ted O’Hara arrived.|Asked to describe the device, O'Hara said, “Not going to go into that.”",
     "Not going to go into that.", "Ted O’Hara"),
    # The passive of quoting.
    ("Dale Fisher runs the depot.|“We had no warning at all,” he was quoted as saying in the release.",
     "We had no warning at all", "Dale Fisher"),
    ("Dale Fisher runs the depot.|Fisher was quoted as saying “we had no warning at all.”", "we had no warning at all.",
     "Dale Fisher"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), SPEAKER_PHRASES)
def test_speaker_phrases(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


DOCUMENTS = [
    # A document speaks for its owner: a possessive, a name before it, or `by` after it.
    ("Health Minister Rosa Lind cancelled the meetings.|“Nobody should be afraid to speak at a public meeting,” her "
     "statement read.", "Nobody should be afraid to speak at a public meeting", "Rosa Lind"),
    ("Jo Roe and her former husband filed papers.|However, Jo Roe's brief said that was not her view and dismissed the "
     "reports as “misread remarks.”", "misread remarks.", "Jo Roe"),
    ("A 2019 report by the Senate Transport Committee said it was “deeply worried by the delays.”",
     "deeply worried by the delays.", "Senate Transport Committee"),
    ("“Costs will rise,” the Harbour Authority report stated.", "Costs will rise", "Harbour Authority"),
    # A document with no owner names nobody; a placard reads, it does not speak.
    ("Rita Lowe leads the tenants.|“The landlord has ignored us,” the post read.", "The landlord has ignored us", None),
    ("“Help us,” the placards read.", "Help us", None),
    # After a sentence about someone already quoted (not a report of speech), that person.
    ("“Taxes are too high,” said councillor Pete Vance.|Mr. Vance describes himself as the most frugal Green on "
     "council.|“Why would I pander to anyone?”", "Why would I pander to anyone?", "Pete Vance"),
    # ... nor, for a paragraph that is only a quote, someone never quoted (see TOPIC_CARRIED); not when the sentence
    # names another person.
    ("Councillor Pete Vance voted yes.|Mr. Vance describes himself as the most frugal Green on council.|“Why would "
     "I pander to anyone?”", "Why would I pander to anyone?", "Pete Vance"),
    ("“Taxes are too high,” said councillor Pete Vance.|Mr. Vance met Mayor Ada Cole on Monday.|“Why would I pander "
     "to anyone?”", "Why would I pander to anyone?", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), DOCUMENTS)
def test_documents(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


SPLIT_AND_CARRIED = [
    # A quote cut off by the splitter from the sentence that attributes it (`… (D-Elm), shouted to the crowd.`).
    ("“This is a big year for the river!” Mayor Jo Hart's cousin, state Rep. Mary “Molly” Hart (D-Elm), shouted to "
     "the crowd. “The state is watching.”", "The state is watching.", "Rep. Mary Hart"),
    ("MARKET VIEW: “Who folds first? Nobody knows.” Jane Roe, a strategist at Acme Bank, said in a note.",
     "Who folds first? Nobody knows.", "Jane Roe"),
    # ... but a sentence that goes on after its verb reports something else, and an action is no attribution.
    ("Jo Park, the harbour's manager, spoke.|“Fire!” The guard, who saw smoke, said the crews came late.", "Fire!", None),
    ("“Stop the war!” Protesters marched past the embassy.", "Stop the war!", None),
    # A sentence about the quote names whose words they were, and never lets the previous speaker keep them.
    ("Ravi Menon is the finance minister. Ann Pike is a teacher.|“The numbers add up,” Menon said. “We are not going "
     "anywhere.” That was the message from Pike on Friday.", "We are not going anywhere.", "Ann Pike"),
    ("Ravi Menon is the finance minister.|“The numbers add up,” Menon said. “This is cruel and it will not pass.” "
     "Those were the words of a teacher who asked not to be named.", "This is cruel and it will not pass.",
     "a teacher"),
    ("Ravi Menon is the finance minister.|“The numbers add up,” Menon said. “This is cruel and it will not pass.” "
     "That is how the unions see it.", "This is cruel and it will not pass.", None),
    # A quote finished by a few words of the writer's keeps the paragraph's speaker.
    ("“This is wrong,” Senator Ada Kline said. “You squeezed the drivers” to lift the share price, she said. “You went "
     "on air to blame hundreds of $15-an-hour” drivers.", "You went on air to blame hundreds of $15-an-hour",
     "Ada Kline"),
    ("“Fares are too high,” said Ivo Brandt. “They rose twice in one winter and again” in the spring.",
     "They rose twice in one winter and again", "Ivo Brandt"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), SPLIT_AND_CARRIED)
def test_split_and_carried(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


NOT_THE_REPORTER = [
    # `heard X shout “…”`: the words of the ones heard.
    ("Nathan Roe spoke.|But Roe said he heard students shout, “Build that wall!” and “Go home now!”",
     "Build that wall!", "students"),
    ("Mayor Ann Cole spoke at noon.|Jo Lee said she heard the mayor say “we will close the pool.”",
     "we will close the pool.", "Ann Cole"),
    # ... also with an object between (`heard X tell another parent`), and what someone recalls another saying.
    ("Parent Kay Brown spoke. Board chair Al Whit spoke.|She said she heard Whit tell another parent before the "
     "meeting, “Kids walked farther when I was young.”", "Kids walked farther when I was young.", "Al Whit"),
    ("Board member Tim Kowal said he would vote no.|He recalled his late father telling him “you never balance a "
     "budget on the backs of children,” and said the board should cut salaries first.",
     "you never balance a budget on the backs of children", "his late father"),
    # Where someone comes from describes them; it names nobody the rules can check.
    ("Opener Sam Pryor made 150. He shared a stand with wicketkeeper Tom Ngo, who made 58.|“He kept telling me to "
     "watch the ball,” the Queenslander said.", "He kept telling me to watch the ball", None),
    # Overheard, remembered, or with the one spoken to between verb and quote: still the words of the ones heard.
    ("Ines Moro waited six hours.|She said she overheard a porter tell a guard “he is just another drunk.”",
     "he is just another drunk.", "a porter"),
    ("Councillor Tim Varga spoke last.|He recalled his late mother telling him “never borrow for groceries,” and said"
     " he would vote no.", "never borrow for groceries,", "his late mother"),
    ("Jo Lee spoke.|Lee said she heard the guard shout at them, “Get back!”", "Get back!", None),
    # The `he said` after a quote someone remembered is not carried to the one remembered.
    ("Walt Brandt filed a complaint.|He remembered his son saying to him that night, “Dad, something is wrong.”|“I will"
     " hear that for the rest of my life,” he said.", "I will hear that for the rest of my life", None),
    # A name inside an `Asked …` question is the addressee or the topic, never the `he` who answers.
    ("Dan Brooks, 61, sleeps at the shelter.|Asked what he would tell Mayor John Tory about the shelters, he said: "
     "“Just listen to us.”", "Just listen to us.", "Dan Brooks"),
    # The relative clause after a list belongs to its last name; a list of speakers names nobody.
    ("The gala featured stars like Ana Ruiz, Tom Hale, Patti Lowe and Stevie Ward, who joked of the hall, “I have "
     "not seen it yet.”", "I have not seen it yet.", "Stevie Ward"),
    ("“We will appeal,” Ana Ruiz, Tom Hale and Patti Lowe said.", "We will appeal", None),
    ("“We will appeal,” Navin Bala, Minister of Trade, Science and Economic Development, said.", "We will appeal",
     "Navin Bala"),
    # Adjectives split by a comma are one description (not a speaker `bespectacled professor`).
    ("Guido Rahn, a professor of engineering, runs the lab.|“No carmaker makes money here,” the lanky, bespectacled "
     "professor said.", "No carmaker makes money here", "Guido Rahn"),
    # A document sent by someone is theirs; a document obtained by a paper is not the paper's.
    ("Ravi Shah and Sean Doyle sit on the board.|A statement e-mailed to The Herald by Ravi Shah, who joined the board "
     "last month, said “The station will respect the ruling.”", "The station will respect the ruling.", "Ravi Shah"),
    ("According to the memo obtained by The Herald, the fund “believed in the long-term value of the papers.”",
     "believed in the long-term value of the papers.", None),
]


PARENTHETICAL = [
    # A report set off by commas covers the rest of its clause.
    ("Mayor Ana Ruiz spoke.|And perhaps, she said, it could help a visitor see the efforts of workers who, “in fits "
     "and starts, are trying to do the right thing.”", "in fits and starts, are trying to do the right thing.",
     "Ana Ruiz"),
    ("Ted Bown teaches trade law.|The deal, Bown noted, would leave farmers with “nothing to sell and nobody to sell "
     "it to.”", "nothing to sell and nobody to sell it to.", "Ted Bown"),
    # ... not a new clause after it (`, and the sign … reads`).
    ("Small shops, Ana Ruiz said, are the heart of the street, and the sign on her door still reads “Open every "
     "day.”", "Open every day.", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), PARENTHETICAL)
def test_parenthetical_reports(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


@pytest.mark.parametrize(("body", "quote", "expected"), NOT_THE_REPORTER)
def test_not_the_reporter(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


OWN_CLAUSES = [
    # `said Name, 58, a driver who said …`: the name after the verb, not the description next to the quote.
    ("“It feels like a wake,” said Ivo Brandt, 58, a retired driver who said he had eaten there “almost every day "
     "since 1990.”", "almost every day since 1990.", "Ivo Brandt"),
    # A body named by capitalised words is its own speaker, not a description to resolve to another body.
    ("ACME Chips will build a plant in the park.|The Riverside Port administrative committee said in a statement that "
     "it would provide “full support to the new plant”.", "full support to the new plant",
     "Riverside Port administrative committee"),
    # An opening time phrase written without a comma, then the subject.
    ("Sen. Rob Kane and Sen. Ada Ruiz have clashed before.|Last year she called his farm bill “a press release with a "
     "number,” and he has said she “talks about farms like a tourist.”", "a press release with a number",
     "Sen. Ada Ruiz"),
    # A quote whose own report cannot be read does not borrow the next clause's speaker.
    ("Not every critic agrees.|A review in the Northern Review of Books called it “earnest to a fault,” and the poet "
     "Ray Dunn said on a podcast that it was “a card stretched to 400 pages.”", "earnest to a fault", None),
    # ... while verbs joined by `and` keep the subject they share.
    ("Mayor Jo Hart urged voters to “vote with care” and said the count would be slow.", "vote with care", "Jo Hart"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), OWN_CLAUSES)
def test_own_clauses(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


MORE_SHAPES = [
    # A relative clause between commas is skipped, however long.
    ("Another resident, who asked not to be named because she feared losing her lease, said the landlord had been "
     "told about the wiring “more than once, in writing.”", "more than once, in writing.", "Another resident"),
    # A passive verb of speech reports nothing its subject said.
    ("Roe was told by officials that the plant was “safe for now.”", "safe for now.", None),
    # `with` a noun phrase and a participle of speech or opinion: that noun phrase spoke.
    ("A kayaker was rescued after 14 hours on the rocks, with rescuers describing his survival as “nothing short of "
     "remarkable”.", "nothing short of remarkable", "rescuers"),
    ("The ad ends with footage of Tom Roe saying during the debate, “That makes me smart,” as the music rises.",
     "That makes me smart", "Tom Roe"),
    # A body of a named country or group; a document by a possessor's body.
    ("Later, in a statement, the foreign ministry of Veldana accused its neighbour of “negotiating through the "
     "press”.", "negotiating through the press", "foreign ministry of Veldana"),
    ("A report published last year by the government's Advisory Committee on Nutrition said the evidence was “not yet "
     "strong enough”.", "not yet strong enough", "Advisory Committee on Nutrition"),
    # `but it now explains`: the pronoun is the subject, not a place named earlier in the clause.
    ("The Foreign Office says travellers should take care when visiting Chile — which is unchanged — but it now "
     "explains the warning is “due to the risk of arbitrary arrest.”", "due to the risk of arbitrary arrest.",
     "Foreign Office"),
    # A semicolon right before the quote goes on with the same report.
    ("Ana Ruiz, who owns a bakery, said she turned customers away all morning; “I put a sign on the door and half "
     "of them left.”", "I put a sign on the door and half of them left.", "Ana Ruiz"),
]


@pytest.mark.parametrize(("body", "quote", "expected"), MORE_SHAPES)
def test_more_shapes(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


TOPIC_CARRIED = [
    # A paragraph that is only a quote, after a paragraph whose subject is one person, reporting no speech: that
    # person, quoted before or not.
    ("Lucia Ferrante runs the food bank.|Maxwell Oduya, a senior planner at the port authority, walked the visitors "
     "through how the new permits work.|“Anyone who loads cargo here needs one by March.”",
     "Anyone who loads cargo here needs one by March.", "Maxwell Oduya"),
    ("Priya Anand moved to the coast in 2015.|She opened a bakery two years later.|“Nobody thought a bakery would "
     "last out here.”", "Nobody thought a bakery would last out here.", "Priya Anand"),
    # A possessive pronoun opening the sentence stands for its person: `Her warning …` is hers.
    ("Irene Castell lost her brother to an overdose in 2018.|Her warning to other families is blunt: lock up the "
     "pills.|“You never know who is going through your cabinet.”", "You never know who is going through your cabinet.",
     "Irene Castell"),
    # A last sentence about no one (`And then came the loneliness.`) does not hide the subject before it.
    ("“The pension helps,” said Ruth Kemble.|Still, Kemble lost half of her income when she stopped working. And "
     "then came the loneliness.|“It took me a year to leave the house again.”",
     "It took me a year to leave the house again.", "Ruth Kemble"),
    # A sentence with a show's name in quote marks is still a plain sentence about its subject.
    ("Senator Lila Okoro, a guest on the show “Morning Report”, named housing as the issue of the year. “People are "
     "tired of waiting for rents to come down.”", "People are tired of waiting for rents to come down.", "Lila Okoro"),
    # A person named in a relative clause after the subject is no rival.
    ("Senator Lila Okoro, who lost the primary to Dan Webb, named housing as the issue of the year.|“People are tired "
     "of waiting for rents to come down.”", "People are tired of waiting for rents to come down.", "Lila Okoro"),
    # One paragraph about no one (figures) between two quote paragraphs keeps the speaker.
    ("“Most of them never worked again,” said Dr. Felix Arango, who led the study.|The average drop in earnings was "
     "31 per cent, and it lasted at least three years.|“That is a huge hit for any family.”",
     "That is a huge hit for any family.", "Dr. Felix Arango"),
    # ... but not a paragraph naming someone, nor one with no figures (`The landlord did not reply.`), nor two.
    ("“Most of them never worked again,” said Dr. Felix Arango.|The clinic where Dana Wells works saw fewer cases."
     "|“That is a huge hit for any family.”", "That is a huge hit for any family.", None),
    ("“Most of them never worked again,” said Dr. Felix Arango.|The average drop in earnings was 31 per cent.|It "
     "lasted three years.|“That is a huge hit for any family.”", "That is a huge hit for any family.", None),
    ("“Most of them never worked again,” said Dr. Felix Arango.|The city council voted to fund the clinic."
     "|“That is a huge hit for any family.”", "That is a huge hit for any family.", None),
    # Not when the paragraph goes on to report someone's speech.
    ("Maxwell Oduya runs the port.|“Anyone who loads cargo here needs a permit.” The harbour master, who checks the "
     "papers, said so on Monday.", "Anyone who loads cargo here needs a permit.", None),
    # Not someone never quoted when the next paragraph opens with another report of speech: the quote may be its.
    ("Police arrested Dario Venn, 34, on Tuesday.|Venn faces three counts of fraud.|“This was a calculated scheme "
     "that targeted seniors.”|Crown prosecutor Ilse Maro said the case would go to trial in June.",
     "This was a calculated scheme that targeted seniors.", None),
    # ... but someone already quoted keeps it (the next paragraph moves on to a new speaker).
    ("“The pension helps,” said Ruth Kemble.|Kemble lost half of her income when she stopped working.|“It took me a "
     "year to leave the house again.”|Dr. Omar Haddad, who runs the clinic, said the loss is common.",
     "It took me a year to leave the house again.", "Ruth Kemble"),
    # Not someone never quoted whose death the text before reports.
    ("Ana Ruiz, 41, died when her car hit a tree on Route 9.|Ruiz had just finished a night shift at the hospital."
     "|“Nobody deserves this.”", "Nobody deserves this.", None),
    # A quote that speaks of the subject in the third person is not the subject's own.
    ("Omar Haddad opened the shelter in 2012.|“He never turned anyone away, not once.”",
     "He never turned anyone away, not once.", None),
    # Not when the paragraph before names a second person, in the same sentence or another.
    ("Maxwell Oduya met Lucia Ferrante at the port on Monday.|“Anyone who loads cargo here needs a permit.”",
     "Anyone who loads cargo here needs a permit.", None),
    ("Maxwell Oduya runs the port. Lucia Ferrante runs the food bank.|“We need more trucks by winter.”",
     "We need more trucks by winter.", None),
    ("After a call from Lucia Ferrante, Maxwell Oduya drove to the port.|“We need more trucks by winter.”",
     "We need more trucks by winter.", None),
    # Not when the subject is no person, nor a title in quote marks.
    ("Rents in the valley rose by a third last year.|“Nobody can afford this anymore.”",
     "Nobody can afford this anymore.", None),
    ("Tom Ash directed it.|“Harbour Lights” opened at the Rex cinema in May.|“It is the best film of the year.”",
     "It is the best film of the year.", None),
    # Not the subject of a passive: `was sentenced` says what was done to him, not what he said.
    ("Tomas Reyes was sentenced to life in prison in 2001.|“He has never shown any remorse.”",
     "He has never shown any remorse.", None),
    # Not a heading in quote marks, with no sentence punctuation.
    ("Mara Lind trains guide dogs in the valley.|“A dog for every child”|The school opened in 2016.",
     "A dog for every child", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), TOPIC_CARRIED)
def test_bare_quotes_carry_the_topic_person(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected


MORE_LEAD_INS = [
    # `“…” was the response of X`: the quote is the subject of a sentence that names whose words they were.
    ("Acme Motors posted a video of its new van on Thursday. “The best sleigh this Christmas!” was the response of one "
     "jolly viewer.", "The best sleigh this Christmas!", "one jolly viewer"),
    ("Acme Motors posted a video of its van.|“Stay home and stay safe, everyone.” was the word of the day.",
     "Stay home and stay safe, everyone.", None),
    # A lead-in whose subject is a possessive and a noun of speech (`Her answer …:`) is that person's.
    ("Ana Ruiz lost her job in 2019.|Her answer to the critics is short:|“I did nothing wrong.”",
     "I did nothing wrong.", "Ana Ruiz"),
    # ... but not a relative (`Her mother …`), whether the lead-in ends in a colon or not.
    ("Ana Ruiz lost her job in 2019.|Her mother was blunt:|“She did nothing wrong.”", "She did nothing wrong.", None),
    ("Ana Ruiz lost her job in 2019.|Her mother runs the bakery now.|“I did nothing wrong.”", "I did nothing wrong.",
     None),
    # A long clause before a colon still names the speaker when it ends in a noun of speech.
    ("Tom Hale leads the council.|With party leaders increasingly worried about a lack of passion among young voters, "
     "Mayor Ana Ruiz is rolling out a new and more personal campaign message: “It is about me.”", "It is about me.",
     "Ana Ruiz"),
    # A role word between capitalised words is part of the subject (`Senate leader Tom Hale`, not `Senate`).
    ("Tom Hale chairs the board.|Senate leader Tom Hale is rolling out a new and more personal message: “It is about "
     "me.”", "It is about me.", "Tom Hale"),
    # `, despite admitting that …“…”`: the participle's subject is the sentence's.
    ("Senate leader Tom Hale, R-Ore., despite admitting that he had his concerns about “lawyers trying to get rich,” "
     "backed the bill.", "lawyers trying to get rich", "Tom Hale"),
    # A dash after a plain word, at the end of a long complement, opens no aside: the report goes on.
    ("Mayor Ana Ruiz said the museum would tell the stories of people who are often left out of the history books -- "
     "“the porter but also the president, the cook but also the general.”",
     "the porter but also the president, the cook but also the general.", "Ana Ruiz"),
    # ... and a pair of dashes closed right before the quote neither.
    ("Ed Crane spoke first.|Yet, as Mr. Crane observed, in the early days of a new government -- when he would not be "
     "worried about votes -- “what products would you pick?”", "what products would you pick?", "Ed Crane"),
    # A name of capitals, a hyphen and a word (`KLR-Dorval`) the article uses inside a sentence can be a subject.
    ("Prosecutors charged KLR-Dorval in 2015.|KLR-Dorval was told in October it would not be invited.|Later that "
     "month, KLR-Dorval applied for judicial review of the decision in Federal Court, arguing the refusal was an "
     "“unreasonable exercise of discretion.”", "unreasonable exercise of discretion.", "KLR-Dorval"),
    # A show's name after `on`, its comma inside the marks, is a title: the sentence stays plain, about its subject.
    ("Ana Ruiz ran for mayor in 2019.|On “Morning Desk,” Senator Ana Ruiz, who lost the primary to Dan Webb, named "
     "housing as the issue of the year. “People are tired of waiting for rents to come down.”",
     "People are tired of waiting for rents to come down.", "Ana Ruiz"),
    # Two opening phrases before the subject (`Still, even with her pension, Kemble …`).
    ("“The pension helps,” said Ruth Kemble.|Still, even with her pension, Kemble lost half of her income when she "
     "stopped working.|“It took me a year to leave the house again.”", "It took me a year to leave the house again.",
     "Ruth Kemble"),
    # A named person's claim, its content quoted: `Roe’s claim that there were “…”`.
    ("After the debate a fact-checking site looked at Senator Tom Hale’s claim that there have been “thousands of "
     "break-ins” in the city this year.", "thousands of break-ins", "Tom Hale"),
    # ... also after a verb of opinion whose subject rejects the claim.
    ("The union rejected Tom Hale’s suggestion that members were “too comfortable” with the old deal.",
     "too comfortable", "Tom Hale"),
    # ... not when the claim reports someone else's words.
    ("Tom Hale met Ana Ruiz.|Reporters checked Hale’s claim that the mayor called the plan “a total disaster” last "
     "year.", "a total disaster", None),
    # ... but a name listed right before the dash spoke the quote, not the one reporting.
    ("Mayor Ana Ruiz said the prize went to several people, including the painter Tom Hale -- “a genius of the "
     "brush.”", "a genius of the brush.", None),
]


@pytest.mark.parametrize(("body", "quote", "expected"), MORE_LEAD_INS)
def test_more_lead_ins(body: str, quote: str, expected: str | None) -> None:
    assert speaker_of(body, quote) == expected
