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
