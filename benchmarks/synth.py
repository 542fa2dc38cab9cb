"""Realistic synthetic BibTeX libraries, deterministic for a seed.

Other benchmarks import :func:`generate` (``from synth import generate`` with
``benchmarks/`` on ``sys.path``). The mix follows what real libraries hold: mostly
articles, then books, chapters, conference papers, reports, theses, web pages and
misc entries; names with LaTeX accents (``M{\\"u}ller``, ``{\\v{S}}ebek``), particles
and institutional authors; titles with protected words (``{DNA}``, ``{Kazakhstan}``),
dashes and the odd ``\\&``; ``@string`` macros for journals and month macros; DOIs,
URLs, ISBNs, keywords, abstracts. Run it to write a file::

    python benchmarks/synth.py 10000 > /tmp/synth.bib
"""

from __future__ import annotations

import random
import sys

__all__ = ["generate"]

FAMILIES = [
    "M{\\\"u}ller", "Zabortseva", "Laumulin", "Clarke", "{\\v{S}}ebek", "Nazarbayev",
    "Smith", "Garc{\\'\\i}a M{\\'a}rquez", "O'Brien", "{\\O}stergaard", "Dvo{\\v{r}}{\\'a}k",
    "Kuz'min", "Lef{\\`e}vre", "Ivanov", "Tokayev", "Olcott", "Cooley", "Kassenova",
    "Br{\\\"o}nnimann", "Wei{\\ss}", "Chen", "Nakamura", "Sch{\\\"a}fer", "Kowalski",
]  # fmt: skip
GIVENS = [
    "Yelena", "Murat", "Michael", "Jan", "Anna", "J.", "Martha Brill", "Alexander",
    "Fran{\\c{c}}ois", "S{\\o}ren", "Li", "Hiroshi", "Ji{\\v{r}}{\\'\\i}", "Nargis", "R.~K.", "Eve",
]  # fmt: skip
PARTICLES = ["van", "de la", "von", "da"]
INSTITUTIONS = [
    "{Ministry of Foreign Affairs of the Republic of Kazakhstan}",
    "{Radio Free Europe/Radio Liberty}",
    "{World Bank}",
    "{International Crisis Group}",
]
WORDS = [
    "Russia", "Kazakhstan", "relations", "multi-vector", "foreign", "policy", "energy",
    "security", "Eurasian", "economic", "union", "pipeline", "oil", "gas", "integration",
    "sovereignty", "identity", "nation", "building", "Central", "Asia", "regional", "order",
    "great", "game", "China", "Belt", "Road", "migration", "language", "border", "trade",
    "customs", "cooperation", "analysis", "evidence", "model", "dynamics",
]  # fmt: skip
PROTECTED = ["{DNA}", "{Kazakhstan}", "{Russia}", "{EAEU}", "{NATO}", "{CSTO}", "{Eurasia}"]
JOURNALS = {
    "jes": "Journal of Eurasian Studies",
    "cas": "Central Asian Survey",
    "eas": "Europe-Asia Studies",
    "psa": "Post-Soviet Affairs",
}
PUBLISHERS = ["Routledge", "Palgrave Macmillan", "Oxford University Press", "KazISS", "Springer"]
PLACES = ["London", "Almaty", "New York", "Oxford", "Astana", "Cham"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
TYPES = [
    ("article", 45), ("book", 12), ("incollection", 10), ("inproceedings", 10),
    ("techreport", 5), ("phdthesis", 4), ("online", 8), ("misc", 6),
]  # fmt: skip


def _b(value: str) -> str:
    return "{" + value + "}"


def _name(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.04:
        return rng.choice(INSTITUTIONS)
    family = rng.choice(FAMILIES)
    given = rng.choice(GIVENS)
    if roll < 0.12:
        return f"{given} {rng.choice(PARTICLES)} {family}"
    if roll < 0.5:
        return f"{given} {family}"
    return f"{family}, {given}"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 12))]
    for _ in range(rng.randint(0, 2)):
        words.insert(rng.randrange(len(words)), rng.choice(PROTECTED))
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), "\\&")
    if rng.random() < 0.2:
        words.insert(rng.randrange(1, len(words)), "--")
    if rng.random() < 0.05:
        words.append("$\\alpha$-test")
    words[0] = words[0].capitalize() if not words[0].startswith(("{", "\\")) else words[0]
    return " ".join(words)


def _entry(rng: random.Random, i: int) -> str:
    etype = rng.choices([t for t, _ in TYPES], weights=[w for _, w in TYPES])[0]
    authors = " and ".join(_name(rng) for _ in range(rng.choices([1, 2, 3, 5], [5, 4, 2, 1])[0]))
    year = rng.randint(1990, 2024)
    key = f"k{i}{year}"
    fields: list[tuple[str, str]] = [("author", _b(authors)), ("title", _b(_title(rng)))]
    if etype == "article":
        fields.append(("journal", rng.choice(list(JOURNALS))))
        fields += [("volume", str(rng.randint(1, 60))), ("number", _b(str(rng.randint(1, 12))))]
        first = rng.randint(1, 900)
        fields.append(("pages", f"{{{first}--{first + rng.randint(5, 40)}}}"))
        if rng.random() < 0.7:
            fields.append(("doi", f"{{10.{rng.randint(1000, 9999)}/j.x.{year}.{i:05d}}}"))
    elif etype in ("book", "incollection"):
        if etype == "incollection":
            fields.append(("booktitle", "{" + _title(rng) + "}"))
            fields.append(("editor", "{" + _name(rng) + "}"))
        fields += [("publisher", _b(rng.choice(PUBLISHERS))), ("address", _b(rng.choice(PLACES)))]
        fields.append(("isbn", _b(f"978-0-19-{rng.randint(100000, 999999)}-{rng.randint(0, 9)}")))
    elif etype == "inproceedings":
        fields.append(("booktitle", "{Proceedings of the " + _title(rng) + "}"))
        fields.append(("pages", f"{{{rng.randint(1, 99)}--{rng.randint(100, 200)}}}"))
    elif etype == "techreport":
        fields += [("institution", _b(rng.choice(PUBLISHERS))), ("number", str(rng.randint(1, 99)))]
    elif etype == "phdthesis":
        fields.append(("school", "{Nazarbayev University}"))
    else:
        fields.append(("url", f"{{https://example.org/{i}}}"))
        fields.append(("urldate", f"{{{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}}}"))
    fields.append(("year", str(year) if rng.random() < 0.5 else "{" + str(year) + "}"))
    if rng.random() < 0.3:
        fields.append(("month", rng.choice(MONTHS)))
    if rng.random() < 0.4:
        fields.append(("keywords", "{" + ", ".join(rng.sample(WORDS, 3)) + "}"))
    if rng.random() < 0.2:
        fields.append(("abstract", "{" + " ".join(rng.choice(WORDS) for _ in range(60)) + "}"))
    if rng.random() < 0.1:
        fields.append(("note", "{In Russian}"))
    body = ",\n".join(f"  {name:<9} = {value}" for name, value in fields)
    return f"@{etype}{{{key},\n{body}\n}}\n"


def generate(n: int, seed: int = 1) -> str:
    """A BibTeX library of ``n`` entries (plus @string macros and a comment), same for a seed."""
    rng = random.Random(seed)
    head = ["% Synthetic library generated by benchmarks/synth.py\n"]
    head += [f'@string{{{k} = "{v}"}}\n' for k, v in JOURNALS.items()]
    return "\n".join(head + [_entry(rng, i) for i in range(n)])


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(generate(count, seed=int(sys.argv[2]) if len(sys.argv) > 2 else 1))
