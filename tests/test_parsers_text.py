"""parsers.text.html_to_text: description HTML → clean text (paragraphs, list items, links as URLs)."""

from __future__ import annotations

import pytest

from parsers.text import html_to_text

CASES = [
    # (id, html, expected)
    ("paragraphs", "<p>Un atelier.</p><p>Deux heures.</p>", "Un atelier.\n\nDeux heures."),
    ("inline markup", "<p>Un <strong>atelier</strong> <em>ouvert</em>.</p>", "Un atelier ouvert."),
    ("nbsp and spaces", "<p>Entrée&nbsp;:   libre\n  et gratuite</p>", "Entrée : libre et gratuite"),
    ("line break", "<p>Matin : plénière<br>Après-midi : ateliers</p>",
     "Matin : plénière\nAprès-midi : ateliers"),
    ("list items", "<p>Au programme :</p><ul><li>accueil</li>\n<li>ateliers</li></ul><p>Fin.</p>",
     "Au programme :\n\n- accueil\n- ateliers\n\nFin."),
    ("ordered list with paragraphs inside", "<ol><li><p>un</p></li><li><p>deux</p><p>bis</p></li></ol>",
     "- un\n- deux\n\nbis"),
    ("link kept as URL", '<p>Voir <a href="https://www.eventbrite.fr/e/123">la page</a>.</p>',
     "Voir la page (https://www.eventbrite.fr/e/123)."),
    ("link whose text is its URL", '<a href="https://etalab.gouv.fr/">https://etalab.gouv.fr</a>',
     "https://etalab.gouv.fr/"),
    ("mailto", '<a href="mailto:lab@ditp.fr">nous écrire</a>', "nous écrire (lab@ditp.fr)"),
    ("anchor link keeps text only", '<a href="#top">haut</a>', "haut"),
    ("scripts and styles dropped", "<p>a</p><script>alert(1)</script><style>p{}</style>", "a"),
    ("comments dropped", "<p>a<!-- b --></p>", "a"),
    ("broken fragment", "<div><p>ouvert <b>sans fermer<li>item", "ouvert sans fermer\n- item"),
    ("stray closing tags", "</div></p>texte</span>", "texte"),
    ("plain text", "texte sans balise", "texte sans balise"),
    ("entities", "<p>L&#39;innovation &amp; vous</p>", "L'innovation & vous"),
    ("table cells", "<table><tr><td>Lieu</td><td>Paris</td></tr></table>", "Lieu Paris"),
    ("headings", "<h3>Programme</h3><p>9h accueil</p>", "Programme\n\n9h accueil"),
]


@pytest.mark.parametrize(("html", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


@pytest.mark.parametrize("empty", [None, "", "   ", "<p></p>", "<script>x</script>", "<!-- rien -->"])
def test_empty_input_gives_empty_text(empty) -> None:
    assert html_to_text(empty) == ""


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        html_to_text(b"<p>bytes</p>")


def test_large_noise_does_not_raise() -> None:
    noise = "<div>" * 500 + "<p>fin</p>" + "<<>>&&;;" * 2000
    assert "fin" in html_to_text(noise)
