"""A question asking what else a drug is called is answered by a sentence that says it."""
from __future__ import annotations

import pytest

from citeqa import Assistant
from citeqa.reading.other_names import asks_other_name, says_other_name
from tests.conftest import one_document


@pytest.mark.parametrize("question, asks", [
    ("what is the generic name of humira", True),
    ("What's the brand name for sertraline?", True),
    ("what is the active ingredient in eliquis", True),
    ("Which trade names is it marketed under?", True),
    ("is it also known as anything else? what else is it called", True),
    ("what's ozempic sold under?", True), ("what is the generic for eliquis?", True),
    ("What is its chemical name?", False),  # a chemical name is not what else the drug is called
    ("What was the name of the trial?", False),
    ("Is the brand better than the generic?", False),
])
def test_a_question_asking_what_else_a_drug_is_called(question, asks):
    assert asks_other_name(question, names_drug=True) is asks


def test_asking_another_name_of_something_else_is_no_such_question():
    assert not asks_other_name("what other names are there for feeling sick?", names_drug=False)
    assert asks_other_name("what's its generic name?", names_drug=False)  # "it": the drug


@pytest.mark.parametrize("text, says", [
    ("Ozempic contains the active substance semaglutide.", True),  # two of its names
    ("Generic Name: Dupilumab", True),  # one, said to be a name
    ("Each Metformin tablet contains 500 mg metformin hydrochloride.", False),  # one name, a part of another
    ("Ozempic is called a GLP-1 receptor agonist.", False),  # what it is, not what it is called
    ("Tell your doctor the names of all medicines you take, including semaglutide.", False),  # no name said
    ("Semaglutide lowers blood sugar.", False),
])
def test_a_sentence_that_says_what_else_a_drug_is_called(text, says):
    names = ["semaglutide", "Ozempic", "Dupilumab", "Dupixent", "Metformin", "metformin hydrochloride"]
    assert says_other_name(text, names) is says


# a leaflet written for this test: the only sentence naming the drug both ways uses neither "generic" nor "name"
LEAFLET = """Zentorin tablets

What Zentorin is and what it is used for

Zentorin (examploglutide) lowers cholesterol in the blood by blocking an enzyme the liver needs to make it.

Possible side effects

Muscle aches are the most common side effect and usually pass within a few weeks.

How to store Zentorin

Keep the tablets below 25 °C in the original pack.
"""


@pytest.fixture(scope="module")
def leaflet_bot(tmp_path_factory) -> Assistant:
    return one_document(tmp_path_factory.mktemp("other-names"), "zentorin-leaflet.txt", LEAFLET)


@pytest.mark.parametrize("question, wanted", [
    ("what is the generic name of zentorin?", "examploglutide"),
    ("what is the active ingredient in Zentorin", "examploglutide"),
    ("What brand name is examploglutide sold under?", "zentorin"),
])
def test_asked_what_else_it_is_called_the_sentence_naming_it_both_ways_answers(leaflet_bot, question, wanted):
    answer = leaflet_bot.ask(question)
    assert answer.found and answer.text.lower().startswith("zentorin (examploglutide)")
    assert wanted in answer.text.lower()
