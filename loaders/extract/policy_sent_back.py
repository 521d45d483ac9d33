"""What is "sent back" or "handed back" without a person leaving the country.

The frames of forced repatriation read "hand them back" and "were sent back" as people
returned across the border. Two readings are not: "them" that stands for things named just
before ("collect the attendants' phones … and hand them back when the train leaves"), and
people sent back to somewhere inside the country ("were sent back to their home counties",
"to the interior").
"""

from __future__ import annotations

import re

# Things taken and handed back ("collect the phones … and hand them back"): the last thing
# taken before "them" is what "them" stands for, unless people are named after it.
_THINGS = re.compile(
    r"\b(?:collect\w*|take|takes|took|taken|taking|confiscat\w+|seiz\w+|keeps?|kept|"
    r"gather\w*|holds?|held)\s+(?:[\w’'-]+\s+){0,4}?(?:phones?|handsets?|mobiles?|cards?|"
    r"passports?|papers|documents?|books?|goods|money|cash|keys|bags|luggage|belongings|"
    r"seals|licen[cs]es|permits?|radios?|sticks|drives|"
    r"laptops?|computers?|cameras?|boats?|bicycles?|cars?|lorries|trucks|tools|nets)\b",
    re.I,
)
_PEOPLE = re.compile(
    r"\b(?:people|persons?|men|wom[ae]n|children|famil(?:y|ies)|workers?|defectors?|"
    r"refugees?|detainees?|escapees?|crossers?|migrants?|north\s+koreans?|traders?|"
    r"fishermen|crews?|guards?|soldiers?|girls?|boys?|brides?|wives)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:them|it)\b", re.I)
# "sent back to their home counties", "to the interior": a move inside the country.
_AT_HOME = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?to\s+(?:the\s+interior|(?:their|his|her|its)\s+(?:own\s+)?"
    r"(?:home\s+)?(?:count(?:y|ies)|towns?|villages?|provinces?|cit(?:y|ies)|units?|farms?|"
    r"workplaces?|barracks|posts?|compan(?:y|ies)|regiments?|offices?))\b"
    r"(?![^.;]{0,40}\b(?:north\s+korea|the\s+north|across|over\s+the\s+(?:border|river)))",
    re.I,
)


def not_sent_across(chunk: str, start: int, end: int) -> bool:
    """Whether a repatriation cue at ``chunk[start:end]`` hands back things or sends people
    back inside the country (see above)."""
    if _PRONOUN.search(chunk, start, end):
        things = list(_THINGS.finditer(chunk, 0, start))
        if things and not _PEOPLE.search(chunk, things[-1].end(), start):
            return True
    return bool(_AT_HOME.match(chunk, end))
