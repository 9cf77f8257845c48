/* test_load.c - the loader: one test per kind of error, each asserting the
 * exact message and where it points. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "guide.h"
#include "load.h"
#include "resolve.h"
#include "yfile.h"

/* A small valid guide the tests add one broken file to. */
static const char base[] =
	"guide:\n"
	"  title: Test guide\n"
	"  disclaimer: Not medical advice.\n"
	"  sections: [home, tips]\n"
	"  walkthrough: [home]\n"
	"sources:\n"
	"  - id: doc\n"
	"    title: A document\n"
	"    origin: doc.txt\n"
	"    sections:\n"
	"      - id: one\n"
	"        title: Part one\n"
	"pages:\n"
	"  - id: home\n"
	"    kind: overview\n"
	"    title: Home\n"
	"    paragraphs:\n"
	"      - text: Hello.\n"
	"        sources: [doc/one]\n"
	"  - id: tips\n"
	"    kind: relief\n"
	"    title: Tips\n"
	"    items:\n"
	"      - id: stretch\n"
	"        text: Stretch.\n"
	"        tip: Stretch.\n"
		"        sources: [doc/one]\n";

struct run {
	struct guide *g;
	struct diag d;
};

/* Load base plus `yaml` as x.yaml and resolve references, like a directory load. */
static void load(struct run *r, const char *yaml)
{
	memset(r, 0, sizeof(*r));
	r->g = guide_new();
	assert_true(load_buffer(r->g, "base.yaml", base, strlen(base), &r->d));
	if (load_buffer(r->g, "x.yaml", yaml, strlen(yaml), &r->d))
		resolve_guide(r->g, &r->d);
}

static void done(struct run *r)
{
	guide_free(r->g);
	diag_free(&r->d);
}

/* Assert exactly one message, at line:col, with this text. */
static void expect1(const char *yaml, unsigned line, unsigned col, const char *text)
{
	struct run r;

	load(&r, yaml);
	if (r.d.n != 1 || r.d.v[0].line != line || r.d.v[0].col != col ||
	    strcmp(r.d.v[0].text, text) != 0) {
		size_t i;

		for (i = 0; i < r.d.n; i++)
			print_message("got %s:%u:%u: %s\n", r.d.v[i].file, r.d.v[i].line,
				      r.d.v[i].col, r.d.v[i].text);
		print_message("want x.yaml:%u:%u: %s\n", line, col, text);
		fail();
	}
	assert_string_equal(r.d.v[0].file, "x.yaml");
	done(&r);
}

static void test_valid(void **state)
{
	struct run r;

	(void)state;
	load(&r, "pages:\n  - id: more\n    kind: other\n    title: More\n"
		 "    paragraphs:\n      - text: \"Line\\none,\\n\\n  two.\"\n        sources: [doc/one]\n");
	assert_int_equal(r.d.n, 0);
	assert_int_equal(r.g->npages, 3);
	assert_int_equal(r.g->nitems, 1);
	assert_string_equal(r.g->title, "Test guide");
	/* White space inside text is folded: outputs reflow it anyway. */
	assert_string_equal(r.g->pages[2]->paras[0].text, "Line one, two.");
	assert_ptr_equal(r.g->pages[0]->paras[0].refs[0].section, &r.g->sources[0]->sections[0]);
	assert_ptr_equal(r.g->sections[1].page, r.g->pages[1]);
	done(&r);
}

/* Folding white space, against the plainest fold: random texts of words,
 * single and double spaces, tabs, line breaks, line and paragraph
 * separators and non-ASCII letters, written as double-quoted YAML with
 * escapes, come out with every run of white space as one space and the
 * ends trimmed, wherever the runs fall against the eight-byte steps. */
static void test_fold_differential(void **state)
{
	static const struct {
		const char *yaml, *value;
	} parts[] = {
		{ "a", "a" }, { "Bc", "Bc" }, { " ", " " }, { "  ", "  " }, { "\\t", "\t" },
		{ "\\n", "\n" }, { "\\L", "\xE2\x80\xA8" }, { "\\P", "\xE2\x80\xA9" },
		{ "\xC3\xA9", "\xC3\xA9" }, { "\xE2\x80\x94", "\xE2\x80\x94" }, { ".", "." },
		{ "word ", "word " }, { "~", "~" }, { "12345678", "12345678" },
	};
	unsigned seed = 2026;
	int round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		char yaml[1024], value[512], want[512];
		size_t yn, vn = 0, wn = 0, i, count;
		struct run r;
		int space = 0;

		yn = (size_t)snprintf(yaml, sizeof yaml,
				      "pages:\n  - id: more\n    kind: other\n    title: More\n"
				      "    paragraphs:\n      - text: \"x");
		value[vn++] = 'x';
		seed = seed * 1103515245u + 12345u;
		count = (seed >> 16) % 40;
		for (i = 0; i < count; i++) {
			size_t k;

			seed = seed * 1103515245u + 12345u;
			k = (seed >> 16) % (sizeof parts / sizeof *parts);
			yn += (size_t)snprintf(yaml + yn, sizeof yaml - yn, "%s", parts[k].yaml);
			vn += (size_t)snprintf(value + vn, sizeof value - vn, "%s", parts[k].value);
		}
		snprintf(yaml + yn, sizeof yaml - yn, "\"\n        sources: [doc/one]\n");
		for (i = 0; i < vn;) {
			unsigned char c = (unsigned char)value[i];
			size_t k = c == 0xE2 && (unsigned char)value[i + 1] == 0x80 &&
					   ((unsigned char)value[i + 2] == 0xA8 ||
					    (unsigned char)value[i + 2] == 0xA9)
				   ? 3
				   : 0;

			if (k || c == ' ' || c == '\t' || c == '\n') {
				space = wn > 0;
				i += k ? k : 1;
				continue;
			}
			if (space)
				want[wn++] = ' ';
			space = 0;
			want[wn++] = value[i++];
		}
		want[wn] = '\0';
		load(&r, yaml);
		if (r.d.n) {
			print_message("%s: %s\n", yaml, r.d.v[0].text);
			fail();
		}
		assert_string_equal(r.g->pages[2]->paras[0].text, want);
		done(&r);
	}
}

static void test_syntax(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n   kind: other\n", 3, 4,
		"did not find expected '-' indicator while parsing a block collection (started at line 2, column 3)");
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    title: \"Open\n", 4, 1,
		"found unexpected end of stream while scanning a quoted scalar (started at line 3, column 12)");
}

static void test_wrong_type(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: {x: 1}\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		4, 12, "expected a string for 'title', found a mapping");
	expect1("pages: oops\n", 1, 8, "expected a list for 'pages', found a string");
	expect1("pages:\n  - [a]\n", 2, 5, "expected a mapping for a page, found a list");
	expect1("- a\n", 1, 1,
		"expected a mapping with 'guide', 'sources' or 'pages' at the top of the file, found a list");
}

static void test_missing_key(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    paragraphs: [{text: T, sources: [doc/one]}]\n",
		2, 5, "missing 'title' in a page; add it");
}

static void test_unknown_key(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n    titel: B\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		5, 5, "unknown key 'titel' in a page (did you mean 'title'?)");
	expect1("sources:\n  - id: b\n    title: B\n    origin: o\n    colour: red\n"
		"    sections: [{id: s, title: S}]\n",
		5, 5, "unknown key 'colour' in a source; the known keys are: id, kind, title, description, publisher, origin, about, sections");
}

static void test_duplicate_key(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n    title: B\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		5, 5, "duplicate key 'title' (first given at line 4, column 5); keep one");
}

static void test_duplicate_ids(void **state)
{
	(void)state;
	expect1("pages:\n  - id: home\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		2, 5, "duplicate page id 'home' (first in base.yaml at line 14); ids must be unique");
	expect1("pages:\n  - id: a\n    kind: relief\n    title: A\n    items:\n"
		"      - {id: x, text: X, tip: X, sources: [doc/one]}\n"
		"      - {id: x, text: Y, tip: Y, sources: [doc/one]}\n",
		7, 9, "duplicate item id 'x' on page 'a' (first at line 6); ids must be unique");
	expect1("sources:\n  - {id: doc, title: D, origin: o, sections: [{id: s, title: S}]}\n",
		2, 5, "duplicate source id 'doc' (first in base.yaml at line 7); ids must be unique");
}

static void test_bad_id(void **state)
{
	(void)state;
	expect1("pages:\n  - id: Foo Bar\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		2, 9, "invalid id 'Foo Bar' for 'id'; use 1 to 64 of a-z, 0-9 and '-', starting with a letter");
}

static void test_bad_kind(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: relif\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		3, 11, "unknown page kind 'relif' (did you mean 'relief'?)");
}

static void test_missing_tip(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: prevention\n    title: A\n    items:\n"
		"      - id: x\n        text: X\n        sources: [doc/one]\n",
		6, 9, "missing 'tip' in an item; add it");
}

static void test_bad_bool(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: relief\n    title: A\n    items:\n"
		"      - {id: x, text: X, tip: X, default: yes, sources: [doc/one]}\n",
		6, 43, "expected true or false for 'default', found 'yes'");
	/* A list is named against what 'default' takes, not "a string". */
	expect1("pages:\n  - id: a\n    kind: relief\n    title: A\n    items:\n"
		"      - {id: x, text: X, tip: X, default: [true], sources: [doc/one]}\n",
		6, 43, "expected true or false for 'default', found a list");
}

static void test_empty_page(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n", 2, 5,
		"the page has neither 'paragraphs' nor 'items'; give it some text");
}

static void test_dangling(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n    links: [tipz]\n",
		6, 13, "link 'tipz': there is no page 'tipz' (did you mean 'tips'?)");
	expect1("pages:\n  - id: a\n    kind: causes\n    title: A\n    items:\n"
		"      - {id: c, text: C, sources: [doc/one], links: [tips/strech]}\n",
		6, 54, "link 'tips/strech': page 'tips' has no item 'strech' (did you mean 'stretch'?)");
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [dock/one]}]\n",
		5, 38, "source reference 'dock/one': there is no source 'dock' (did you mean 'doc'?)");
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc/two]}]\n",
		5, 38, "source reference 'doc/two': source 'doc' has no section 'two'; check its 'sections'");
	expect1("pages:\n  - id: a\n    kind: other\n    title: A\n"
		"    paragraphs: [{text: T, sources: [doc]}]\n",
		5, 38, "invalid source reference 'doc'; write SOURCE/SECTION, for example summary/remedies");
}

static void test_second_guide(void **state)
{
	(void)state;
	expect1("guide:\n  title: T\n  disclaimer: D\n  sections: [home]\n  walkthrough: [home]\n",
		2, 3, "a second 'guide' mapping (the first is in base.yaml at line 2, column 3); keep one");
}

static void test_sheet(void **state)
{
	struct run r;

	(void)state;
	load(&r, "pages: []\n");
	assert_null(r.g->sheet.title);
	done(&r);
	memset(&r, 0, sizeof(r));
	r.g = guide_new();
	assert_false(load_buffer(r.g, "x.yaml",
				 "guide:\n  title: T\n  disclaimer: D\n  sections: [a]\n  walkthrough: [a]\n"
				 "  sheet:\n    title: S\n    relief: R\n    prevention: P\n    causes: C\n",
				 strlen("guide:\n  title: T\n  disclaimer: D\n  sections: [a]\n  walkthrough: [a]\n"
					"  sheet:\n    title: S\n    relief: R\n    prevention: P\n    causes: C\n"),
				 &r.d));
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.v[0].line, 7);
	assert_int_equal(r.d.v[0].col, 5);
	assert_string_equal(r.d.v[0].text, "missing 'treatment' in 'sheet'; add it");
	assert_string_equal(r.g->sheet.heading[GUIDE_RELIEF], "R");
	done(&r);
}

static void test_alias(void **state)
{
	(void)state;
	expect1("pages:\n  - &p\n    id: a\n", 2, 5,
		"anchor '&p' is not allowed; content never needs anchors or aliases, write the text out in full");
	expect1("pages: [*p]\n", 1, 9,
		"alias '*p' is not allowed; content never needs anchors or aliases, write the text out in full");
}

static void test_tag(void **state)
{
	(void)state;
	expect1("pages: !!seq []\n", 1, 8,
		"tag '!!seq' is not allowed; remove it (content needs no tags)");
}

static void test_depth(void **state)
{
	(void)state;
	expect1("pages: [[[[[[[[[]]]]]]]]]\n", 1, 15,
		"nested more than 8 levels deep; content never needs more, check the indentation");
}

static void test_depth_huge(void **state)
{
	/* 100,000 levels must be refused at level 9, not parsed. */
	size_t n = 100000, i;
	char *s = malloc(2 * n + 16);

	(void)state;
	strcpy(s, "pages: ");
	for (i = 0; i < n; i++)
		s[7 + i] = '[';
	s[7 + n] = '\0';
	expect1(s, 1, 15, "nested more than 8 levels deep; content never needs more, check the indentation");
	free(s);
}

static void test_too_many_values(void **state)
{
	/* "a," is two bytes but a whole node: the cap keeps memory in proportion. */
	size_t n = 300000, i;
	char *s = malloc(2 * n + 16);

	(void)state;
	strcpy(s, "pages: [");
	for (i = 0; i < n; i++)
		memcpy(s + 8 + 2 * i, "a,", 2);
	strcpy(s + 8 + 2 * n, "a]\n");
	expect1(s, 1, 500003, "more than 250000 values in one file; split it into smaller files");
	free(s);
}

static void test_two_documents(void **state)
{
	(void)state;
	expect1("pages: []\n---\npages: []\n", 2, 1,
		"a second document ('---') in one file; put it in a file of its own");
}

static void test_empty_file(void **state)
{
	(void)state;
	expect1("# only a comment\n", 0, 0,
		"the file is empty; give it 'pages:' (or 'guide:', 'sources:') or delete it");
}

static void test_bytes(void **state)
{
	struct run r;

	(void)state;
	expect1("pages: [\xff]\n", 1, 9, "invalid UTF-8 (byte 0xFF); save the file as UTF-8 text");
	expect1("pages:\n  \x01\n", 2, 3, "control character U+0001 is not allowed; delete it");
	expect1("\xff\xfep\0a\0", 1, 1, "the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)");
	memset(&r, 0, sizeof(r));
	r.g = guide_new();
	assert_false(load_buffer(r.g, "x.yaml", "a: \0b\n", 6, &r.d));
	assert_int_equal(r.d.n, 1);
	assert_int_equal(r.d.v[0].line, 1);
	assert_int_equal(r.d.v[0].col, 4);
	assert_string_equal(r.d.v[0].text, "NUL byte; content files are plain text (is this a binary file?)");
	done(&r);
}

/* Line breaks counted as libyaml counts them (CR LF, CR, NEL, LS), after a
 * byte-order mark, and columns in characters, both ways. */
static void test_yfile_positions(void **state)
{
	static const char s[] = "\xEF\xBB\xBF" "a\r\nb\rc\xC2\x85" "d\xE2\x80\xA8" "\xC3\xA9x";
	struct yfile f;
	struct diag d = { NULL, 0, 0 };
	unsigned line, col;

	(void)state;
	yfile_copy(&f, "p.yaml", s, sizeof(s) - 1);
	assert_int_equal(yfile_nlines(&f), 5);
	yfile_position(&f, 3, &line, &col);
	assert_true(line == 1 && col == 1);
	yfile_position(&f, 9, &line, &col);
	assert_true(line == 3 && col == 2);
	yfile_position(&f, 17, &line, &col);
	assert_true(line == 5 && col == 2);
	yfile_position(&f, f.len, &line, &col);
	assert_true(line == 5 && col == 3);
	assert_int_equal(yfile_offset(&f, 3, 2), 9);
	assert_int_equal(yfile_offset(&f, 5, 3), f.len);
	assert_int_equal(yfile_offset(&f, 6, 1), f.len);
	assert_int_equal(yfile_offset(&f, 0, 1), f.len);
	assert_true(yfile_has_nel(&f));
	assert_false(yfile_check(&f, &d, 20));
	assert_int_equal(diag_count(&d), 1);
	assert_true(d.v[0].line == 3 && d.v[0].col == 2);
	diag_at(&d, "p.yaml", 9, 9, "another");
	diag_truncate(&d, 1);
	assert_int_equal(diag_count(&d), 1);
	assert_string_equal(d.v[0].text, "control character U+0085 is not allowed; delete it");
	diag_free(&d);
	yfile_free(&f);
}

static void test_lint(void **state)
{
	(void)state;
	expect1("pages:\n  - id: a\n    kind: other\n    title: \"Bad \\e[31m\"\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		4, 17, "control character U+001B in 'title' (written as '\\e'); delete it");
	expect1("pages:\n  - id: a\n    kind: other\n    title: Bad \xe2\x80\xae here\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		4, 16, "bidirectional control U+202E in 'title'; delete it");
	/* The scraped source's look-alike spelling, at the word's own column. */
	expect1("pages:\n  - id: a\n    kind: other\n    title: \xd0\x85\xd1\x83m\xd1\x80t\xd0\xbem\xd1\x95 of leg\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		4, 12, "the word '\xd0\x85\xd1\x83m\xd1\x80t\xd0\xbem\xd1\x95' in 'title' mixes Latin and Cyrillic letters (U+0405 looks like a Latin letter but is not); retype it");
	expect1("pages:\n  - id: a\n    kind: other\n    title: \"\"\n"
		"    paragraphs: [{text: T, sources: [doc/one]}]\n",
		4, 12, "empty text for 'title'; write something or remove the key");
}

static void test_all_errors_reported(void **state)
{
	struct run r;

	(void)state;
	load(&r, "pages:\n  - id: a\n    kind: nope\n    titel: A\n"
		 "    paragraphs: [{text: T, sources: [doc/one]}]\n"
		 "  - id: B\n    kind: other\n    title: B\n"
		 "    paragraphs: [{text: T, sources: [doc/one]}]\n");
	assert_int_equal(r.d.n, 4);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_fold_differential),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_wrong_type),
		cmocka_unit_test(test_missing_key),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_bad_id),
		cmocka_unit_test(test_bad_kind),
		cmocka_unit_test(test_missing_tip),
		cmocka_unit_test(test_bad_bool),
		cmocka_unit_test(test_empty_page),
		cmocka_unit_test(test_dangling),
		cmocka_unit_test(test_second_guide),
		cmocka_unit_test(test_sheet),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_tag),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_depth_huge),
		cmocka_unit_test(test_too_many_values),
		cmocka_unit_test(test_two_documents),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test(test_yfile_positions),
		cmocka_unit_test(test_lint),
		cmocka_unit_test(test_all_errors_reported),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
