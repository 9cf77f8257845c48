/* test_marks.c - the person's marks over the bundled content: what can be
 * marked, toggling and clearing saved at once and read back by a second
 * reader, counts, a file made by hand, the sheet they make, and file names
 * typed with "~". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "diag.h"
#include "guide.h"
#include "load.h"
#include "marks.h"
#include "sheet.h"
#include "strbuf.h"
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

/* What the sheet counts of m's marks: tips (MARKS_TIPS) or causes. */
static size_t count(const struct marks *m, enum marks_list list)
{
	struct sheet_marks sm;
	struct sheet s;
	size_t n;

	sheet_marks_of(m, &sm);
	sheet_build(&s, g, &sm, "2026-01-02");
	n = list == MARKS_CAUSES ? s.ncauses : s.ntips;
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
	assert_int_equal(count(&a, MARKS_TIPS), 1);
	assert_int_equal(count(&a, MARKS_CAUSES), 1);

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
	assert_int_equal(count(&a, MARKS_TIPS), 0);

	assert_int_equal(marks_clear(&a, &msg), 1);
	assert_null(msg);
	assert_int_equal(count(&a, MARKS_CAUSES), 0);
	assert_null(marks_open(&b, g));
	assert_int_equal(count(&b, MARKS_CAUSES), 0);
	marks_close(&b);
	marks_close(&a);
}

static char *marks_file(void)
{
	static char path[256];

	snprintf(path, sizeof path, "%s/crampguide/tips.yaml", dir);
	return path;
}

/* The marks file's bytes into buf (size bytes at most, NUL-terminated). */
static void read_marks_file(char *buf, size_t size)
{
	FILE *f = fopen(marks_file(), "r");
	size_t len;

	assert_non_null(f);
	len = fread(buf, 1, size - 1, f);
	buf[len] = '\0';
	fclose(f);
}

static void put_file(const char *bytes)
{
	char d[256];
	FILE *f;

	snprintf(d, sizeof d, "%s/crampguide", dir);
	mkdir(d, 0700);
	f = fopen(marks_file(), "w");
	assert_non_null(f);
	assert_int_equal(fputs(bytes, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* A file made by hand: no version, keys this guide does not know, an id
 * written wrong and one the content no longer has.  It is read; the id
 * the content lacks stays in the file (an update may bring it back) but is
 * not counted; what cannot be an id is left out. */
static void test_hand_made(void **unused)
{
	struct marks m;
	char *msg, buf[1024], want[512], *notice;
	const char *const *ids;
	size_t n;

	(void)unused;
	put_file("# mine\nnote: made by hand\ntips: [relief/stretch, gone/away, Relief/Ice]\n"
		 "extra:\n  - 1\n");
	/* The entry that is no id is skipped where it is, and said. */
	notice = marks_open(&m, g);
	assert_non_null(notice);
	snprintf(want, sizeof want, "Some of your saved marks were not read: %s:3:35: skipped an "
		 "entry that is not an id", marks_file());
	assert_memory_equal(notice, want, strlen(want));
	free(notice);
	assert_true(marks_has(&m, item("relief", "stretch")));
	assert_int_equal(count(&m, MARKS_TIPS), 1);
	ids = marks_ids(&m, MARKS_TIPS, &n);
	assert_int_equal(n, 2);
	assert_string_equal(ids[0], "relief/stretch");
	assert_string_equal(ids[1], "gone/away");
	assert_int_equal(marks_toggle(&m, item("causes", "dehydration"), &msg), 1);
	assert_null(msg);
	read_marks_file(buf, sizeof buf);
	assert_string_equal(buf, "# crampguide tip sheet: the tips you marked and the causes you ticked\n"
				 "version: 1\ntips: [relief/stretch, gone/away, \"Relief/Ice\"]\n"
				 "causes: [causes/dehydration]\n");
	assert_int_equal(marks_clear(&m, &msg), 1);
	marks_close(&m);
}

/* The file cannot be read: the notice names FILE:LINE:COL and says the
 * marks are not saved over it, and the file stays as it is. */
static void test_unreadable_notice(void **unused)
{
	struct marks m;
	char *notice, *msg, want[512], buf[64];

	(void)unused;
	put_file("tips: {relief: stretch}\n");
	notice = marks_open(&m, g);
	assert_non_null(notice);
	snprintf(want, sizeof want, "Your saved marks could not be read: %s:1:7: expected a list of ids", marks_file());
	assert_memory_equal(notice, want, strlen(want));
	assert_non_null(strstr(notice, "not saved over it."));
	free(notice);
	assert_int_equal(marks_toggle(&m, item("relief", "stretch"), &msg), 1);
	assert_non_null(msg);
	free(msg);
	assert_true(marks_has(&m, item("relief", "stretch")));
	marks_close(&m);
	read_marks_file(buf, sizeof buf);
	assert_string_equal(buf, "tips: {relief: stretch}\n");
	unlink(marks_file());
}

/* A file a newer crampguide wrote is read as far as this one understands,
 * said once, and never written; a bad entry costs only itself, and is
 * written back as it was, escapes and all. */
static void test_newer_and_bad_entries(void **unused)
{
	static const char newer[] = "version: 3\ntips: [relief/stretch]\nfuture: {a: 1}\n";
	struct marks m;
	char *notice, *msg, buf[1024];

	(void)unused;
	put_file(newer);
	notice = marks_open(&m, g);
	assert_non_null(notice);
	assert_non_null(strstr(notice, ":1:10: version 3 was written by a newer crampguide"));
	free(notice);
	assert_true(marks_has(&m, item("relief", "stretch")));
	assert_int_equal(marks_toggle(&m, item("relief", "massage"), &msg), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "a newer crampguide wrote your saved marks"));
	free(msg);
	assert_true(marks_has(&m, item("relief", "massage")));
	marks_close(&m);
	read_marks_file(buf, sizeof buf);
	assert_string_equal(buf, newer);

	put_file("version: 1\ntips: [relief/stretch, \"bad\\e[31m\", 0/x]\ncauses: [causes/dehydration]\n");
	notice = marks_open(&m, g);
	assert_non_null(notice);
	assert_non_null(strstr(notice, ":2:24: skipped an entry that is not an id like relief/stretch "
				       "(and 1 more entries)"));
	/* The escape never reaches the person. */
	assert_null(strchr(notice, 27));
	free(notice);
	assert_true(marks_has(&m, item("relief", "stretch")));
	assert_true(marks_has(&m, item("causes", "dehydration")));
	assert_int_equal(marks_toggle(&m, item("relief", "massage"), &msg), 1);
	assert_null(msg);
	marks_close(&m);
	read_marks_file(buf, sizeof buf);
	assert_non_null(strstr(buf, "tips: [relief/stretch, relief/massage, \"bad\\u001B[31m\", \"0/x\"]\n"));
	/* Read again, the entries are the same. */
	assert_non_null(notice = marks_open(&m, g));
	free(notice);
	assert_true(marks_has(&m, item("relief", "massage")));
	assert_int_equal(marks_clear(&m, &msg), 1);
	marks_close(&m);
	unlink(marks_file());
}

/* Another guide holding the lock (stopped with Ctrl-Z while saving) costs
 * a fraction of a second, not the person's mark: it is kept, said, and
 * saved once the lock is free. */
static void test_lock_held(void **unused)
{
	struct marks m;
	char *msg, lock[512], buf[512];
	int fd;

	(void)unused;
	put_file("version: 1\ntips: [relief/stretch]\n");
	assert_null(marks_open(&m, g));
	snprintf(lock, sizeof lock, "%s.lock", marks_file());
	fd = open(lock, O_RDONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(marks_toggle(&m, item("relief", "massage"), &msg), 1);
	assert_non_null(msg);
	assert_true(m.busy);
	assert_non_null(strstr(msg, "another crampguide is saving"));
	free(msg);
	assert_true(marks_has(&m, item("relief", "massage")));
	read_marks_file(buf, sizeof buf);
	assert_string_equal(buf, "version: 1\ntips: [relief/stretch]\n");
	/* Let go: the next save (here the one at quitting) writes it. */
	close(fd);
	assert_int_equal(marks_flush(&m, &msg), 1);
	assert_null(msg);
	assert_false(m.busy);
	marks_close(&m);
	assert_null(marks_open(&m, g));
	assert_true(marks_has(&m, item("relief", "massage")));
	assert_int_equal(marks_clear(&m, &msg), 1);
	marks_close(&m);
	unlink(marks_file());
}

/* A full list says so, rather than blaming the content's ids. */
static void test_list_full(void **unused)
{
	struct marks m;
	char *msg, *notice;
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)unused;
	strbuf_adds(&sb, "tips: [");
	for (i = 0; i < MARKS_MAX_IDS; i++)
		strbuf_addf(&sb, "%sold/tip-%d", i ? ", " : "", i);
	strbuf_adds(&sb, "]\n");
	put_file(strbuf_str(&sb));
	strbuf_release(&sb);
	notice = marks_open(&m, g);
	assert_null(notice);
	assert_int_equal(marks_toggle(&m, item("relief", "stretch"), &msg), -1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "already holds 2000 marks"));
	free(msg);
	marks_close(&m);
	unlink(marks_file());
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
	assert_non_null(strstr(msg, "neither HOME nor XDG_STATE_HOME is set"));
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
		cmocka_unit_test(test_hand_made),
		cmocka_unit_test(test_unreadable_notice),
		cmocka_unit_test(test_newer_and_bad_entries),
		cmocka_unit_test(test_list_full),
		cmocka_unit_test(test_lock_held),
		cmocka_unit_test(test_render_follows_marks),
		cmocka_unit_test(test_no_home),
		cmocka_unit_test(test_expand_home),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
