import sys
import unicodedata

from django.test import SimpleTestCase

from goldenthread.testing_hostile import FORMULA
from goldenthread.text import CONTROL, LARGEST_KEY, printable, spreadsheet_safe, whole_number


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


class WholeNumberTests(SimpleTestCase):
    def test_only_ascii_digits_a_column_can_hold_are_numbers(self):
        self.assertEqual(whole_number("042"), 42)
        self.assertEqual(whole_number(str(LARGEST_KEY)), LARGEST_KEY)
        # Each of these passes str.isdigit, and each would fail further on.
        for value in ("²", "٣٤", "\uff11\uff12", str(LARGEST_KEY + 1), "9" * 5000):
            with self.subTest(value=value[:20]):
                self.assertIsNone(whole_number(value))
        for value in ("", "-1", "1.0", " 1", "1e3"):
            with self.subTest(value=value):
                self.assertIsNone(whole_number(value))
        self.assertIsNone(whole_number("100", limit=99))


class SpreadsheetSafeTests(SimpleTestCase):
    def test_formulas_are_shown_as_text_and_numbers_stay_numbers(self):
        for formula in FORMULA:
            with self.subTest(formula=formula):
                self.assertEqual(spreadsheet_safe(formula), "'" + formula)
        for number in ("-3", "+1", "-0.25", "42"):
            with self.subTest(number=number):
                self.assertEqual(spreadsheet_safe(number), number)
        self.assertEqual(spreadsheet_safe(-3), -3)
        self.assertEqual(spreadsheet_safe("Ana"), "Ana")
