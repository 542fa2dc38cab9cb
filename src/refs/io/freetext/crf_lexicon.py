"""Word lists the CRF's token features look words up in (AnyStyle keeps similar ones).

Why lexicons: a CRF learns a word's label from the words it has seen; a list tells it
that an unseen ``Karlsruhe`` is a place or an unseen ``Zeitschrift`` starts a journal
title. These lists are written from general knowledge of bibliographies (major
publishing places, publisher words, journal-title words, month and edition words in
the languages reference lists commonly use). They are deliberately NOT extracted from
AnyStyle's ``core.xml``: the model is scored on that file, and lists copied from it
would leak its answers into the features.
"""

from __future__ import annotations

__all__ = ["EDITION", "GENRE", "JOURNAL", "MONTHS", "NOTE", "PLACES", "PUBLISHER",
           "STATE_CODES", "TRANSLATOR"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


#: month names and abbreviations: English, German, French, Spanish, Italian, Portuguese,
#: Dutch (plus seasons, which stand where months do)
MONTHS = _words("""
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
july august september october november december spring summer autumn fall winter
januar februar märz märz april mai juni juli august september oktober november dezember
jän okt dez janvier février fevrier mars avril mai juin juillet août aout septembre
octobre novembre décembre decembre janv févr avr juil sept déc enero febrero marzo abril
mayo junio julio agosto septiembre setiembre octubre noviembre diciembre ene abr ago dic
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre gen mag giu lug
set ott janeiro fevereiro março abril maio junho julho setembro outubro novembro dezembro
fev mai jun januari februari maart mei augustus oktober
""")

#: cities and regions that are common places of publication, countries, and US/CA
#: state and province names and postal abbreviations
PLACES = _words("""
new york london oxford cambridge paris berlin boston chicago amsterdam washington
princeton tokyo berkeley leiden heidelberg dordrecht toronto basel philadelphia
baltimore los angeles san francisco diego jose stanford palo alto seattle austin
cleveland detroit minneapolis pittsburgh ithaca ann arbor madison urbana champaign
evanston bloomington chapel hill durham new haven providence hanover lincoln norman
lawrence columbus cincinnati atlanta miami nashville houston dallas denver phoenix
salt lake city portland honolulu montreal montréal ottawa vancouver quebec québec
sydney melbourne brisbane perth adelaide canberra auckland wellington edinburgh glasgow
manchester birmingham bristol leeds liverpool sheffield nottingham brighton dublin belfast
cardiff aberdeen york hove abingdon basingstoke harlow chichester hoboken newbury
thousand oaks englewood cliffs upper saddle river reading menlo park redwood amherst
munich münchen munchen frankfurt hamburg stuttgart köln koln cologne leipzig göttingen
gottingen tübingen tubingen freiburg bonn wiesbaden darmstadt mainz hannover dresden
weinheim karlsruhe vienna wien zurich zürich bern geneva genève lausanne brussels
bruxelles leuven louvain antwerp rotterdam utrecht groningen hague haag copenhagen
stockholm oslo helsinki uppsala lund reykjavik madrid barcelona valencia sevilla
lisbon lisboa porto coimbra rome roma milan milano turin torino florence firenze
bologna naples napoli padova padua venice venezia pisa athens warsaw warszawa krakow
kraków prague praha budapest bucharest sofia belgrade zagreb ljubljana moscow moskva
petersburg kiev kyiv minsk istanbul ankara tehran cairo jerusalem tel aviv beirut
delhi mumbai bombay calcutta kolkata chennai madras bangalore beijing peking shanghai
hong kong taipei seoul kyoto osaka singapore jakarta manila bangkok kuala lumpur
johannesburg cape town nairobi lagos accra dakar mexico buenos aires santiago lima
bogotá bogota caracas são sao paulo rio janeiro
usa us u.s. u.s.a. uk u.k. england scotland wales ireland britain america canada
australia zealand germany france italy spain portugal netherlands holland belgium
switzerland austria sweden norway denmark finland iceland poland russia ukraine greece
turkey israel egypt india china japan korea taiwan singapore brazil argentina chile
peru colombia venezuela mexico africa nigeria kenya ghana pakistan iran iraq
alabama alaska arizona arkansas california colorado connecticut delaware florida
georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
massachusetts michigan minnesota mississippi missouri montana nebraska nevada hampshire
jersey mexico carolina dakota ohio oklahoma oregon pennsylvania rhode island tennessee
texas utah vermont virginia wisconsin wyoming ontario alberta columbia manitoba
mass calif conn ill
""")

#: US state and Canadian province postal codes; matched only in capitals (``NY``, not
#: ``in`` or ``or``)
STATE_CODES = frozenset(w.upper() for w in _words("""
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC ON QC BC AB MB NS NB NL
"""))

#: words of publisher names (corporate suffixes, the big houses, presses)
PUBLISHER = _words("""
press publishers publisher publishing publications verlag verlags books univ university
universitätsverlag co inc ltd llc gmbh ag sa s.a. srl bv b.v. company corp corporation
academic wiley springer elsevier routledge macmillan palgrave sage blackwell editions
éditions edizioni ediciones editora editorial editorial verlagsgruppe taylor francis
pergamon kluwer nijhoff brill benjamins mouton gruyter birkhäuser birkhauser vieweg
teubner thieme hanser beck kohlhammer suhrkamp fischer rowohlt hachette gallimard seuil
flammarion puf armand colin larousse dunod mit penguin vintage knopf norton harper
harpercollins collins random house doubleday simon schuster houghton mifflin little
brown viking basic free oup cup mcgraw-hill mcgraw hill prentice addison-wesley addison
wesley pearson longman heinemann methuen faber hutchinson allen unwin jossey-bass
guilford erlbaum lawrence psychology praeger greenwood ashgate continuum bloomsbury
polity verso zed earthscan ieee acm siam ams crc wolters kluwer lippincott saunders
mosby churchill livingstone karger harvard yale princeton stanford chicago columbia
cornell duke hopkins johns state nova science world scientific cengage thomson
""")

#: words that start or fill journal and series titles, in several languages
JOURNAL = _words("""
journal j jour review rev proceedings proc transactions trans annals ann annales annali
anales bulletin bull quarterly letters lett magazine studies research reports report
archives archiv arch acta zeitschrift zeitschr zs revue rivista revista tijdschrift
tidsskrift tidskrift cahiers bolletino boletín boletin gazette herald times news
newsletter digest forum survey surveys advances perspectives current international
intl int american am british br european eur nature science sciences physical physics
chemical chemistry applied appl medical medicine med clinical clin society soc
association assoc institute inst conference conf symposium symp workshop congress
lecture notes series monographs monograph yearbook jahrbuch annual handbook encyclopedia
communications commun theory quarterly economic economics political social psychology
psychological philosophical historical history mathematical mathematics math
""")

#: edition words and ordinals
EDITION = _words("""
ed edn edition editions aufl auflage éd édition ediz edizione edición edicion revised
rev expanded enlarged 1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th first second third
fourth fifth sixth seventh eighth ninth tenth reprint repr
""")

#: kinds of work named in the string
GENRE = _words("""
thesis dissertation diss phd ph.d ph.d. doctoral master's masters msc ma bsc habilitation
report preprint manuscript unpublished mimeo memo memorandum working paper papers draft
technical tech rep tr brief lecture lectures talk presentation poster abstract abstracts
dvd cd video film audio podcast blog tweet press release patent standard
""")

#: words of access notes and other non-bibliographic remarks
NOTE = _words("""
retrieved accessed available online viewed consulted downloaded
abrufbar abgerufen zugriff consulté consultado
""")

#: words that introduce translators
TRANSLATOR = _words("""
trans transl translated translator translators übers übersetzt übersetzung traduit
traduction trad traducción tradução
""")
