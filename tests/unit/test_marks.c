/* test_marks.c - the person's marks over the bundled content: what can be
 * marked, toggling and clearing saved at once and read back by a second
 * reader, counts, the sheet they make, and file names typed with "~". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "guide.h"
#include "load.h"
#include "marks.h"
#include "sheet.h"
#include "tips.h"
#include "paths.h"

static struct guide *g;
static char dir[] = "/tmp/crampguide-marks.XXXXXX";

static int setup(void **state)
{
	struct diag d = { NULL, 0, 0 };

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("SOURCE_DATE_EPOCH", "1767312000", 1);
	g = load_guide("content", &d);
	diag_free(&d);
	return g ? 0 : -1;
}

static int teardown(void **state)
{
	char path[256];

	(void)state;
	guide_free(g);
	snprintf(path, sizeof path, "%s/crampguide/tips.yaml", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/crampguide/tips.yaml.lock", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/crampguide", dir);
	rmdir(path);
	rmdir(dir);
	return 0;
}

static const struct guide_item *item(const char *page, const char *id)
{
	const struct guide_item *it = guide_find_item(g, page, id);

	assert_non_null(it);
	return it;
}

/* What the sheet counts of m's marks: tips (STATE_TIPS) or causes. */
static size_t count(const struct marks *m, enum state_list list)
{
	struct sheet_marks sm;
	struct sheet s;
	size_t n;

	sheet_marks_of(m, &sm);
	sheet_build(&s, g, &sm, "2026-01-02");
	n = list == STATE_CAUSES ? s.ncauses : s.ntips;
	sheet_free(&s);
	return n;
}

/* The sheet m's marks make, in `format`. */
static char *render(const struct marks *m, enum tips_format format, bool ascii, size_t *len)
{
	struct sheet_marks sm;
	struct sheet s;
	char *buf;

	sheet_marks_of(m, &sm);
	sheet_build(&s, g, &sm, "2026-01-02");
	buf = tips_render(&s, format, ascii, len);
	sheet_free(&s);
	return buf;
}

static void test_markable(void **state)
{
	(void)state;
	assert_true(marks_markable(item("relief", "stretch")));
	assert_true(marks_markable(item("prevention", "potassium-foods")));
	assert_true(marks_markable(item("causes", "dehydration")));
	/* "When to get help" is always on the sheet: nothing to choose. */
	assert_false(marks_markable(&guide_find_page(g, "treatment")->items[0]));
	assert_false(marks_markable(&guide_find_page(g, "symptoms")->items[0]));
}

static void test_toggle_saves_at_once(void **state)
{
	struct marks a, b;
	char *msg = (char *)"unset", *w;

	(void)state;
	assert_null(marks_open(&a, g));
	assert_int_equal(marks_toggle(&a, item("prevention", "potassium-foods"), &msg), 1);
	assert_null(msg);
	assert_int_equal(marks_toggle(&a, item("causes", "dehydration"), &msg), 1);
	assert_null(msg);
	assert_true(marks_has(&a, item("prevention", "potassium-foods")));
	assert_false(marks_has(&a, item("prevention", "drink-water")));
	assert_int_equal(count(&a, STATE_TIPS), 1);
	assert_int_equal(count(&a, STATE_CAUSES), 1);

	/* A second reader (the next run) sees both without a flush. */
	w = marks_open(&b, g);
	assert_null(w);
	assert_true(marks_has(&b, item("prevention", "potassium-foods")));
	assert_true(marks_has(&b, item("causes", "dehydration")));
	marks_close(&b);

	/* Toggling again unmarks, also on disk. */
	assert_int_equal(marks_toggle(&a, item("prevention", "potassium-foods"), &msg), 0);
	assert_null(msg);
	assert_null(marks_open(&b, g));
	assert_false(marks_has(&b, item("prevention", "potassium-foods")));
	assert_true(marks_has(&b, item("causes", "dehydration")));
	marks_close(&b);

	/* Something that cannot be marked is refused and changes nothing. */
	assert_int_equal(marks_toggle(&a, &guide_find_page(g, "symptoms")->items[0], &msg), -1);
	assert_int_equal(count(&a, STATE_TIPS), 0);

	assert_int_equal(marks_clear(&a, &msg), 1);
	assert_null(msg);
	assert_int_equal(count(&a, STATE_CAUSES), 0);
	assert_null(marks_open(&b, g));
	assert_int_equal(count(&b, STATE_CAUSES), 0);
	marks_close(&b);
	marks_close(&a);
}

static void test_render_follows_marks(void **state)
{
	struct marks m;
	char *msg, *before, *after, *ascii;
	size_t len;

	(void)state;
	assert_null(marks_open(&m, g));
	before = render(&m, TIPS_TEXT, false, &len);
	assert_int_equal(strlen(before), len);
	assert_null(strstr(before, "Wear supportive shoes"));
	assert_int_equal(marks_toggle(&m, item("prevention", "supportive-footwear"), &msg), 1);
	after = render(&m, TIPS_TEXT, false, &len);
	assert_non_null(strstr(after, "  * Wear supportive shoes, especially if you stand for long.\n"));
	/* The bundled content is ASCII: the fallback changes nothing. */
	ascii = render(&m, TIPS_TEXT, true, &len);
	assert_string_equal(ascii, after);
	free(ascii);
	ascii = render(&m, TIPS_HTML, true, &len);
	assert_non_null(strstr(ascii, "<!DOCTYPE html>"));
	free(ascii);
	assert_int_equal(marks_clear(&m, &msg), 1);
	free(before);
	free(after);
	marks_close(&m);
}

static void test_no_home(void **state)
{
	struct marks m;
	char *msg = NULL, *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	(void)state;
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_null(marks_open(&m, g));
	assert_null(m.path);
	/* The mark holds for this run; the person is told it is not kept. */
	assert_int_equal(marks_toggle(&m, item("relief", "stretch"), &msg), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot be kept"));
	assert_true(marks_has(&m, item("relief", "stretch")));
	free(msg);
	marks_close(&m);
	setenv("XDG_STATE_HOME", dir, 1);
	if (home) {
		setenv("HOME", home, 1);
		free(home);
	}
}

static void test_expand_home(void **state)
{
	char *s;

	(void)state;
	setenv("HOME", "/home/ann", 1);
	s = paths_expand_home("~/crampguide-tips.txt");
	assert_string_equal(s, "/home/ann/crampguide-tips.txt");
	free(s);
	s = paths_expand_home("~");
	assert_string_equal(s, "/home/ann");
	free(s);
	/* Only "~" and "~/": "~bob" and names with "~" later are left alone. */
	s = paths_expand_home("~bob/x");
	assert_string_equal(s, "~bob/x");
	free(s);
	s = paths_expand_home("notes/~/x");
	assert_string_equal(s, "notes/~/x");
	free(s);
	setenv("HOME", "/", 1);
	s = paths_expand_home("~/x");
	assert_string_equal(s, "/x");
	free(s);
	setenv("HOME", "relative", 1);
	assert_null(paths_expand_home("~/x"));
	s = paths_expand_home("/abs/x");
	assert_string_equal(s, "/abs/x");
	free(s);
	unsetenv("HOME");
	assert_null(paths_expand_home("~/x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markable),
		cmocka_unit_test(test_toggle_saves_at_once),
		cmocka_unit_test(test_render_follows_marks),
		cmocka_unit_test(test_no_home),
		cmocka_unit_test(test_expand_home),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
