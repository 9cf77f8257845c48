/* test_search.c - case-insensitive, UTF-8 aware matching, and the list of
 * matches across layouts. */
#include "search.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

/* Find q in s from byte `from`; return the offset, or -1. */
static long find(const char *s, const char *q, size_t from, size_t *len)
{
	size_t off, l = 0;

	if (!search_find(s, strlen(s), q, strlen(q), from, &off, &l))
		return -1;
	if (len)
		*len = l;
	return (long)off;
}

static void test_fold(void **state)
{
	(void)state;
	assert_int_equal(search_fold('A'), 'a');
	assert_int_equal(search_fold('z'), 'z');
	assert_int_equal(search_fold('1'), '1');
	assert_int_equal(search_fold(0xC9), 0xE9);   /* É é */
	assert_int_equal(search_fold(0xD7), 0xD7);   /* × has no case */
	assert_int_equal(search_fold(0xDE), 0xFE);   /* Þ þ */
	assert_int_equal(search_fold(0x0160), 0x0161); /* Š š */
	assert_int_equal(search_fold(0x0179), 0x017A); /* Ź ź */
	assert_int_equal(search_fold(0x0178), 0xFF);   /* Ÿ ÿ */
	assert_int_equal(search_fold(0x0391), 0x03B1); /* Α α */
	assert_int_equal(search_fold(0x03C2), 0x03C3); /* ς σ */
	assert_int_equal(search_fold(0x0410), 0x0430); /* А а */
	assert_int_equal(search_fold(0x0401), 0x0451); /* Ё ё */
	assert_int_equal(search_fold(0x2019), '\'');
	assert_int_equal(search_fold(0x201C), '"');
}

static void test_find(void **state)
{
	size_t len;

	(void)state;
	assert_int_equal(find("Eat potassium-rich foods", "POTASSIUM", 0, &len), 4);
	assert_int_equal(len, 9);
	assert_int_equal(find("Eat potassium-rich foods", "potassium", 5, NULL), -1);
	assert_int_equal(find("leg cramps, Leg CRAMPS", "leg cramps", 1, NULL), 12);
	/* Accented letters fold too, and offsets are bytes. */
	assert_int_equal(find("un caf\xC3\xA9 cr\xC3\xA8me", "CAF\xC3\x89", 0, &len), 3);
	assert_int_equal(len, 5);
	assert_int_equal(find("un caf\xC3\xA9 cr\xC3\xA8me", "CR\xC3\x88ME", 0, &len), 9);
	assert_int_equal(len, 6);
	/* Typographic apostrophes match the ASCII one, both ways. */
	assert_int_equal(find("a good night\xE2\x80\x99s rest", "night's", 0, &len), 7);
	assert_int_equal(len, 9);
	assert_int_equal(find("a good night's rest", "night\xE2\x80\x99s", 0, &len), 7);
	assert_int_equal(len, 7);
	/* A match never starts inside a character. */
	assert_int_equal(find("\xC3\xA9", "\xA9", 0, NULL), -1);
	assert_int_equal(find("\xE2\x80\x94x", "x", 1, NULL), 3);
	/* Nothing to find, or nothing to find it in. */
	assert_int_equal(find("text", "", 0, NULL), -1);
	assert_int_equal(find("", "a", 0, NULL), -1);
	assert_int_equal(find("abc", "abcd", 0, NULL), -1);
	assert_int_equal(find("abc", "c", 10, NULL), -1);
}

static void test_layouts(void **state)
{
	struct layout *L[2];
	struct search_hit *hits = NULL;
	struct layout_block *b;
	size_t n;

	(void)state;
	L[0] = layout_new(false);
	layout_add(L[0], LAYOUT_TITLE, "Cramps", 0)->searchable = true;
	layout_add(L[0], LAYOUT_PARA, "Stretch. Then stretch again.", 0)->searchable = true;
	/* Links repeat other pages' words: not searched. */
	b = layout_add(L[0], LAYOUT_LINK, "Stretch before bed", 0);
	b->searchable = false;
	L[1] = layout_new(false);
	layout_add(L[1], LAYOUT_ITEM, "STRETCH the calf", 2)->searchable = true;

	n = search_layouts(L, 2, "stretch", 7, &hits);
	assert_int_equal(n, 3);
	assert_int_equal(hits[0].layout, 0);
	assert_int_equal(hits[0].block, 1);
	assert_int_equal(hits[0].off, 0);
	assert_int_equal(hits[1].layout, 0);
	assert_int_equal(hits[1].block, 1);
	assert_int_equal(hits[1].off, 14);
	assert_int_equal(hits[2].layout, 1);
	assert_int_equal(hits[2].block, 0);
	assert_int_equal(hits[2].len, 7);
	free(hits);

	n = search_layouts(L, 2, "magnesium", 9, &hits);
	assert_int_equal(n, 0);
	assert_null(hits);
	layout_free(L[0]);
	layout_free(L[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_layouts),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
