/* test_tips.c - the tip sheet built from the bundled content: what is on it
 * with nothing, some and everything marked, its size limits, and escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "guide.h"
#include "load.h"
#include "text.h"
#include "sheet.h"
#include "tips.h"

static struct guide *g;

static int setup(void **state)
{
	struct diag d = { NULL, 0, 0 };

	(void)state;
	g = load_guide("content", &d);
	diag_free(&d);
	return g ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	guide_free(g);
	return 0;
}

static size_t count_lines(const char *s, size_t *widest)
{
	size_t n = 0;

	*widest = 0;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s), w = text_width(s, len);

		if (w > *widest)
			*widest = w;
		n++;
		s += len + (nl != NULL);
	}
	return n;
}

/* The sheet of guide h for the chosen ids (NULL: none), in `format`; the marks it counts in counted[0] (tips) and counted[1] (causes) when counted is not NULL. */
static char *render(const struct guide *h, const struct sheet_marks *m, enum tips_format format,
		    bool ascii, size_t *len, size_t *counted)
{
	struct sheet s;
	char *buf;

	sheet_build(&s, h, m, "2026-01-02");
	buf = tips_render(&s, format, ascii, len);
	if (counted) {
		counted[0] = s.ntips;
		counted[1] = s.ncauses;
	}
	sheet_free(&s);
	return buf;
}

static void test_default_fits_one_page(void **state)
{
	size_t len, widest;
	char *s = render(g, NULL, TIPS_TEXT, false, &len, NULL);

	(void)state;
	assert_int_equal(strlen(s), len);
	assert_true(count_lines(s, &widest) <= 60);
	assert_true(widest <= TIPS_WIDTH);
	/* The default set, from the content's 'default: true' items. */
	assert_non_null(strstr(s, "\n  * Stretch the cramped muscle gently.\n"));
	assert_non_null(strstr(s, "\n2026-01-02\n"));
	assert_non_null(strstr(s, "not medical advice"));
	assert_non_null(strstr(s, "Sources: Leg Cramps Summary;"));
	/* Nothing ticked: no causes part. */
	assert_null(strstr(s, "What may be behind yours"));
	free(s);
}

static void test_marks_replace_defaults(void **state)
{
	const char *tips[] = { "prevention/potassium-foods" };
	const char *causes[] = { "causes/dehydration" };
	struct sheet_marks m = { tips, 1, causes, 1 };
	size_t counted[2];
	size_t len;
	char *s = render(g, &m, TIPS_TEXT, false, &len, counted);
	const char *prev = strstr(s, "To prevent cramps\n"), *behind = strstr(s, "What may be behind yours\n");
	char *prevention;

	(void)state;
	assert_non_null(prev);
	assert_non_null(behind);
	/* The marked prevention tip alone, not the defaults... */
	assert_true(prev < behind);
	prevention = strndup(prev, (size_t)(behind - prev));
	assert_non_null(strstr(prevention, "  * Eat potassium-rich foods"));
	assert_null(strstr(prevention, "Drink enough water through the day."));
	free(prevention);
	/* ...relief keeps its defaults, nothing there being marked... */
	assert_non_null(strstr(s, "  * Stretch the cramped muscle gently."));
	/* ...and the ticked cause brings the tips it links to. */
	assert_non_null(strstr(behind, "      - Drink enough water through the day."));
	assert_int_equal(counted[0], 1);
	assert_int_equal(counted[1], 1);
	free(s);
}

/* A saved mark on something that cannot be marked (a "When to get help"
 * line, a tip under a cause's list, an id the content lacks) is neither
 * shown nor counted, and the safety criteria always stay on the sheet. */
static void test_unmarkable_marks_ignored(void **state)
{
	const char *tips[] = { "treatment/blood-tests", "causes/dehydration", "nope/gone",
			       "prevention", "relief/stretch-the-muscle/x" };
	const char *causes[] = { "prevention/potassium-foods", "treatment/see-a-professional" };
	struct sheet_marks m = { tips, 5, causes, 2 };
	size_t counted[2];
	size_t len, dlen;
	char *s = render(g, &m, TIPS_TEXT, false, &len, counted);
	char *d = render(g, NULL, TIPS_TEXT, false, &dlen, NULL);

	(void)state;
	assert_int_equal(counted[0], 0);
	assert_int_equal(counted[1], 0);
	/* The very sheet nothing marked gives, defaults and all. */
	assert_string_equal(s, d);
	assert_non_null(strstr(s, "Get help urgently if a cramp lasts longer than 10 minutes."));
	assert_non_null(strstr(s, "Get help urgently if you may have tetanus from a wound."));
	assert_non_null(strstr(s, "See a doctor if cramps often spoil your sleep."));
	assert_non_null(strstr(s, "See a doctor if cramps go on despite home remedies."));
	assert_null(strstr(s, "blood tests"));
	free(s);
	free(d);
}

static void test_everything_marked(void **state)
{
	char **ids = calloc(g->nitems, sizeof(*ids));
	const char **tips = calloc(g->nitems, sizeof(*tips));
	const char **causes = calloc(g->nitems, sizeof(*causes));
	struct sheet_marks m = { tips, 0, causes, 0 };
	size_t i, j, k = 0, len, widest, lines;
	char *s;

	(void)state;
	for (i = 0; i < g->npages; i++) {
		for (j = 0; j < g->pages[i]->nitems; j++) {
			const struct guide_item *it = &g->pages[i]->items[j];

			ids[k] = malloc(strlen(g->pages[i]->id) + strlen(it->id) + 2);
			sprintf(ids[k], "%s/%s", g->pages[i]->id, it->id);
			if (g->pages[i]->kind == GUIDE_CAUSES)
				causes[m.ncauses++] = ids[k];
			else if (it->tip)
				tips[m.ntips++] = ids[k];
			k++;
		}
	}
	s = render(g, &m, TIPS_TEXT, false, &len, NULL);
	lines = count_lines(s, &widest);
	assert_true(widest <= TIPS_WIDTH);
	/* Twice the default sheet's 27 lines or so, still 80 columns. */
	assert_true(lines > 45);
	free(s);
	for (i = 0; i < k; i++)
		free(ids[i]);
	free(ids);
	free(tips);
	free(causes);
}

static void test_formats(void **state)
{
	enum tips_format f;
	size_t len;
	char *s;

	(void)state;
	assert_true(tips_format_from_name("markdown", &f));
	assert_int_equal(f, TIPS_MARKDOWN);
	assert_false(tips_format_from_name("pdf", &f));
	s = render(g, NULL, TIPS_MARKDOWN, false, &len, NULL);
	assert_true(strncmp(s, "# My leg cramp tip sheet\n", 25) == 0);
	assert_non_null(strstr(s, "\n## During a cramp\n\n- Stretch the cramped muscle gently.\n"));
	free(s);
	s = render(g, NULL, TIPS_HTML, false, &len, NULL);
	assert_true(strncmp(s, "<!DOCTYPE html>\n", 16) == 0);
	assert_non_null(strstr(s, "<h2>During a cramp</h2>"));
	assert_non_null(strstr(s, "Get help urgently if a cramp lasts longer than 10 minutes."));
	assert_non_null(strstr(s, "@page"));
	assert_non_null(strstr(s, "</html>\n"));
	free(s);
}

/* Hostile wording: markup in every format stays text. */
static void test_escaping(void **state)
{
	static const char yaml[] =
		"guide:\n  title: \"A <b>&\\\"quoted\\\"</b> 'sheet'\"\n  disclaimer: \"*Not* advice_\"\n"
		"  sections: [r]\n  walkthrough: [r]\n"
		"sources: [{id: s, title: \"S <i>\", origin: o, sections: [{id: a, title: A}]}]\n"
		"pages:\n  - id: r\n    kind: relief\n    title: R\n    items:\n"
		"      - {id: a, text: T, tip: \"# 1. [x](y) `z` <script>\", sources: [s/a]}\n"
		"      - {id: b, text: T, tip: \"12. not a list\", sources: [s/a]}\n";
	struct guide *h = guide_new();
	struct diag d = { NULL, 0, 0 };
	size_t len;
	char *s;

	(void)state;
	assert_true(load_buffer(h, "x.yaml", yaml, strlen(yaml), &d));
	s = render(h, NULL, TIPS_HTML, false, &len, NULL);
	assert_null(strstr(s, "<b>"));
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "A &lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt; &#39;sheet&#39;"));
	free(s);
	s = render(h, NULL, TIPS_MARKDOWN, false, &len, NULL);
	assert_non_null(strstr(s, "- \\# 1. \\[x\\](y) \\`z\\` \\<script\\>\n"));
	assert_non_null(strstr(s, "- 12\\. not a list\n"));
	assert_non_null(strstr(s, "\\*Not\\* advice\\_"));
	free(s);
	guide_free(h);
	diag_free(&d);
}

/* The text sheet for a locale without UTF-8: ASCII letters, made before
 * wrapping, so a notice whose every ellipsis grows to three dots still
 * stays within the sheet's width. */
static void test_ascii(void **state)
{
	static const char yaml[] =
		"guide:\n  title: \"Caf\u00e9 \u201csheet\u201d\"\n"
		"  disclaimer: \"Dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026"
		" dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026 dots\u2026\"\n"
		"  sections: [r]\n  walkthrough: [r]\n"
		"sources: [{id: s, title: S, origin: o, sections: [{id: a, title: A}]}]\n"
		"pages:\n  - id: r\n    kind: relief\n    title: R\n    items:\n"
		"      - {id: a, text: T, tip: \"Pur\u00e9e \u2014 na\u00efve \u2018tips\u2019\", sources: [s/a], default: true}\n";
	struct guide *h = guide_new();
	struct diag d = { NULL, 0, 0 };
	size_t len, widest, i;
	char *s;

	(void)state;
	assert_true(load_buffer(h, "x.yaml", yaml, strlen(yaml), &d));
	s = render(h, NULL, TIPS_TEXT, true, &len, NULL);
	for (i = 0; i < len; i++)
		assert_true((unsigned char)s[i] < 0x80);
	assert_non_null(strstr(s, "Cafe \"sheet\"\n============\n"));
	assert_non_null(strstr(s, "  * Puree - naive 'tips'\n"));
	assert_non_null(strstr(s, "Dots... dots..."));
	count_lines(s, &widest);
	assert_true(widest <= TIPS_WIDTH);
	free(s);
	/* In UTF-8 the same sheet keeps its letters. */
	s = render(h, NULL, TIPS_TEXT, false, &len, NULL);
	assert_non_null(strstr(s, "  * Pur\xc3\xa9" "e \xe2\x80\x94 na\xc3\xafve"));
	free(s);
	guide_free(h);
	diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_fits_one_page),
		cmocka_unit_test(test_marks_replace_defaults),
		cmocka_unit_test(test_unmarkable_marks_ignored),
		cmocka_unit_test(test_everything_marked),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_ascii),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
