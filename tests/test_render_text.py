"""Width estimates and wrapping for Latin, CJK, emoji and right-to-left text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeys.render.textmetrics import char_width, is_right_to_left, text_width, widest_word, wrap


def test_wide_letters_are_wider_than_narrow_ones():
    assert text_width("WWWW") > text_width("iiii") * 2
    assert text_width("abc", bold=True) > text_width("abc")


def test_cjk_and_emoji_are_at_least_one_em():
    assert char_width("漢") == 1.0
    assert char_width("😀") >= 1.0
    assert text_width("注文を確認する") == 7.0


def test_joiners_and_accents_add_no_width():
    family = "👨\u200d👩\u200d👧"
    assert text_width(family) == 3 * char_width("👨")
    assert text_width("e\u0301") == text_width("e")


@given(st.text(alphabet=st.sampled_from(list("abc defghij WM.,-漢字かな😀🎉שלוםمرحبا")), max_size=120),
       st.floats(min_value=4, max_value=30))
def test_every_wrapped_line_fits_and_no_text_is_lost(text, width):
    lines = wrap(text, width)
    for line in lines:
        # Only a single character wider than the box may exceed it (nothing narrower exists).
        assert text_width(line) <= width or len(line) == 1
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_long_word_is_broken_only_when_it_alone_is_too_wide():
    lines = wrap("short Supercalifragilisticexpialidocious", 10)
    assert lines[0] == "short"
    assert all(text_width(line) <= 10 for line in lines)
    assert "".join(lines[1:]) == "Supercalifragilisticexpialidocious"


def test_cjk_breaks_between_characters_without_spaces():
    text = "注文内容を確認して配送日が正しいかどうかを何度も見直します"
    lines = wrap(text, 8)
    assert len(lines) == 4
    assert all(text_width(line) <= 8 for line in lines)


def test_cjk_closing_punctuation_never_starts_a_line():
    for width in range(3, 14):
        for line in wrap("\u201cこれで本当に大丈夫かな？\u201d", width):
            assert line[0] not in "？。、\u201d"


def test_emoji_run_wraps_by_estimated_width():
    lines = wrap("🥳" * 12, 6)
    assert all(text_width(line) <= 6 for line in lines)
    assert "".join(lines) == "🥳" * 12


def test_right_to_left_detection_uses_the_first_strong_character():
    assert is_right_to_left("לקוח מחפש עזרה")
    assert is_right_to_left("الزبون يتصل")
    assert is_right_to_left("123 שלום")
    assert not is_right_to_left("Checkout שלום")
    assert not is_right_to_left("12345")


def test_widest_word_is_the_widest_unbreakable_run():
    assert widest_word("a bb WWW") == text_width("WWW")
    assert widest_word("漢字") == 1.0  # CJK can break anywhere: one character is the widest run
