"""Every field of every seed reference: the Works Cited list and full notes of seed 001, and
the "How to Cite" string of seed 003 (copied to tests/data/freetext/; seeds stay unedited).

The expected values were written by hand from reading each string, not from parser
output; a field not listed must be empty, so an invented field fails too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from refs.io.freetext import ParsedReference, parse_reference, split_references

DATA = Path(__file__).parent.parent / "data" / "freetext"
NY, LON = "New York", "London"
PM = "Palgrave Macmillan"


def E(typ: str, authors: list[str], date: str | None, title: str, **fields: Any) -> dict[str, Any]:
    """Expected record: authors as 'Family, Given' or '=Literal'; date as ISO."""
    return {"type": typ, "authors": authors, "date": date, "title": title, **fields}


WORKS_CITED = [
    E("book", ["Ahrari, Mohammed"], "2011", "The Great Powers Versus the Hegemon",
      publisher=PM, place=NY),
    E("book", ["Alexandrov, Mikhail"], "1999", "Uneasy Alliance: Relations Between Russia and "
      "Kazakhstan in the post-Soviet Era, 1992-1997", publisher="Greenwood Press", place=LON),
    E("article-journal", ["Allison, Roy"], "2004", "Regionalism, Regional Structures, and "
      "Security Management in Central Asia", container="International Affairs", volume="80",
      issue="3", page="463–483"),
    E("article-journal", ["Ambrosio, Thomas"], "2015", "Leadership Succession in Kazakhstan and "
      "Uzbekistan: Regime Survival after Nazarbayev and Karimov",
      container="Journal of Balkan and Near Eastern Studies", volume="17", issue="1",
      page="59–67"),
    E("article-newspaper", ["Burkitbai, Ayagan"], "2014-05-12", "Defining the New State Borders "
      "in 1990-2005 as Key Foundation of Statehood", container="Astana Times",
      url="https://astanatimes.com/2014/05/defining-new-state-borders-1990-2005-key-foundation-"
      "statehood/"),
    E("article-journal", ["Charap, Samuel", "Shapiro, Jeremy"], "2014", "A New European Security "
      "Order: The Ukraine Crisis and the Missing Post-Cold War Bargain",
      container="Foundation for Strategy Research", issue="15"),
    E("article-newspaper", ["Clarke, Michael"], "2015", "Kazakhstan’s Multi-vector Foreign "
      "Policy: Diminishing Returns in an Era of Great Power ‘Pivots’?", container="The ASAN Forum",
      url="http://www.theasanforum.org/kazakhstans-multi-vector-foreign-policy-diminishing-"
      "returns-in-an-era-of-great-power-pivots/"),
    E("article-journal", ["Cummings, Sally"], "2003", "Eurasian Bridge or Murky Waters between "
      "East and West? Ideas, Identity and Output in Kazakhstan’s Foreign Policy",
      container="Journal of Communist Studies and Transition Politics", volume="19", issue="3",
      page="139–155"),
    E("book", ["Donaldson, Robert", "Nogee, Joseph", "Nadkarni, Vidya"], "2014", "The Foreign "
      "Policy of Russia: Changing Systems, Enduring Interests", publisher="Routledge", place=NY),
    E("report", ["Dragneva, Rilka", "Wolczuk, Kataryna"], "2017", "The Eurasian Economic Union: "
      "Deals, Rules, and the Exercise of Power", collection="Chatham House Research Paper",
      publisher="Chatham House", place=LON, page="1–25"),
    E("chapter", ["Duncan, Peter"], "2004", "Westernism, Eurasianism and Pragmatism: The Foreign "
      "Policy of the post-Soviet States 1991-2001", container="The Legacy of the Soviet Union",
      publisher=PM, place=NY, page="228–253"),
    E("article-newspaper", ["Dzyubenko, Olga"], "2012-12-05", "China to Expand C. Asia Presence "
      "with $10 Billion in Loans", container="Reuters",
      url="https://www.reuters.com/article/china-centralasia/china-to-expand-c-asian-presence-"
      "with-10-bln-in-loans-idUSL5E8N59DS20121205"),
    E("webpage", ["=Embassy of the Russian Federation to the Republic of Kazakhstan"], "2016",
      "Russia-Kazakhstan",
      url="http://www.rfembassy.kz/eng/lm/dvustoronnie_otnosheniya/rossiya-kazakhstan/"),
    E("book", ["Hopf, Ted"], "2002", "Social Construction of International Politics: Identities "
      "and Foreign Policies, Moscow, 1955 and 1999", publisher="Cornell University Press",
      place="Ithaca, New York"),
    E("book", ["Jonson, Lena"], "2004", "Vladimir Putin and Central Asia: The Shaping of Russian "
      "Foreign Policy", publisher=PM, place=NY),
    E("article-journal", ["Laumulin, Murat", "Shaken, Mukhtar"], "2008", "Kazakhstan and Russia: "
      "Relations as Part of Russia’s Foreign Policy Strategy",
      container="Central Asia and the Caucuses", volume="49", issue="1", page="112–122"),
    E("chapter", ["Light, Margot"], "1996", "Foreign Policy Thinking",
      container="Internal Factors in Russian Foreign Policy", page="33–100",
      publisher="Oxford University Press", place="Oxford"),
    E("article-newspaper", ["Lillis, Joanna"], "2015-01-06", "Kazakhstan Celebrates Statehood in "
      "Riposte to Russia", container="Eurasianet", url="https://eurasianet.org/node/71536"),
    E("book", ["Mandelbaum, Michael"], "1998", "The New Russian Foreign Policy",
      publisher="Council on Foreign Relations Books", place=NY),
    E("article-newspaper", ["Michel, Casey"], "2014-09-03", "Russia’s Chilling Kazakhstan "
      "Comments", container="The Diplomat",
      url="https://thediplomat.com/2014/09/putins-chilling-kazakhstan-comments/"),
    E("report", ["Nopens, Patrick"], "2014", "The Impact of the Withdrawl from Afghanistan on "
      "Russia’s Security", collection="Egmont Security Policy Brief", number="54"),
    E("article-journal", ["Nurgaliyeva, Lyaiya"], "2016", "Kazakhstan’s Economic Soft Balancing "
      "Policy vis-à-vis Russia: From the Eurasian Union to the Economic Cooperation with Turkey",
      container="Journal of Eurasian Studies", volume="7", issue="1", page="92–105"),
    E("article-newspaper", ["Ospanova, Rufiya"], "2013-11-12", "Nazarbayev, Putin Sign Treaty of "
      "Good Neighborliness and Alliance in 21st Century", container="The Astana Times",
      url="https://astanatimes.com/2013/11/nazarbayev-putin-sign-treaty-good-neighborliness-"
      "alliance-21st-century/"),
    E("book", ["Pacer, Valerie"], "2016", "Russian Foreign Policy Under Dmitry Medvedev, "
      "2008-2012", publisher="Routledge", place=NY),
    E("article-journal", ["Papava, Vladimer"], "2017", "A Eurasian or a European Future fo "
      "Post-Soviet Georgia’s Economic Development: Which is Better?",
      container="Archives of Business Research", volume="5", issue="1", page="159–170"),
    E("document", ["=Parliament of the Republic of Kazakhstan"], "1995-08-30",
      "The Constitution of the Republic of Kazakhstan"),
    E("chapter", ["Peyrouse, Sebastien"], "2010", "Security Sector Reform in Kazakhstan",
      container="Security Sector Reform in Central Asia: Exploring Needs and Possibilities",
      publisher="Centre of European Security Studies", place="Groningen"),
    E("webpage", ["=Radio Free Europe/Radio Liberty"], "2015-10-16", "Putin Says CIS States "
      "Could Create Border Force for Crises",
      url="https://www.rferl.org/a/putin-cis-states-border-force/27310104.html"),
    E("article-journal", ["Rasizade, Alec"], "2009", "A Propos of the Georgian War: Reflections "
      "on Russia’s Revanchism in its Near Abroad",
      container="Journal of Balkan and Near Eastern Studies", volume="11", issue="1",
      page="9–27"),
    E("webpage", ["=Rosoboronexport"], None, "Cooperation With Kazakhstan",
      url="http://roe.ru/eng/export/kazakhstan/"),
    E("article-newspaper", ["Rousseau, Richard"], "2011-07-20", "Kazakhstan’s Strategic and "
      "Military Relations with Russia", container="Diplomatic Courier"),
    E("article-journal", ["Rumer, Eugene"], "2007", "Russian Foreign Policy Beyond Putin",
      container="Adelphi Paper Series", volume="390", issue="1", page="1–100"),
    E("document", ["=Russian Ministry of Foreign Affairs"], "2000-06-28",
      "The Foreign Policy Concept of the Russian Federation"),
    E("document", ["=Russian Ministry of Foreign Affairs"], "2013-02-12",
      "Concept of the Foreign Policy of the Russian Federation"),
    E("article-journal", ["Shenin, Sergei"], "2014", "The Transfer of Power in Central Asia and "
      "Threats to Regional Stability", container="Partnership for Peace Consortium on Defense "
      "Academies and Security Studies Institutes", volume="14", issue="1", page="137–147"),
    E("article-journal", ["Simao, Licinia"], "2016", "The Ukrainian Conflict in Russian Foreign "
      "Policy: Rethinking the Interconnections Between Domestic and Foreign Policy Strategies",
      container="Small Wars and Insurgencies", volume="27", issue="3", page="491–511"),
    E("book", ["Tsygankov, Andrei"], "2013", "Russia’s Foreign Policy: Change and Continuity in "
      "National Identity", publisher="Rowman and Littlefield", place=LON),
    E("article-journal", ["Vinokurov, Evgeny"], "2017", "Eurasian Economic Union: Current State "
      "and Preliminary Results", container="Russian Journal of Economics", volume="3",
      issue="1", page="54–70"),
    E("book", ["Walt, Stephen"], "2005", "Taming American Power: The Global Response to U.S. "
      "Primacy", publisher="W.W. Norton and Company", place=NY),
    E("article-newspaper", ["Weitz, Richard"], "2015-12-23", "Russia, China, and Central Asia: "
      "Time for a Decision", container="The ASAN Forum"),
    E("article-journal", ["Yarashevich, Viachaslau"], "2014", "Post-Communist Economic "
      "Integration: Belarus, Kazakhstan, and Russia", container="Journal of Economic Integration",
      volume="29", issue="4", page="582–623"),
    E("paper-conference", ["Zabortseva, Yelena"], "2011", "Transformation of Russia-Kazakhstan "
      "post-Soviet Political Relations: From Chaos to Integration?",
      container="Two Decades Without the Soviet Union: Transformations in Eurasian Space",
      event="Proceedings from the 10th Biennial Conference of AACaPS, 4 February",
      publisher="Australian National University", place="Canberra"),
    E("book", ["Zabortseva, Yelena"], "2016", "Russia’s Relations with Kazakhstan: Rethinking "
      "ex-Soviet Transitions in the Emerging World System", publisher="Routledge", place=NY),
]

ZAB_BOOK = "Russia’s Relations with Kazakhstan: Rethinking ex-Soviet Transitions in the " \
    "Emerging World System"
#: full-form notes of seed 001 by note number ("4a"/"4b": two works cited in one note)
NOTES = {
    "1": E("book", ["Mandelbaum, Michael"], "1998", "The New Russian Foreign Policy",
           publisher="Council on Foreign Relation Books", place=NY, locator="4-6"),
    "2": E("book", ["Hopf, Ted"], "2002", "Social Construction of International Politics: "
           "Identities and Foreign Policies, Moscow, 1955 and 1999",
           publisher="Cornell University Press", place=NY, locator="155"),
    "3": E("book", ["Tsygankov, Andrei"], "2013", "Russia’s Foreign Policy: Change and Continuity "
           "in National Identity", publisher="Rowman and Littlefield", place=LON, locator="4-8"),
    "4a": E("chapter", ["Light, Margot"], "1996", "Foreign Policy Thinking",
            container="Internal Factors in Russian Foreign Policy",
            publisher="Oxford University Press", place="Oxford"),
    "4b": E("chapter", ["Duncan, Peter"], "2004", "Westernism, Eurasianism and Pragmatism: The "
            "Foreign Policy of the post-Soviet States 1991-2001",
            container="The Legacy of the Soviet Union", publisher=PM, place=NY, locator="231"),
    "5": E("chapter", ["Rumer, Eugene"], "2007", "Russian Foreign Policy Beyond Putin",
           container="Adelphi Paper Series", locator="7"),
    "6a": E("document", ["=Russian Ministry of Foreign Affairs"], "2000-06-28",
            "The Foreign Policy Concept of the Russian Federation"),
    "6b": E("document", ["=Russian Ministry of Foreign Affairs"], "2013-02-12",
            "Concept of the Foreign Policy of the Russian Federation"),
    "7": E("article-journal", ["Charap, Samuel", "Shapiro, Jeremy"], "2014", "A New European "
           "Security Order: The Ukraine Crisis and the Missing Post-Cold War Bargain",
           container="Foundation for Strategy Research", issue="15", locator="2"),
    "8": E("book", ["Jonson, Lena"], "2004", "Vladimir Putin and Central Asia: The Shaping of "
           "Russian Foreign Policy", publisher=PM, place=NY, locator="7"),
    "9": E("book", ["Pacer, Valerie"], "2016", "Russian Foreign Policy Under Dmitry Medvedev, "
           "2008-2012", publisher="Routledge", place=NY, locator="7"),
    "11": E("article-journal", ["Clarke, Michael"], "2015", "Kazakhstan’s Multi-vector Foreign "
            "Policy: Diminishing Returns in an Era of Great Power ‘Pivots’?",
            container="The ASAN Forum"),
    "12": E("book", ["Walt, Stephen"], "2005", "Taming American Power: The Global Response to "
            "U.S. Primacy", publisher="W.W. Norton and Company", place=NY, locator="126"),
    "14": E("document", ["=Parliament of the Republic of Kazakhstan"], "1995-08-30",
            "The Constitution of the Republic of Kazakhstan"),
    "15": E("article-journal", ["Cummings, Sally"], "2003", "Eurasian Bridge or Murky Waters "
            "between East and West? Ideas, Identity and Output in Kazakhstan’s Foreign Policy",
            container="Journal of Communist and Transition Politics", locator="139"),
    "16": E("book", ["Alexandrov, Mikhail"], "1999", "Uneasy Alliance: Relations Between Russia "
            "and Kazakhstan in the post-Soviet Era, 1992-1997", publisher="Greenwood Press",
            place=LON),
    "17": E("chapter", ["Zabortseva, Yelena"], "2011", "Transformation of Russia-Kazakhstan "
            "post-Soviet Political Relations: From Chaos to Integration?",
            container="Two Decades Without the Soviet Union: Transformations in Eurasian Space",
            publisher="Australian National University", place="Canberra", locator="7"),
    "19": E("document", ["=Embassy of the Russian Federation to the Republic of Kazakhstan"],
            "2016", "Russia-Kazakhstan"),
    "20": E("book", ["Zabortseva, Yelena"], "2016", ZAB_BOOK, publisher="Routledge", place=NY,
            locator="75"),
    "25": E("webpage", ["=Rosoboronexport"], None, "Cooperation with Kazakhstan",
            url="http://roe.ru/eng/export/kazakhstan/"),
    "26": E("article-journal", ["Allison, Roy"], "2004", "Regionalism, Reginal Structures, and "
            "Security Management in Central Asia", container="International Affairs",
            locator="471"),
    "28": E("article-journal", ["Vinokurov, Evgeny"], "2017", "Eurasian Economic Union: Current "
            "State and Preliminary Results", container="Russian Journal of Economics",
            locator="56"),
    "30": E("article-newspaper", ["Burkitbai, Ayagan"], "2014-05-12", "Defining the New State "
            "Borders in 1990-2005 as Key Foundation of Statehood", container="Astana Times"),
    "31": E("article-journal", ["Rasizade, Alec"], "2009", "A Propos of the Georgian War: "
            "Reflections on Russia’s Revanchism in its Near Abroad",
            container="Journal of Balkan and Near Eastern Studies", locator="22"),
    "34": E("article-journal", ["Laumulin, Murat", "Shaken, Mukhtar"], "2008", "Kazakhstan and "
            "Russia: Relations as Part of Russia’s Foreign Policy Strategy",
            container="Central Asia and the Caucuses", locator="120"),
    "35": E("article-newspaper", ["Rousseau, Richard"], "2011-07-20", "Kazakhstan’s Strategic "
            "and Military Relations with Russia", container="Diplomatic Courier"),
    "36": E("chapter", ["Peyrouse, Sebastien"], "2010", "Security Sector Reform in Kazakhstan",
            container="Security Sector Reform in Central Asia: Exploring Needs and Possibilities",
            publisher="Centre of European Security Studies", place="Groningen", locator="20"),
    "39": E("article-journal", ["Yarashevich, Viachaslau"], "2014", "Post-Communist Economic "
            "Integration: Belarus, Kazakhstan, and Russia",
            container="Journal of Economic Integration", locator="598"),
    "43": E("report", ["Dragneva, Rilka", "Wolczuk, Kataryna"], "2017", "The Eurasian Economic "
            "Union: Deals, Rules, and the Exercise of Power",
            collection="Chatham House Research Paper", publisher="Chatham House", place=LON,
            locator="4"),
    "46": E("book", ["Ahrari, Mohammed"], "2011", "The Great Powers Versus the Hegemon",
            publisher=PM, place=NY, locator="137"),
    "48": E("book", ["Donaldson, Robert", "Nogee, Joseph", "Nadkarni, Vidya"], "2014",
            "The Foreign Policy of Russia: Changing Systems, Enduring Interests", locator="212"),
    "51": E("article-journal", ["Simao, Licinia"], "2016", "The Ukrainian Conflict in Russian "
            "Foreign Policy: Rethinking the Interconnections Between Domestic and Foreign Policy "
            "Strategies", container="Small Wars and Insurgencies", locator="493"),
    "53": E("article-newspaper", ["Ospanova, Rufiya"], "2013-11-12", "Nazarbayev, Putin sign "
            "Treaty of Good Neighborliness and Alliance in 21st Century",
            container="The Astana Times"),
    "55": E("article-newspaper", ["Michel, Casey"], "2014-09-03", "Putin’s Chilling Comments",
            container="The Diplomat"),
    "58": E("report", ["Nopens, Patrick"], "2014", "The Impact of the Withdrawl from Afghanistan "
            "on Russia’s Security", collection="Egmont Security Policy Brief"),
    "59": E("document", ["=Radio Free Europe/Radio Liberty"], "2015-10-16", "Putin Says CIS "
            "States Could Create Border Force for Crises"),
    "60": E("article-newspaper", ["Weitz, Richard"], "2015-12-23", "Russia, China, and Central "
            "Asia: Time for a Decision", container="The ASAN Forum"),
    "62": E("article-journal", ["Papava, Vladimer"], "2017", "A Eurasian or a European Future "
            "for Post-Soviet Georgia’s Economic Development: Which is Better?",
            container="Archives of Business Research", locator="162"),
    "65": E("article-journal", ["Nurgaliyeva, Lyaiya"], "2016", "Kazakhstan’s Economic Soft "
            "Balancing Policy vis-à-vis Russia: From the Eurasian Union to the Economic "
            "Cooperation with Turkey", container="Journal of Eurasian Studies", locator="95"),
    "69": E("article-newspaper", ["Lillis, Joanna"], "2015-01-02", "Kazakhstan Celebrates "
            "Statehood in Riposte to Russia", container="Eurasianet"),
    "73": E("article-newspaper", ["Dzyubenko, Olga"], "2012-12-05", "China to Expand C. Asian "
            "Presence with $10 Billion in Loans", container="Reuters"),
    "76": E("article-journal", ["Ambrosio, Thomas"], "2015", "Leadership Succession in "
            "Kazakhstan and Uzbekistan: Regime Survival after Nazarbayev and Karimov",
            container="Journal of Balkan and Near Eastern Studies", locator="55"),
    "77": E("article-journal", ["Shenin, Sergei"], "2014", "The Transfer of Power in Central Asia "
            "and Threats to Regional Stability", container="Partnership for Peace Consortium on "
            "Defense Academies and Security Studies Institutes", locator="143"),
}

HOW_TO_CITE = E("article-journal", ["Laumulin, M.", "Shaken, M."], "2008", "KAZAKHSTAN AND "
                "RUSSIA: RELATIONS AS PART OF RUSSIA’S FOREIGN POLICY STRATEGY",
                container="CENTRAL ASIA AND THE CAUCASUS", volume="9", issue="1",
                page="112–124", url="https://ca-c.org/CAC/index.php/cac/article/view/1169")


def _actual(p: ParsedReference) -> dict[str, Any]:
    """The parse in the shape of :func:`E`, with every content field present."""
    r = p.reference
    out: dict[str, Any] = {
        "type": r.type,
        "authors": [f"={n.literal}" if n.literal else f"{n.family}, {n.given}" for n in r.author],
        "date": r.issued.iso() if r.issued else None,
        "title": r.title,
        "container": r.container_title, "collection": r.collection_title,
        "volume": r.volume, "issue": r.issue, "number": r.number,
        "page": str(r.page) if r.page else None,
        "publisher": r.publisher, "place": r.publisher_place,
        "url": r.url, "doi": r.doi, "event": r.event_title,
        "editors": [n.display() for n in r.editor] or None,
        "genre": r.genre, "note": r.note, "locator": p.locator,
    }
    known = {"type", "title", "author", "issued", "container_title", "collection_title", "volume",
             "issue", "number", "page", "publisher", "publisher_place", "url", "doi",
             "event_title", "editor", "genre", "note"}
    assert set(r.content()) <= known, f"unexpected fields {set(r.content()) - known}"
    return out


def _expected(e: dict[str, Any]) -> dict[str, Any]:
    keys = ("container", "collection", "volume", "issue", "number", "page", "publisher", "place",
            "url", "doi", "event", "editors", "genre", "note", "locator")
    return {"type": e["type"], "authors": e["authors"], "date": e["date"], "title": e["title"],
            **{k: e.get(k) for k in keys}}


def _works_cited() -> list[str]:
    return split_references((DATA / "works_cited.txt").read_text(encoding="utf-8"))


def _notes() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (DATA / "notes.txt").read_text(encoding="utf-8").split("\n\n"):
        number = line.split("]")[0].lstrip("[")
        parts = split_references(line)
        if len(parts) == 1:
            out[number] = parts[0]
        else:
            out.update({f"{number}{'ab'[i]}": part for i, part in enumerate(parts)})
    return out


def test_works_cited_splits_into_43_entries() -> None:
    """The Works Cited block splits into exactly its 43 references (heading skipped)."""
    assert len(_works_cited()) == len(WORKS_CITED) == 43


@pytest.mark.parametrize("index", range(len(WORKS_CITED)))
def test_works_cited_entry(index: int) -> None:
    """Each Works Cited entry parses with every field right."""
    text = _works_cited()[index]
    assert _actual(parse_reference(text)) == _expected(WORKS_CITED[index]), text


@pytest.mark.parametrize("number", sorted(NOTES, key=lambda n: (int(n.rstrip("ab")), n)))
def test_full_note(number: str) -> None:
    """Each full-form footnote parses with every field right, locator included."""
    text = _notes()[number]
    assert _actual(parse_reference(text)) == _expected(NOTES[number]), text


def test_how_to_cite_apa_string() -> None:
    """Seed 003's APA "How to Cite" string: all-caps names and title, 9(1), 112-124, URL."""
    text = (DATA / "how_to_cite_003.txt").read_text(encoding="utf-8").strip()
    assert _actual(parse_reference(text, style="apa")) == _expected(HOW_TO_CITE)
    assert _actual(parse_reference(text)) == _expected(HOW_TO_CITE)
