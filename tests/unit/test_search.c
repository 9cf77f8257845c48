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

#include "layout.h"
#include "text.h"

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

/* The first match by the plainest method: at every character, fold and
 * compare code point by code point. */
static long naive(const char *s, size_t n, const char *q, size_t qn, size_t from, size_t *len)
{
	size_t i = from;

	while (i < n) {
		size_t a = i, b = 0;
		int32_t x = 0, y = 0;

		while (b < qn && a < n) {
			a += text_decode(s + a, n - a, &x);
			b += text_decode(q + b, qn - b, &y);
			if (search_fold(x) != search_fold(y))
				break;
		}
		if (b == qn && search_fold(x) == search_fold(y)) {
			*len = a - i;
			return (long)i;
		}
		i += text_decode(s + i, n - i, NULL);
	}
	return -1;
}

/* Long texts of a few letters in both cases, quotes and accents, against
 * the plain method: the sixteen-at-a-time scan must find the same first
 * match, also where it lies in the last bytes a wide load cannot reach. */
static void test_find_differential(void **state)
{
	static const char *const parts[] = { "a", "A", "b", "B", "m", "M", "g", "-", " ", "'",
					     "\xE2\x80\x99", "\xC3\xA9", "\xC3\x89", "\xD0\x90", "\x01",
					     "A" };
	static const char *const queries[] = { "ab", "AB", "a", "m-", "mag", "b'a", "b\xE2\x80\x99",
					       "\xC3\xA9" "a", "a\xC3\xA9", "'a", " m", "\xD0\xB0" "b", "gg",
					       "ba ", "-" };
	char s[200];
	unsigned seed = 12345;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t n = 0, k, qi, from, off = 0, len = 0, nlen = 0;
		size_t want = (size_t)(seed % 70);
		long ref;
		bool found;

		while (n < want) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = parts[(seed >> 16) % (sizeof parts / sizeof *parts)];
			k = strlen(p);
			memcpy(s + n, p, k);
			n += k;
		}
		seed = seed * 1103515245u + 12345u;
		qi = (seed >> 16) % (sizeof queries / sizeof *queries);
		from = n ? (seed >> 8) % (n + 1) : 0;
		/* Start only on a character. */
		while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
			from++;
		ref = naive(s, n, queries[qi], strlen(queries[qi]), from, &nlen);
		found = search_find(s, n, queries[qi], strlen(queries[qi]), from, &off, &len);
		if (ref < 0) {
			assert_false(found);
		} else {
			assert_true(found);
			assert_int_equal(off, (size_t)ref);
			assert_int_equal(len, nlen);
		}
	}
}

static void test_guide(void **state)
{
	struct guide_para paras[2] = { { .text = "Stretch. Then stretch again." },
				       { .text = "Drink water." } };
	struct guide_item items[1] = { { .text = "STRETCH the calf" } };
	struct guide_link link = { 0 };
	struct guide_page pg[2] = {
		{ .title = "Cramps", .paras = paras, .nparas = 2 },
		{ .title = "Ease it", .list_title = "What stretches", .items = items, .nitems = 1,
		  .links = &link, .nlinks = 1 },
	};
	const struct guide_page *pages[2] = { &pg[0], &pg[1] };
	struct search_hit *hits = NULL;
	size_t n;

	(void)state;
	link.page = &pg[0];
	n = search_guide(pages, 2, "stretch", 7, &hits);
	assert_int_equal(n, 4);
	assert_int_equal(hits[0].page, 0);
	assert_int_equal(hits[0].text, 1);
	assert_int_equal(hits[0].nth, 0);
	assert_int_equal(hits[0].off, 0);
	assert_int_equal(hits[1].page, 0);
	assert_int_equal(hits[1].text, 1);
	assert_int_equal(hits[1].nth, 1);
	assert_int_equal(hits[1].off, 14);
	/* The list title, then the item; the link's text ("Cramps") is not searched. */
	assert_int_equal(hits[2].page, 1);
	assert_int_equal(hits[2].text, 1);
	assert_int_equal(hits[2].off, 5);
	assert_int_equal(hits[3].page, 1);
	assert_int_equal(hits[3].text, 2);
	assert_int_equal(hits[3].len, 7);
	free(hits);

	n = search_guide(pages, 2, "cramps", 6, &hits);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].page, 0);
	assert_int_equal(hits[0].text, 0);
	free(hits);

	n = search_guide(pages, 2, "magnesium", 9, &hits);
	assert_int_equal(n, 0);
	assert_null(hits);
}

/* layout_search_text() lists exactly the blocks layout_page() marks
 * searchable, in their order: the search runs on the one and shows its
 * matches in the other. */
static void test_search_texts_match_layout(void **state)
{
	struct guide_para paras[2] = { { .text = "One." }, { .text = "Two." } };
	struct guide_item items[2] = { { .text = "First" }, { .text = "Second" } };
	struct guide_link link = { 0 };
	struct guide_page pg[4] = {
		{ .title = "Full", .paras = paras, .nparas = 2, .list_title = "List",
		  .items = items, .nitems = 2, .links = &link, .nlinks = 1 },
		{ .title = "No list title", .items = items, .nitems = 2 },
		{ .title = "A list title but no items", .list_title = "List" },
		{ .title = "Title only" },
	};
	size_t p;
	int mode;

	(void)state;
	link.page = &pg[3];
	items[0].page = items[1].page = &pg[0];
	for (mode = 0; mode < 2; mode++) {
		for (p = 0; p < 4; p++) {
			struct layout *L = layout_page(&pg[p], mode ? LAYOUT_WALK : LAYOUT_BROWSE,
						       false);
			size_t b, k = 0;

			for (b = 0; b < L->nblocks; b++) {
				if (!L->blocks[b].searchable)
					continue;
				assert_non_null(layout_search_text(&pg[p], k));
				assert_string_equal(L->blocks[b].text, layout_search_text(&pg[p], k));
				k++;
			}
			assert_null(layout_search_text(&pg[p], k));
			layout_free(L);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_differential),
		cmocka_unit_test(test_guide),
		cmocka_unit_test(test_search_texts_match_layout),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
