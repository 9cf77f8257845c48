/* test_inject.c - the second line of defence against terminal injection.
 *
 * The loader refuses content with controls (tests/inject.t shows that from
 * the outside), so no run of the program can put one in front of a
 * renderer.  Here the bundled guide is loaded, then every text field is
 * replaced in memory by a hostile string (a C0 or C1 control, DEL, an
 * escape sequence, a bidi control, invalid UTF-8), and every renderer is run
 * on it: the plain guide, the tip sheet in each format, the screen's
 * layouts, the job title and reply of lp, and error messages.  None may
 * let a single such byte through: each renderer must sanitize on its own. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "guide.h"
#include "layout.h"
#include "load.h"
#include "plain.h"
#include "print.h"
#include "text.h"
#include "sheet.h"
#include "tips.h"

static struct guide *g;
static char dir[64]; /* scratch directory with the stand-in lp */

/* --- the payloads ------------------------------------------------------- */

struct payload {
	char name[48];
	char bytes[40];
};

static struct payload payloads[256];
static size_t npayloads;

static void add(const char *name, const char *bytes)
{
	struct payload *p = &payloads[npayloads++];

	snprintf(p->name, sizeof(p->name), "%s", name);
	snprintf(p->bytes, sizeof(p->bytes), "%s", bytes);
}

/* A code point as UTF-8 (controls included: these must not be encoded away). */
static void add_cp(const char *what, unsigned cp)
{
	char name[48], b[8];

	snprintf(name, sizeof(name), "%s U+%04X", what, cp);
	if (cp < 0x80) {
		b[0] = (char)cp;
		b[1] = '\0';
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		b[2] = '\0';
	} else {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		b[3] = '\0';
	}
	add(name, b);
}

static void make_payloads(void)
{
	static const unsigned bidi[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
					 0x2066, 0x2067, 0x2068, 0x2069 };
	unsigned c;
	size_t i;

	/* NUL cannot be in a C string; the sanitizer's table test has it. */
	for (c = 1; c < 0x20; c++)
		add_cp("C0", c);
	add_cp("DEL", 0x7F);
	for (c = 0x80; c < 0xA0; c++)
		add_cp("C1", c);
	for (i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++)
		add_cp("bidi", bidi[i]);
	add("CSI colour", "\x1b[31mRED");
	add("CSI erase", "\x1b[2J\x1b[H");
	add("CSI, 8-bit", "\xc2\x9b" "2J");
	add("OSC 0 title", "\x1b]0;pwned\x07");
	add("OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07");
	add("OSC 8 hyperlink", "\x1b]8;;http://evil.example/\x1b\\x\x1b]8;;\x1b\\");
	add("OSC, 8-bit", "\xc2\x9d" "0;pwned\xc2\x9c");
	add("DCS", "\x1bP$qm\x1b\\");
	add("DCS, 8-bit", "\xc2\x90+q544e\xc2\x9c");
	add("invalid: 0xFF", "\xff");
	add("invalid: cut", "\xc3");
	add("invalid: continuation", "\x80");
	add("invalid: overlong", "\xc0\xaf");
	add("invalid: surrogate", "\xed\xa0\x80");
	add("invalid: past U+10FFFF", "\xf4\x90\x80\x80");
	add("invalid: 5-byte form", "\xf8\x88\x80\x80\x80");
}

/* --- the fields --------------------------------------------------------- */

/* Every text field of the guide, so each can be given a payload. */
static const char **fields[4096];
static const char *field_names[4096];
static size_t nfields;

/* Only fields the content gives: one it leaves out is not shown anyway. */
static void field(const char **slot, const char *name)
{
	if (!*slot)
		return;
	assert_true(nfields < sizeof(fields) / sizeof(fields[0]));
	fields[nfields] = slot;
	field_names[nfields] = name;
	nfields++;
}

static void collect_fields(void)
{
	size_t i, j;

	field(&g->title, "guide title");
	field(&g->disclaimer, "disclaimer");
	field(&g->sheet.title, "sheet title");
	field(&g->sheet.heading[GUIDE_RELIEF], "sheet relief");
	field(&g->sheet.heading[GUIDE_PREVENTION], "sheet prevention");
	field(&g->sheet.heading[GUIDE_CAUSES], "sheet causes");
	field(&g->sheet.heading[GUIDE_TREATMENT], "sheet treatment");
	for (i = 0; i < g->nsources; i++) {
		struct guide_source *s = g->sources[i];

		field(&s->title, "source title");
		field(&s->origin, "source origin");
		field(&s->about, "source about");
		for (j = 0; j < s->nsections; j++)
			field(&s->sections[j].title, "source section title");
	}
	for (i = 0; i < g->npages; i++) {
		struct guide_page *p = g->pages[i];

		field(&p->title, "page title");
		field(&p->summary, "page summary");
		field(&p->list_title, "list title");
		for (j = 0; j < p->nparas; j++)
			field(&p->paras[j].text, "paragraph");
		for (j = 0; j < p->nitems; j++) {
			field(&p->items[j].text, "item text");
			field(&p->items[j].tip, "tip");
		}
	}
}

/* Give every field the payload between two markers naming the field:
 * "<F12|" payload "|F12>", so a test can see which fields an output shows. */
static void inject(const struct payload *p)
{
	size_t i;

	for (i = 0; i < nfields; i++) {
		size_t n = strlen(p->bytes) + 16;
		char *s = malloc(n);

		assert_non_null(s);
		snprintf(s, n, "F%zu~%s~F%zu", i, p->bytes, i);
		*fields[i] = s;
	}
}

static void release(void)
{
	size_t i;

	for (i = 0; i < nfields; i++) {
		free((char *)*fields[i]);
		*fields[i] = NULL;
	}
}

/* --- the check ----------------------------------------------------------- */

/* Valid UTF-8 with no control but newline, no DEL, no C1, no bidi control. */
static void assert_clean(const char *s, size_t n, const char *where, const struct payload *p)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID || (cp != '\n' && text_is_control(cp)) || cp == '\t')
			fail_msg("%s with %s: byte %zu of %zu is %s 0x%02X", where, p->name, i, n,
				 cp == TEXT_INVALID ? "an invalid byte" : "a control, first byte",
				 (unsigned char)s[i]);
		i += len;
	}
}

/* Which fields' markers an output holds: seen[i] for field i. */
static void note_fields(const char *s, unsigned char *seen)
{
	const char *f = s;

	while ((f = strchr(f, 'F'))) {
		char *end;
		unsigned long i = strtoul(f + 1, &end, 10);

		if (end != f + 1 && *end == '~' && i < nfields)
			seen[i] = 1;
		f++;
	}
}

static void check(const char *s, size_t n, const char *where, const struct payload *p,
		  unsigned char *seen)
{
	assert_clean(s, n, where, p);
	assert_non_null(strstr(s, "~F")); /* the output did show injected text */
	note_fields(s, seen);
}

/* --- the renderers ------------------------------------------------------ */

static void plain(const struct payload *p, unsigned char *seen, size_t width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(plain_print(g, f, width), 1);
	assert_int_equal(fclose(f), 0);
	check(buf, len, "--plain", p, seen);
	free(buf);
}

/* The sheet of g for m (NULL: nothing marked) in every format, checked. */
static void sheet_formats(const struct sheet_marks *m, const struct payload *p, unsigned char *seen)
{
	static const enum tips_format formats[] = { TIPS_TEXT, TIPS_MARKDOWN, TIPS_HTML, TIPS_TEXT };
	static const bool ascii[] = { false, false, false, true };
	static const char *const names[] = { "--tips text", "--tips markdown", "--tips html",
					     "--tips text (ASCII)" };
	struct sheet sh;
	size_t i, len;

	sheet_build(&sh, g, m, "2026-01-02");
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *s = tips_render(&sh, formats[i], ascii[i], &len);

		check(s, len, names[i], p, seen);
		free(s);
	}
	sheet_free(&sh);
}

/* Every item marked or set as a default, so the sheet shows them all. */
static void sheet(const struct payload *p, unsigned char *seen)
{
	static char ids[512][160];
	static bool dflt[512];
	const char *tips[512], *causes[512];
	struct sheet_marks m = { tips, 0, causes, 0 };
	size_t i, j, k = 0;

	for (i = 0; i < g->npages; i++) {
		for (j = 0; j < g->pages[i]->nitems && k < 512; j++) {
			const struct guide_item *it = &g->pages[i]->items[j];

			snprintf(ids[k], sizeof ids[k], "%s/%s", g->pages[i]->id, it->id);
			if (g->pages[i]->kind == GUIDE_CAUSES)
				causes[m.ncauses++] = ids[k];
			else
				tips[m.ntips++] = ids[k];
			k++;
		}
	}
	sheet_formats(&m, p, seen);
	/* "When to get help" shows its default tips whatever is marked: with
	 * every item a default, each of its tips reaches the sheet too. */
	for (i = 0, k = 0; i < g->npages; i++)
		for (j = 0; j < g->pages[i]->nitems && k < 512; j++, k++) {
			dflt[k] = g->pages[i]->items[j].is_default;
			g->pages[i]->items[j].is_default = true;
		}
	sheet_formats(NULL, p, seen);
	for (i = 0, k = 0; i < g->npages; i++)
		for (j = 0; j < g->pages[i]->nitems && k < 512; j++, k++)
			g->pages[i]->items[j].is_default = dflt[k];
}

static void check_layout(struct layout *L, const char *where, const struct payload *p,
			 unsigned char *seen)
{
	static const size_t widths[] = { 80, 20, 3 };
	size_t b, w, k;

	for (b = 0; b < L->nblocks; b++) {
		const struct layout_block *bl = &L->blocks[b];

		assert_clean(bl->text, bl->len, where, p);
		note_fields(bl->text, seen);
		if (bl->label)
			assert_clean(bl->label, strlen(bl->label), where, p);
		if (bl->note) {
			assert_clean(bl->note, bl->note_len, where, p);
			note_fields(bl->note, seen);
		}
	}
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		layout_wrap(L, widths[w]);
		for (k = 0; k < L->nlines; k++) {
			const struct layout_line *ln = &L->lines[k];
			const struct layout_block *bl = &L->blocks[ln->block];

			if (ln->blank)
				continue;
			/* A line is what the screen draws: no newline either. */
			assert_clean(ln->note ? bl->note + ln->off : bl->text + ln->off, ln->len, where, p);
			assert_null(memchr(ln->note ? bl->note + ln->off : bl->text + ln->off, '\n',
					   ln->len));
		}
	}
}

/* The screen: every page's layout as browsed and as a walk-through step,
 * in UTF-8 and ASCII, and blocks made the way the home menu and the sheet
 * screen make theirs. */
static void screen(const struct payload *p, unsigned char *seen)
{
	size_t i;
	int mode, ascii;

	for (i = 0; i < g->npages; i++) {
		for (mode = 0; mode < 2; mode++) {
			for (ascii = 0; ascii < 2; ascii++) {
				struct layout *L = layout_page(g->pages[i], mode ? LAYOUT_WALK : LAYOUT_BROWSE,
							       ascii);

				check_layout(L, "a page on the screen", p, seen);
				layout_free(L);
			}
		}
	}
	for (ascii = 0; ascii < 2; ascii++) {
		struct layout *L = layout_new(ascii);

		for (i = 0; i < g->npages; i++) {
			struct layout_block *b = layout_add(L, LAYOUT_ENTRY, g->pages[i]->title, 2);

			layout_set_note(L, b, g->pages[i]->summary);
			layout_set_label(L, b, g->pages[i]->title, 0);
		}
		check_layout(L, "a menu on the screen", p, seen);
		layout_free(L);
	}
}

/* lp: the job title is an argument, and lp's reply reaches the screen. */
static void printer(const struct payload *p)
{
	char path[128], *args, *msg = NULL;
	const char *title = g->sheet.title;
	FILE *f;
	size_t len = 0, n;
	int ok;

	ok = print_sheet("sheet\n", 6, NULL, title, NULL, &msg) == PRINT_SENT;
	assert_true(ok);
	assert_clean(msg, strlen(msg), "lp's reply", p);
	free(msg);
	snprintf(path, sizeof(path), "%s/args", dir);
	f = fopen(path, "rb");
	assert_non_null(f);
	args = malloc(4096);
	n = fread(args, 1, 4095, f);
	args[n] = '\0';
	fclose(f);
	len = n;
	assert_clean(args, len, "lp's arguments", p);
	assert_non_null(strstr(args, "-t\nF"));
	free(args);
}

static void messages(const struct payload *p)
{
	struct diag d = { NULL, 0, 0 };
	char *buf = NULL, file[80];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	snprintf(file, sizeof(file), "dir/%s.yaml", p->bytes);
	diag_at(&d, file, 1, 2, "unknown key '%s'", p->bytes);
	diag_file(&d, file, "%s", p->bytes);
	diag_print(&d, f);
	fclose(f);
	assert_clean(buf, len, "an error message", p);
	diag_free(&d);
	free(buf);
}

/* --- the tests ----------------------------------------------------------- */

static int setup(void **state)
{
	struct diag d = { NULL, 0, 0 };
	char lp[128];
	FILE *f;

	(void)state;
	g = load_guide("content", &d);
	diag_free(&d);
	if (!g)
		return -1;
	collect_fields();
	make_payloads();
	snprintf(dir, sizeof(dir), "/tmp/crampguide-inject.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	/* A stand-in lp that records its arguments and answers with every
	 * kind of hostile byte, as a broken or malicious print system might. */
	snprintf(lp, sizeof(lp), "%s/lp", dir);
	f = fopen(lp, "w");
	if (!f)
		return -1;
	fprintf(f, "#!/bin/sh\nprintf '%%s\\n' \"$@\" >'%s/args'\ncat >/dev/null\n"
		   "printf 'request id is \\033]0;pwned\\007 \\342\\200\\256 \\302\\233 \\377 \\001 ok\\n'\n",
		dir);
	fclose(f);
	chmod(lp, 0755);
	{
		const char *path = getenv("PATH");
		char *p = malloc(strlen(dir) + strlen(path ? path : "") + 2);

		sprintf(p, "%s:%s", dir, path ? path : "");
		setenv("PATH", p, 1);
		free(p);
	}
	return 0;
}

static int teardown(void **state)
{
	char path[128];

	(void)state;
	guide_free(g);
	snprintf(path, sizeof(path), "%s/lp", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/args", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}

/* The fields no output shows: where a source came from and what it
 * covers document the content for its editors, not for the reader. */
static int never_shown(const char *name)
{
	return strcmp(name, "source origin") == 0 || strcmp(name, "source about") == 0;
}

static void test_every_renderer(void **state)
{
	size_t i, k;

	(void)state;
	assert_true(nfields > 100);
	assert_true(npayloads > 80);
	for (k = 0; k < npayloads; k++) {
		unsigned char *seen = calloc(nfields, 1);

		inject(&payloads[k]);
		plain(&payloads[k], seen, 80);
		plain(&payloads[k], seen, 20);
		sheet(&payloads[k], seen);
		screen(&payloads[k], seen);
		printer(&payloads[k]);
		messages(&payloads[k]);
		/* Proof the renderers were given every field that is shown. */
		for (i = 0; i < nfields; i++)
			if (!seen[i] && !never_shown(field_names[i]))
				fail_msg("no output showed field %zu (%s) with %s", i, field_names[i],
					 payloads[k].name);
		release();
		free(seen);
	}
	print_message("# %zu payloads x %zu fields through plain (2 widths), 4 sheet formats, "
		      "%zu page layouts x 4 and 2 menus x 3 widths, lp's title and reply, messages\n",
		      npayloads, nfields, g->npages);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_renderer),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
