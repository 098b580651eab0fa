"""Jinja's errors in a theme's template, said in Dutch."""

from __future__ import annotations

import jinja2
import pytest

from verantwoord.build.template_errors import in_dutch

ENV = jinja2.Environment(loader=jinja2.DictLoader({"base.html": "", "section.html": ""}))


def said(source: str) -> str:
    with pytest.raises(jinja2.TemplateError) as failure:
        ENV.from_string(source).render(x=1, y=[])
    return in_dutch(failure.value, ENV.list_templates())


@pytest.mark.parametrize(
    ("source", "dutch"),
    [
        ("{% if %}{% endif %}", "hier hoort een naam, waarde of voorwaarde, maar er staat %}"),
        ("{{ }}", "hier hoort een naam, waarde of voorwaarde, maar er staat }}"),
        ("{{ x y }}", "hier hoort }}, maar er staat 'y'"),
        ("{% for x y %}{% endfor %}", "hier hoort 'in', maar er staat 'y'"),
        ("{{ x | }}", "hier hoort een naam, maar er staat }}"),
        ("{% if x %}", "{% if %} is niet gesloten: het sjabloon houdt op zonder {% endif %}"),
        ("{% block main %}", "{% block %} is niet gesloten: het sjabloon houdt op zonder {% endblock %}"),
        ("{{ x", "het sjabloon houdt op waar nog }} moet komen"),
        ("{% for x in y %}{% endif %}", "{% endif %} staat waar eerst {% endfor %} moet komen, om de {% for %} te"),
        ("{% if x %}{% for a in y %}{% endif %}{% endfor %}", "{% endif %} staat waar eerst {% endfor %} moet komen"),
        ("{% endblock %}", "{% endblock %} sluit niets: er is geen {% block %} open"),
        ("{% else %}", "{% else %} staat buiten een {% if %} of {% for %}"),
        ("{% if x %}{% iff %}{% endif %}", "{% iff %} is geen opdracht van Jinja"),
        ("{{ x) }}", "')' zonder openend haakje ervoor"),
        ("<h1>{{ x }</h1>", "een losse }: sluit af met }} of %}"),
        ("{{ x( }}", "'}' waar ')' hoort: een haakje niet gesloten?"),
        ("{{ 'Samen }}", "een tekst zonder sluitend aanhalingsteken (')"),
        ("{{ x ! }}", "het teken ! hoort hier niet"),
        ("{# kop", "een commentaar {# zonder #} erna"),
        ("{% %}", "na {% ontbreekt de opdracht (if, for, block …)"),
        ("{% block site-name %}{% endblock %}", "een bloknaam heeft geen streepje (-): schrijf een liggend streepje"),
        ("{% block a %}{% endblock %}{% block a %}{% endblock %}", "het blok 'a' staat er twee keer in"),
        # An operator without what follows it: Jinja's "unexpected 'end of print statement'" stayed English.
        ("{{ x ~ }}", "hier hoort een naam, waarde of voorwaarde, maar er staat }}"),
        ("{% if x and %}{% endif %}", "hier hoort een naam, waarde of voorwaarde, maar er staat %}"),
        # A filter or test mistyped: "No filter named 'lenght'."
        ("{{ y | lenght }}", "Jinja kent geen filter 'lenght' (bedoelt u 'length'?)"),
        ("{% if x is defind %}{% endif %}", "Jinja kent geen test 'defind' (bedoelt u 'defined'?)"),
    ],
)
def test_a_syntax_error_is_said_in_dutch_with_jinjas_words_after_it(source: str, dutch: str) -> None:
    """Jinja's "Expected an expression, got 'end of statement block'" stood in English in a Dutch message."""
    message = said(source)
    assert message.startswith(dutch)
    assert message.endswith(")") and "(Jinja: " in message  # Jinja's own words, to look up


def test_a_template_that_is_not_there_is_named_with_the_nearest_that_is() -> None:
    """Its message was the name alone: 'dit sjabloon geeft een fout: bsae.html.'"""
    assert said('{% extends "bsae.html" %}') == "het sjabloon 'bsae.html' bestaat niet (bedoelt u 'base.html'?)"
    assert said('{% include "voettekst.html" %}') == "het sjabloon 'voettekst.html' bestaat niet"


def test_an_error_we_do_not_know_keeps_jinjas_words() -> None:
    assert said("{% set 1 = 2 %}") == "can't assign to 'const'"


STRICT = jinja2.Environment(
    loader=jinja2.DictLoader({"macros.html": "{% macro links(root, section) %}{{ root }}{{ section }}{% endmacro %}"}),
    undefined=jinja2.StrictUndefined,
)


@pytest.mark.parametrize(
    ("source", "dutch"),
    [
        # A copy of a template made before imports or calls our macro as it was then.
        (
            '{% from "macros.html" import downloads %}{{ downloads() }}',
            "'macros.html' heeft geen macro of naam 'downloads' (ingelezen op regel 1): kijk in dat sjabloon hoe hij "
            "nu heet",
        ),
        ('{% from "macros.html" import links %}{{ links(1, 2, 3) }}', "de macro links krijgt meer waarden dan hij"),
        ('{% from "macros.html" import links %}{{ links(1, deel=2) }}', "de macro links kent geen 'deel'"),
        ('{% from "macros.html" import links %}{{ links(1) }}', "de macro krijgt geen waarde voor 'section'"),
        ('{% extends "macros.html" %}{% extends "macros.html" %}', "het sjabloon heeft meer dan één {% extends %}"),
        ("{% for a, b in [(1, 2, 3)] %}{% endfor %}", "er staan 2 namen vóór 'in' of '=', maar elk element heeft er"),
        ("{% for a, b in [(1,)] %}{% endfor %}", "er staan 2 namen vóór 'in' of '=', maar elk element heeft er 1"),
        ("{% for a, b in [1] %}{% endfor %}", "er staan meer namen vóór 'in' of '=', maar elk element is één waarde"),
        ("{{ 'a'() }}", "dit is een waarde (str), geen functie: laat de haakjes () erachter weg"),
        ("{{ 'jaar ' + 2020 }}", "tekst en een getal of andere waarde gaan niet met + samen: zet ze met ~ aan elkaar"),
        ("{{ 1 | join }}", "dit is één waarde (int), geen lijst om te doorlopen"),
        ("{{ [1, 'a'] | sort }}", "een str en een int zijn niet met elkaar te vergelijken"),
        ("{{ 1 / 0 }}", "hier wordt door nul gedeeld"),
        ("{{ range(3) | batch }}", "batch() krijgt te weinig waarden: 'linecount' ontbreekt"),
        ("{% macro m(a=1, b) %}{% endmacro %}", "in de macro staat een argument zonder standaardwaarde (=) na een met"),
    ],
)
def test_an_error_when_rendered_is_said_in_dutch_with_jinjas_words_after_it(source: str, dutch: str) -> None:
    """A macro imported by a name it no longer has stood as "the template 'macros.html' (imported on line 2) does not
    export the requested name 'downloads'", and Python's "'str' object is not callable" as it was."""
    with pytest.raises((jinja2.TemplateError, TypeError, ValueError, ZeroDivisionError)) as failure:
        STRICT.from_string(source).render()
    message = in_dutch(failure.value, STRICT.list_templates())
    assert message.startswith(dutch)
    assert message.endswith(")") and "(Jinja: " in message
