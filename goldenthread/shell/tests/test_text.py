import sys
import unicodedata

from django.test import SimpleTestCase

from goldenthread.text import CONTROL, printable


class PrintableTests(SimpleTestCase):
    def test_the_pattern_is_exactly_unicode_category_cc(self):
        every = (chr(point) for point in range(sys.maxunicode + 1))
        by_unicodedata = {ch for ch in every if unicodedata.category(ch) == "Cc"}
        by_pattern = {chr(point) for point in range(0x100) if CONTROL.fullmatch(chr(point))}
        self.assertEqual(by_pattern, by_unicodedata)

    def test_control_characters_go_and_everything_else_stays(self):
        self.assertEqual(printable("Ana\x00 Re\x1b[31myes\x85"), "Ana Re[31myes")
        # Format characters (a zero-width joiner in an emoji) are kept.
        self.assertEqual(printable("Zoë 👩\u200d👩"), "Zoë 👩\u200d👩")

    def test_notes_keep_their_line_breaks_as_newlines(self):
        self.assertEqual(printable("one\r\ntwo\rthree\n", keep_newlines=True), "one\ntwothree\n")
        self.assertEqual(printable("one\r\ntwo", 5), "onetw")
