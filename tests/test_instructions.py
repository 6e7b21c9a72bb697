"""Questions asking how to do something are answered from the instructions for it."""
from __future__ import annotations

import pytest

from citeqa import Assistant
from citeqa.reading.instructions import asked_acts, circumstance, instruction_acts
from tests.conftest import one_document

# a patient leaflet of the usual shape, written for this test: its opening uses "take" of something else
LEAFLET = """Package leaflet: Information for the patient

Glimepride tablets

1. What Glimepride tablets are and what they are used for

Glimepride tablets lower blood sugar in adults with type 2 diabetes. Muscle cells take up sugar from the blood
when insulin tells them to, and in type 2 diabetes they take up less than they should.

2. What you need to know before you take Glimepride tablets

Do not take Glimepride tablets if you are allergic to glimepride or have severe kidney disease.

3. How to take Glimepride tablets

Always take this medicine exactly as your doctor has told you.

Swallow each tablet whole with a glass of water, just before or with the first meal of the day.

If you forget to take Glimepride tablets

Take the next tablet at the usual time. Do not take two tablets to make up for the one you missed.

If you take more Glimepride tablets than you should

Taking too many tablets can make your blood sugar fall too low. Eat or drink something sugary and call your doctor.

5. How to store Glimepride tablets

Keep the tablets below 30°C in the original blister to protect them from moisture.

6. What Glimepride tablets look like

The tablets are white and round, marked G2 on one side.
"""


@pytest.mark.parametrize("question, acts", [
    ("how do i take it", {"take"}),
    ("What does the leaflet say about how to take the tablets?", {"take"}),
    ("how is Humira given?", {"give"}),  # a participle asks for its verb
    ("how should my pens be stored?", {"store"}),
    ("how should the medicine be kept?", {"keep"}),
    ("how is the pen used?", {"use"}),  # the participle, not a noun ending like one ("pen")
    ("how does it work?", set()),  # what the drug does, not how anyone does something
    ("how much should I take?", set()),
    ("how long do I take it?", set()),
    ("how is it different from insulin?", set()),
    ("How is it absorbed after an injection?", {"absorb"}),  # the act, not every word after it
    ("when should I take it?", {"take"}),  # when in the day: instructions say that too
    ("what is the best time of day to take it?", {"take"}),
    ("At what time do you inject it?", {"inject"}), ("when should it be taken?", {"take"}),
    ("when should it be used?", set()), ("when should I not take it?", set()),  # what it is for; no act
    ("when was it approved?", set()),  # when it was done, not when anyone does it
])
def test_a_question_asking_how_to_do_something_names_the_act(question, acts):
    assert asked_acts(question) == acts


@pytest.mark.parametrize("heading, act, gives", [
    ("3. How to take Metformin tablets", "take", True),
    ("How should I store HUMIRA?", "store", True),
    ("How should it be stored?", "store", True),
    ("How Xolair is given", "give", True),
    ("2.4 Administration", "give", True),  # a label's section named by the act
    ("16 HOW SUPPLIED/STORAGE AND HANDLING", "store", True),
    ("How much to take", "take", False),  # a dose, not instructions
    ("U.S. Food and Drug Administration approval", "give", False),  # the noun, not a section named by it
    ("Co-administration with CYP3A4 inhibitors", "give", False),
    ("How is the drug metabolized", "drug", False),
    ("4. Possible side effects", "take", False),
])
def test_a_heading_over_instructions_names_its_act(heading, act, gives):
    assert (act in instruction_acts(heading)) is gives


def test_a_heading_that_sets_a_circumstance_is_told_apart():
    assert circumstance("If you forget to take Eliquis") and circumstance("When you stop")
    assert not circumstance("3. How to take Eliquis") and not circumstance("When to take it")


@pytest.fixture(scope="module")
def leaflet_bot(tmp_path_factory) -> Assistant:
    return one_document(tmp_path_factory.mktemp("instructions"), "glimepride-leaflet.txt", LEAFLET)


@pytest.mark.parametrize("question, wanted", [
    ("how do I take glimepride?", "swallow each tablet whole"),
    ("How should I take it?", "swallow each tablet whole"),
    ("how should it be stored?", "below 30°c"),
    ("what time of day should I take glimepride?", "first meal of the day"),  # "time" and "day" ask nothing alone
    ("when should I take it?", "first meal of the day"),
])
def test_how_to_questions_quote_the_instructions_for_that_act(leaflet_bot, question, wanted):
    answer = leaflet_bot.ask(question)
    assert answer.found and wanted in answer.text.lower()
    # not the opening's other sense of the word, nor a circumstance nobody asked about, nor the leaflet's
    # standing advice to follow the doctor
    assert "muscle cells" not in answer.text.lower() and "usual time" not in answer.text.lower()
    assert "exactly as your doctor" not in answer.text.lower()


def test_what_follows_a_circumstance_is_no_question_about_the_drug_as_a_whole(leaflet_bot):
    answer = leaflet_bot.ask("what happens if i take too much glimepride")  # every word but the drug generic
    assert answer.found and "something sugary" in answer.text.lower()
    assert "muscle cells" not in answer.text.lower()  # not the leaflet's opening, as for "tell me about it"
    answer = leaflet_bot.ask("what does a glimepride tablet look like?")  # ... nor what it looks like
    assert answer.found and "white and round" in answer.text.lower() and "muscle cells" not in answer.text.lower()


def test_a_few_instructions_for_what_is_asked_are_quoted_all(tmp_path):
    # "how do i take atorvastatin" quoted two of its three instructions and left out "Swallow each tablet whole"
    bot = one_document(tmp_path, "zetastatin.txt", "Zetastatin tablets\n\n1. What Zetastatin is\n\nZetastatin lowers "
                       "cholesterol in the blood.\n\n3. How to take Zetastatin\n\nThe usual dose is 10 mg once a day."
                       "\n\nHow to take the tablets\n\nSwallow each tablet whole with a drink of water. You can take "
                       "the tablets at any time of day, with or without food. Try to take your tablet at the same "
                       "time every day, as this will help you remember. If you forget a tablet, skip it.\n\n"
                       "5. How to store Zetastatin\n\nStore below 30°C.\n")
    text = bot.ask("how do i take zetastatin").text.lower()
    assert all(s in text for s in ("swallow each tablet whole", "with or without food", "same time every day"))
    assert "below 30" not in text and "forget" not in text  # nor what to do in a circumstance not asked about
