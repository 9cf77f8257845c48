/* test_layout.c - pages as display lines: widths, what can be chosen,
 * sanitizing, the ASCII fallback, and keeping the reading position when
 * the width changes. */
#include "layout.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* A page shaped like the guide's: paragraphs, a titled list whose items
 * link to another page and one of its items, related pages, sources. */
static struct guide_source src = { .id = "summary", .title = "Leg Cramps Summary",
				   .pos = { "f", 1, 1 } };
static struct guide_source_section sec[2] = {
	{ .id = "intro", .title = "Introduction", .pos = { "f", 1, 1 } },
	{ .id = "remedies", .title = "Home remedies", .pos = { "f", 1, 1 } },
};
static struct guide_ref refs[2];
static struct guide_para paras[3];
static struct guide_item items[3], other_items[1];
static struct guide_link item_links[2], page_links[1];
static struct guide_page page, other;

static void build(void)
{
	static const char *const texts[3] = {
		"A leg cramp happens when one or more of the muscles in your leg tighten on their "
		"own, without you meaning them to, and it hurts.",
		"Leg cramps are a common kind of leg pain. Many people get them, and they often "
		"come on suddenly, at night, or after exercise.",
		"The calf is the most common place for a cramp. Caf\xC3\xA9 con leche \xE2\x80\x9C"
		"quoted\xE2\x80\x9D \xE2\x80\x94 and \xE6\xBC\xA2\xE5\xAD\x97 too.",
	};
	size_t i;

	memset(&page, 0, sizeof page);
	memset(&other, 0, sizeof other);
	refs[0] = (struct guide_ref){ "summary/intro", { "f", 1, 1 }, &src, &sec[0] };
	refs[1] = (struct guide_ref){ "summary/remedies", { "f", 1, 1 }, &src, &sec[1] };
	other.id = "prevention";
	other.title = "Preventing the next cramp";
	other.items = other_items;
	other.nitems = 1;
	other.index = 1;
	other_items[0] = (struct guide_item){ .id = "water", .text = "Drink water.",
					      .tip = "Drink enough water through the day.",
					      .page = &other };
	for (i = 0; i < 3; i++)
		paras[i] = (struct guide_para){ .text = texts[i], .refs = &refs[i % 2], .nrefs = 1,
						.pos = { "f", 1, 1 } };
	item_links[0] = (struct guide_link){ "prevention/water", { "f", 1, 1 }, &other,
					     &other_items[0] };
	item_links[1] = (struct guide_link){ "prevention", { "f", 1, 1 }, &other, NULL };
	page_links[0] = (struct guide_link){ "prevention", { "f", 1, 1 }, &other, NULL };
	items[0] = (struct guide_item){ .id = "dehydration",
					.text = "Dehydration. When your body does not have enough "
						"fluid, your muscles do not work as they should.",
					.refs = &refs[1], .nrefs = 1, .links = item_links,
					.nlinks = 2, .page = &page, .index = 0 };
	items[1] = (struct guide_item){ .id = "overuse", .text = "Overusing your muscles.",
					.refs = &refs[0], .nrefs = 1, .page = &page, .index = 1 };
	/* An escape sequence in content must never reach the screen. */
	items[2] = (struct guide_item){ .id = "evil", .text = "Bad \x1b[2J text\x07 here.",
					.page = &page, .index = 2 };
	page.id = "causes";
	page.title = "What causes leg cramps";
	page.paras = paras;
	page.nparas = 3;
	page.list_title = "Things that may lead to cramps";
	page.items = items;
	page.nitems = 3;
	page.links = page_links;
	page.nlinks = 1;
}

static size_t count_kind(const struct layout *L, enum layout_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < L->nblocks; i++)
		n += L->blocks[i].kind == kind;
	return n;
}

static void test_blocks(void **state)
{
	struct layout *L;
	size_t i;

	(void)state;
	build();
	L = layout_page(&page, LAYOUT_BROWSE, false);
	assert_int_equal(L->blocks[0].kind, LAYOUT_TITLE);
	assert_string_equal(L->blocks[0].text, "What causes leg cramps");
	assert_int_equal(count_kind(L, LAYOUT_PARA), 3);
	assert_int_equal(count_kind(L, LAYOUT_ITEM), 3);
	assert_int_equal(count_kind(L, LAYOUT_ITEM_LINK), 2);
	assert_int_equal(count_kind(L, LAYOUT_LINK), 1);
	/* Two sources, each once. */
	assert_int_equal(count_kind(L, LAYOUT_NOTE), 2);
	for (i = 0; i < L->nblocks; i++) {
		const struct layout_block *b = &L->blocks[i];
		bool choosable = b->kind == LAYOUT_ITEM || b->kind == LAYOUT_ITEM_LINK ||
				 b->kind == LAYOUT_LINK;

		assert_int_equal(b->selectable, choosable);
		if (b->kind == LAYOUT_ITEM_LINK || b->kind == LAYOUT_LINK)
			assert_ptr_equal(b->page, &other);
	}
	/* The item link to an item says what the tip is. */
	for (i = 0; i < L->nblocks; i++)
		if (L->blocks[i].kind == LAYOUT_ITEM_LINK && L->blocks[i].item)
			assert_string_equal(L->blocks[i].text,
					    "Preventing the next cramp: Drink enough water through the day.");
	layout_free(L);

	/* The walk-through has no links, and Enter moves on: nothing to choose. */
	L = layout_page(&page, LAYOUT_WALK, false);
	assert_int_equal(count_kind(L, LAYOUT_ITEM), 3);
	assert_int_equal(count_kind(L, LAYOUT_ITEM_LINK), 0);
	assert_int_equal(count_kind(L, LAYOUT_LINK), 0);
	for (i = 0; i < L->nblocks; i++)
		assert_false(L->blocks[i].selectable);
	layout_free(L);
}

static void test_sanitized(void **state)
{
	struct layout *L;
	size_t i;

	(void)state;
	build();
	L = layout_page(&page, LAYOUT_BROWSE, false);
	for (i = 0; i < L->nblocks; i++) {
		const char *t = L->blocks[i].text;
		size_t k;

		assert_int_equal(text_utf8_check(t, L->blocks[i].len), L->blocks[i].len);
		for (k = 0; k < L->blocks[i].len; k++)
			assert_true((unsigned char)t[k] >= 0x20);
	}
	for (i = 0; i < L->nblocks && L->blocks[i].item != &items[2]; i++)
		;
	assert_true(i < L->nblocks);
	assert_string_equal(L->blocks[i].text, "Bad \xEF\xBF\xBD[2J text\xEF\xBF\xBD here.");
	layout_free(L);
}

/* Every line fits the width, lines come in block order, and every block has one. */
static void check_wrap(const struct layout *L, size_t width)
{
	size_t i, block = 0;

	for (i = 0; i < L->nlines; i++) {
		const struct layout_line *ln = &L->lines[i];
		const struct layout_block *b = &L->blocks[ln->block];
		const char *s = ln->note ? b->note : b->text;

		assert_true(ln->block >= block);
		block = ln->block;
		assert_true(i >= b->first && i < b->first + b->nlines);
		if (!ln->blank)
			assert_true(ln->indent + text_width(s + ln->off, ln->len) <= width);
		if (ln->label && b->label)
			assert_true(b->label_col + text_width(b->label, strlen(b->label)) <= width ||
				    width < 8);
	}
	for (i = 0; i < L->nblocks; i++)
		assert_true(L->blocks[i].nlines >= 1);
	assert_int_equal(L->blocks[L->nblocks - 1].first + L->blocks[L->nblocks - 1].nlines,
			 L->nlines);
}

static void test_wrap_widths(void **state)
{
	struct layout *L;
	size_t w;

	(void)state;
	build();
	L = layout_page(&page, LAYOUT_BROWSE, false);
	for (w = 2; w <= 120; w++) {
		layout_wrap(L, w);
		assert_int_equal(L->width, w);
		check_wrap(L, w);
	}
	/* Narrower lines, more of them. */
	layout_wrap(L, 77);
	w = L->nlines;
	layout_wrap(L, 37);
	assert_true(L->nlines > w);
	/* Below 2 counts as 2. */
	layout_wrap(L, 0);
	assert_int_equal(L->width, 2);
	layout_free(L);
}

static void test_labels(void **state)
{
	struct layout *L = layout_new(false);
	struct layout_block *b;

	(void)state;
	b = layout_add(L, LAYOUT_KEY, "Go back to the screen before", 22);
	layout_set_label(L, b, "Backspace, Left, Esc", 0);
	layout_wrap(L, 60);
	/* The keys and their help share a line... */
	assert_int_equal(L->nlines, 1);
	assert_true(L->lines[0].label);
	assert_int_equal(L->lines[0].indent, 22);
	/* ...with a space between them... */
	b->indent = 20;
	layout_wrap(L, 61);
	assert_int_equal(L->nlines, 2);
	/* ...until the help would be squeezed: then the keys get a line of their own. */
	layout_wrap(L, 24);
	assert_true(L->nlines >= 2);
	assert_true(L->lines[0].label);
	assert_int_equal(L->lines[0].len, 0);
	assert_false(L->lines[1].label);
	layout_free(L);
}

/* Width 80, then 40, then 80: whatever block was at the top stays there. */
static void test_keep_position(void **state)
{
	struct layout *L;
	size_t line;

	(void)state;
	build();
	L = layout_page(&page, LAYOUT_BROWSE, false);
	layout_wrap(L, 80);
	for (line = 0; line < L->nlines; line++) {
		size_t block = L->lines[line].block, back;
		struct layout_anchor a;

		layout_wrap(L, 80);
		a = layout_anchor(L, line);
		assert_int_equal(a.block, block);
		layout_wrap(L, 40);
		assert_int_equal(L->lines[layout_anchor_line(L, a)].block, block);
		a = layout_anchor(L, layout_anchor_line(L, a));
		layout_wrap(L, 80);
		back = layout_anchor_line(L, a);
		assert_int_equal(L->lines[back].block, block);
		/* The start of a block comes back exactly. */
		if (line == L->blocks[block].first)
			assert_int_equal(back, line);
	}
	/* Past the end is the last line; an empty layout has no position. */
	assert_int_equal(layout_anchor(L, 100000).block, L->nblocks - 1);
	layout_free(L);
	L = layout_new(false);
	assert_int_equal(layout_anchor(L, 0).block, LAYOUT_NONE);
	assert_int_equal(layout_anchor_line(L, layout_anchor(L, 0)), 0);
	layout_free(L);
}

static void test_line_of(void **state)
{
	struct layout *L;
	size_t b, line;
	const char *t;

	(void)state;
	build();
	L = layout_page(&page, LAYOUT_BROWSE, false);
	layout_wrap(L, 30);
	b = 2; /* the second paragraph */
	t = L->blocks[b].text;
	line = layout_line_of(L, b, (size_t)(strstr(t, "suddenly") - t));
	assert_int_equal(L->lines[line].block, b);
	assert_non_null(strstr(t + L->lines[line].off, "suddenly"));
	assert_true((size_t)(strstr(t, "suddenly") - t) >= L->lines[line].off);
	assert_true((size_t)(strstr(t, "suddenly") - t) < L->lines[line].off + L->lines[line].len);
	assert_int_equal(layout_line_of(L, b, 0), L->blocks[b].first);
	assert_int_equal(layout_text_lines(L, b), L->blocks[b].nlines - 1);
	layout_free(L);
}

static void test_ascii(void **state)
{
	struct layout *L;
	size_t i, k;
	char *s;

	(void)state;
	s = text_ascii("Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 \xC3\x86on\xE2\x80\xA6 "
			 "\xE6\xBC\xA2 e\xCC\x81 \xEF\xBF\xBD",
			 strlen("Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 \xC3\x86on"
				"\xE2\x80\xA6 \xE6\xBC\xA2 e\xCC\x81 \xEF\xBF\xBD"),
			 &i);
	assert_string_equal(s, "Cafe \"quoted\" - AEon... ? e ?");
	assert_int_equal(i, strlen(s));
	free(s);
	assert_string_equal(layout_glyph(GLYPH_BULLET, true), "*");
	assert_string_equal(layout_glyph(GLYPH_ARROW, true), "->");
	assert_string_equal(layout_glyph(GLYPH_ARROW, false), "\xE2\x86\x92");

	/* An ASCII layout holds nothing but printable ASCII. */
	build();
	L = layout_page(&page, LAYOUT_BROWSE, true);
	for (i = 0; i < L->nblocks; i++) {
		const char *t = L->blocks[i].text, *l = L->blocks[i].label;

		for (k = 0; t[k]; k++)
			assert_true(t[k] >= 0x20 && t[k] < 0x7F);
		for (k = 0; l && l[k]; k++)
			assert_true(l[k] >= 0x20 && l[k] < 0x7F);
	}
	layout_wrap(L, 40);
	check_wrap(L, 40);
	layout_free(L);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_sanitized),
		cmocka_unit_test(test_wrap_widths),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_keep_position),
		cmocka_unit_test(test_line_of),
		cmocka_unit_test(test_ascii),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
