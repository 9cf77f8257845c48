/* test_store.c - the saved marks through the store (src/store.c and
 * src/marks.c): the file as read and written, files that cannot be read
 * (left byte for byte where and as they are, and said with FILE:LINE:COL),
 * failed saves (a full disk and a read-only file system for real, on a
 * tmpfs of our own where the system allows one), modes and links, kill -9
 * in the middle of hundreds of saves without losing one that was
 * acknowledged, and two guides saving at once. */
/* unshare() and setgroups(), for a file system of our own and for
 * dropping root. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guide.h"
#include "marks.h"
#include "store.h"

static char *top; /* this run's scratch directory */

/* --- helpers ----------------------------------------------------------- */

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	chmod(path, 0700);
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int setup(void **state)
{
	const char *t = getenv("TMPDIR");
	char *tmpl;

	(void)state;
	tmpl = malloc(strlen(t && t[0] == '/' ? t : "/tmp") + 32);
	sprintf(tmpl, "%s/crampguide-state.XXXXXX", t && t[0] == '/' ? t : "/tmp");
	top = mkdtemp(tmpl);
	return top ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(top);
	return 0;
}

static void write_file(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* write_file() for forked children, which must not reach cmocka's
 * failure handling (it would run the remaining tests in the child). */
static int child_write(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (!f)
		return 0;
	ok = fwrite(bytes, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* The file's bytes (NUL-terminated), or NULL when it does not exist. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t cap = 4096, n = 0, r;

	if (!f)
		return NULL;
	buf = malloc(cap + 1);
	while ((r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Names in dir that start with prefix, counted; the last one in *name. */
static int count_names(const char *dir, const char *prefix, char *name, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0) {
			n++;
			if (name)
				snprintf(name, size, "%s/%s", dir, de->d_name);
		}
	}
	closedir(d);
	return n;
}

/* A small xorshift, so a failing run can be repeated from its seed. */
static uint32_t rnd_state;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void seed(void)
{
	const char *s = getenv("STATE_TEST_SEED");

	rnd_state = s ? (uint32_t)strtoul(s, NULL, 10) : (uint32_t)time(NULL) ^ (uint32_t)getpid() << 16;
	if (!rnd_state)
		rnd_state = 1;
	print_message("# seed %u (STATE_TEST_SEED=%u repeats it)\n", rnd_state, rnd_state);
}

/* In a forked child: a crash must end the child, not let cmocka's signal
 * handlers carry on running the remaining tests in it. */
static void child_start(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], SIG_DFL);
}

static void sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A new home ($XDG_STATE_HOME) for one test, with its crampguide
 * directory in dir; returns the marks file's path. */
static char *fresh(const char *name, char *dir, size_t size)
{
	static char path[4096 + 16];

	snprintf(dir, size, "%s/%s", top, name);
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(setenv("XDG_STATE_HOME", dir, 1), 0);
	strcat(dir, "/crampguide");
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/tips.yaml", dir);
	return path;
}

/* Toggle "PAGE/ITEM" in list l as the guide does, with an item of a
 * made-up page of the list's kind. */
static int flip(struct marks *m, enum marks_list l, const char *id, char **msg)
{
	struct guide_page page;
	struct guide_item it;
	char buf[256];
	char *slash;

	snprintf(buf, sizeof(buf), "%s", id);
	slash = strchr(buf, '/');
	memset(&page, 0, sizeof(page));
	memset(&it, 0, sizeof(it));
	page.kind = l == MARKS_CAUSES ? GUIDE_CAUSES : GUIDE_RELIEF;
	page.id = buf;
	it.id = slash ? slash + 1 : "";
	if (slash)
		*slash = '\0';
	it.tip = "a tip";
	it.page = &page;
	return marks_toggle(m, &it, msg);
}

/* flip() that expects the change to be saved. */
static void flip_saved(struct marks *m, enum marks_list l, const char *id, int want)
{
	char *msg = NULL;

	assert_int_equal(flip(m, l, id, &msg), want);
	if (msg)
		fail_msg("%s not saved: %s", id, msg);
}

static bool has(const struct marks *m, enum marks_list l, const char *id)
{
	size_t n, i;
	const char *const *v = marks_ids(m, l, &n);

	for (i = 0; i < n && strcmp(v[i], id) != 0; i++)
		;
	return i < n;
}

static void assert_empty(const struct marks *m)
{
	size_t n;

	marks_ids(m, MARKS_TIPS, &n);
	assert_int_equal(n, 0);
	marks_ids(m, MARKS_CAUSES, &n);
	assert_int_equal(n, 0);
}

static void assert_list(const struct marks *m, enum marks_list l, const char *const *want,
			size_t nwant)
{
	size_t n, i;
	const char *const *v = marks_ids(m, l, &n);

	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
}

/* --- the format -------------------------------------------------------- */

static void test_round_trip(void **unused)
{
	char dir[4096], home[4096 + 16], path[4096 + 64], *bytes, *msg = NULL;
	struct marks a, b;
	struct stat sb;
	size_t len;
	static const char *const tips[] = { "relief/stretch", "prevention/drink-water" };
	static const char *const causes[] = { "causes/dehydration" };

	(void)unused;
	fresh("round-trip", dir, sizeof(dir));
	/* Saved into directories that do not exist yet. */
	snprintf(home, sizeof(home), "%s/new/deeper", dir);
	assert_int_equal(setenv("XDG_STATE_HOME", home, 1), 0);
	snprintf(path, sizeof(path), "%s/crampguide/tips.yaml", home);
	assert_null(marks_open(&a, NULL));
	assert_string_equal(a.path, path);
	flip_saved(&a, MARKS_TIPS, "relief/stretch", 1);
	flip_saved(&a, MARKS_TIPS, "prevention/drink-water", 1);
	flip_saved(&a, MARKS_CAUSES, "causes/dehydration", 1);
	/* The one id rule, the content's: each part starts with a letter. */
	assert_int_equal(flip(&a, MARKS_TIPS, "0/x", &msg), -1);
	assert_int_equal(flip(&a, MARKS_TIPS, "x/0-9", &msg), -1);
	assert_null(msg);

	bytes = slurp(path, &len);
	assert_non_null(bytes);
	assert_string_equal(bytes,
		"# crampguide tip sheet: the tips you marked and the causes you ticked\n"
		"version: 1\n"
		"tips: [relief/stretch, prevention/drink-water]\n"
		"causes: [causes/dehydration]\n");
	free(bytes);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	snprintf(path, sizeof(path), "%s/crampguide", home);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(stat(home, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);

	assert_null(marks_open(&b, NULL));
	assert_list(&b, MARKS_TIPS, tips, 2);
	assert_list(&b, MARKS_CAUSES, causes, 1);
	assert_int_equal(b.nunsaved, 0);
	assert_false(has(&b, MARKS_CAUSES, "relief/stretch"));
	marks_close(&a);
	marks_close(&b);
}

static void test_missing_file(void **unused)
{
	char dir[4096], sub[4096 + 16], *msg = (char *)"unset";
	struct marks m;

	(void)unused;
	fresh("missing", dir, sizeof(dir));
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(setenv("XDG_STATE_HOME", sub, 1), 0);
	assert_null(marks_open(&m, NULL));
	assert_empty(&m);
	/* Nothing to save writes nothing, not even a directory. */
	assert_int_equal(marks_flush(&m, &msg), 1);
	assert_null(msg);
	assert_int_equal(access(sub, F_OK), -1);
	marks_close(&m);
}

/* Read with the same reader as the content, into m; 1 when accepted. */
static int parse(struct marks *m, const char *bytes, size_t len, struct diag *d)
{
	memset(m, 0, sizeof(*m));
	return marks_parse(m, "F", bytes, len, d);
}

static void test_parse_accepts(void **unused)
{
	static const struct {
		const char *yaml;
		size_t ntips, ncauses;
	} cases[] = {
		{ "", 0, 0 },
		{ "# nothing yet\n\n", 0, 0 },
		{ "version: 1\n", 0, 0 },
		{ "causes: [a/b]\nversion: '1'\n", 0, 1 },
		{ "version: 1\ntips:\n- a/b\n- \"c/d\"\n- a/b\n", 2, 0 },
		{ "---\nversion: 1\ntips: []\ncauses: []\n...\n", 0, 0 },
		{ "{version: 1, tips: [\"a/b\", 'c/d'], causes: []}", 2, 0 },
		{ "\xef\xbb\xbfversion: 1\ntips: [a/b]\n", 1, 0 },
		/* Made by hand: no version, lists left empty. */
		{ "tips: [relief/stretch]\n", 1, 0 },
		{ "tips:\ncauses:\n", 0, 0 },
		/* Keys this crampguide does not know are skipped. */
		{ "version: 1\nnote: mine\nmarks: [x/y]\ntips: [a/b]\nmore: {k: [1, 2]}\n", 1, 0 },
		/* So are ids that are not PAGE/ITEM: the good ones are kept. */
		{ "tips: [Relief/Stretch, stretch, 0/x, a/b/c, [x/y], {p: q}, a/b, '', caf\xc3\xa9/x]\n"
		  "causes: [c/d, 'c/d ', c/-d]\n", 1, 1 },
		{ "tips: [aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x, "
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x]\n", 1, 0 },
	};
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	size_t i, n;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!parse(&m, cases[i].yaml, strlen(cases[i].yaml), &d))
			fail_msg("case %zu refused: %s", i, d.n ? d.v[0].text : "?");
		assert_int_equal(d.n, 0);
		marks_ids(&m, MARKS_TIPS, &n);
		assert_int_equal(n, cases[i].ntips);
		marks_ids(&m, MARKS_CAUSES, &n);
		assert_int_equal(n, cases[i].ncauses);
		marks_close(&m);
	}
}

/* Files that cannot be read: where the first message points, and what it says. */
static const struct bad_case {
	const char *name;
	const char *bytes;
	size_t len; /* 0: strlen */
	const char *where, *what;
} bad_cases[] = {
	{ "bad YAML", "version: 1\ntips: [a/b\n", 0, "3:1",
	  "did not find expected ',' or ']' while parsing a flow sequence (started at line 2, column 7)" },
	{ "binary", "\x7f" "ELF\x02\x01\x01\0\0\0", 10, "1:1", "control character U+007F is not allowed" },
	{ "invalid UTF-8", "version: 1\ntips: [caf\xe9/x]\n", 0, "2:11", "invalid UTF-8 (byte 0xE9)" },
	{ "UTF-16", "\xff\xfev\0e\0r\0", 8, "1:1", "the file is in UTF-16" },
	{ "control character", "version: 1\x1b[2J\n", 0, "1:11", "control character U+001B" },
	{ "not a mapping", "- a/b\n", 0, "1:1",
	  "expected keys like 'tips: [relief/stretch]', found a list" },
	{ "just text", "just text\n", 0, "1:1",
	  "expected keys like 'tips: [relief/stretch]', found a string" },
	{ "version not a number", "version: two\n", 0, "1:10", "expected 'version: 1', found another value" },
	{ "version a list", "version: [1]\n", 0, "1:10", "expected 'version: 1', found a list" },
	{ "key twice", "version: 1\ntips: []\ntips: []\n", 0, "3:1", "duplicate key 'tips'" },
	{ "tips a mapping", "version: 1\ntips: {a: b}\n", 0, "2:7",
	  "expected a list of ids like [relief/stretch] for 'tips', found a mapping" },
	{ "causes a string", "version: 1\ncauses: a/b\n", 0, "2:9",
	  "expected a list of ids like [relief/stretch] for 'causes', found a string" },
	{ "anchor", "version: 1\ntips: &t [a/b]\ncauses: *t\n", 0, "2:7", "anchor '&t' is not allowed" },
	{ "alias", "version: 1\ntips: [*x]\n", 0, "2:8", "alias '*x' is not allowed" },
	{ "tag", "version: 1\ntips: [!!str a/b]\n", 0, "2:8", "tag '!!str' is not allowed" },
	{ "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0, "1:9",
	  "nested more than 8 levels deep" },
	{ "two documents", "version: 1\n---\nversion: 1\n", 0, "2:1", "a second document" },
};

static void test_parse_refuses(void **unused)
{
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	char where[32];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];

		if (parse(&m, c->bytes, c->len ? c->len : strlen(c->bytes), &d))
			fail_msg("%s: accepted", c->name);
		assert_true(d.n > 0);
		snprintf(where, sizeof(where), "%u:%u", d.v[0].line, d.v[0].col);
		assert_string_equal(d.v[0].file, "F");
		if (strcmp(where, c->where) != 0 || !strstr(d.v[0].text, c->what))
			fail_msg("%s: got %s: %s", c->name, where, d.v[0].text);
		assert_empty(&m);
		marks_close(&m);
		diag_free(&d);
	}
}

/* A file of `n` ids in tips, for the limit; a new buffer of *len bytes. */
static char *many_ids(size_t n, size_t *len)
{
	char *buf = malloc(64 + n * 16);
	size_t i;

	*len = (size_t)sprintf(buf, "version: 1\ntips: [");
	for (i = 0; i < n; i++)
		*len += (size_t)sprintf(buf + *len, "p/i%zu,", i);
	*len += (size_t)sprintf(buf + *len, "]\n");
	return buf;
}

static void test_too_many_ids(void **unused)
{
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	size_t len, n;
	char *buf = many_ids(MARKS_MAX_IDS, &len);

	(void)unused;
	assert_int_equal(parse(&m, buf, len, &d), 1);
	marks_ids(&m, MARKS_TIPS, &n);
	assert_int_equal(n, MARKS_MAX_IDS);
	marks_close(&m);
	free(buf);
	buf = many_ids(MARKS_MAX_IDS + 1, &len);
	assert_int_equal(parse(&m, buf, len, &d), 0);
	assert_non_null(strstr(d.v[0].text, "more than 2000 ids in 'tips'"));
	assert_empty(&m);
	diag_free(&d);
	free(buf);
}

/* --- files that cannot be read ----------------------------------------- */

/* The file is byte for byte `bytes`, and the same file (not a new one). */
static void assert_untouched(const char *path, const char *bytes, size_t len, ino_t ino)
{
	struct stat sb;
	size_t glen;
	char *got = slurp(path, &glen);

	assert_non_null(got);
	assert_int_equal(glen, len);
	assert_memory_equal(got, bytes, len);
	free(got);
	assert_int_equal(lstat(path, &sb), 0);
	assert_int_equal(sb.st_ino, ino);
}

/* Every kind of bad file: left where and as it is, said once in a
 * sentence that names FILE:LINE:COL; the marks made meanwhile are kept
 * for the run, and saved once the file reads again. */
static void test_unreadable_left_alone(void **unused)
{
	char dir[4096], name[64], *path, *msg, *want, *bytes;
	size_t i, len, nbad = sizeof(bad_cases) / sizeof(bad_cases[0]);
	struct bad_case big = { "too big", NULL, STORE_MAX_BYTES + 1, "", "it is over the limit of 4 MiB" };
	struct bad_case full = { "too many ids", NULL, 0, "2:14898", "more than 2000 ids" };
	static const char *const after[] = { "a/b", "relief/stretch" };
	char *bigbuf = malloc(big.len);
	struct marks m;
	struct stat sb;

	(void)unused;
	/* A well-formed file padded with a comment to one byte over. */
	memset(bigbuf, ' ', big.len);
	memcpy(bigbuf, "version: 1\n#", 12);
	bigbuf[big.len - 1] = '\n';
	big.bytes = bigbuf;
	full.bytes = many_ids(MARKS_MAX_IDS + 1, &full.len);
	for (i = 0; i < nbad + 2; i++) {
		const struct bad_case *c = i < nbad ? &bad_cases[i] : i == nbad ? &big : &full;

		len = c->len ? c->len : strlen(c->bytes);
		snprintf(name, sizeof(name), "unreadable-%zu", i);
		path = fresh(name, dir, sizeof(dir));
		write_file(path, c->bytes, len);
		assert_int_equal(stat(path, &sb), 0);
		msg = marks_open(&m, NULL);
		assert_non_null(msg);
		want = malloc(strlen(path) + strlen(c->where) + strlen(c->what) + 100);
		sprintf(want, "Your saved marks could not be read: %s:%s%s%s", path, c->where,
			*c->where ? ": " : " ", c->what);
		if (strncmp(msg, want, strlen(want)) != 0 ||
		    !strstr(msg, "Fix that, or remove the file; until then your marks are kept for this run only and not saved over it."))
			fail_msg("%s: got \"%s\"", c->name, msg);
		free(want);
		free(msg);
		assert_empty(&m);
		/* A mark holds for the run; the file is not written over. */
		assert_int_equal(flip(&m, MARKS_TIPS, "relief/stretch", &msg), 1);
		assert_non_null(msg);
		assert_non_null(strstr(msg, "cannot be read, so it is not saved over"));
		free(msg);
		assert_true(has(&m, MARKS_TIPS, "relief/stretch"));
		assert_int_equal(marks_flush(&m, &msg), 0);
		free(msg);
		assert_untouched(path, c->bytes, len, sb.st_ino);
		/* Nothing set aside, nothing left beside it: only the lock. */
		assert_int_equal(count_names(dir, "", NULL, 0), 4);
		assert_int_equal(count_names(dir, "tips.yaml.lock", NULL, 0), 1);
		/* Once the person has fixed it, the marks are saved into it. */
		write_file(path, "tips: [a/b]\n", 12);
		assert_int_equal(marks_flush(&m, &msg), 1);
		assert_null(msg);
		assert_list(&m, MARKS_TIPS, after, 2);
		bytes = slurp(path, &len);
		assert_non_null(strstr(bytes, "tips: [a/b, relief/stretch]\n"));
		free(bytes);
		marks_close(&m);
	}
	free(bigbuf);
	free((char *)full.bytes);
}

/* Not a file: a directory or a FIFO where the file should be. */
static void test_not_a_file(void **unused)
{
	char dir[4096], *path, *msg;
	struct marks m;
	struct stat sb;

	(void)unused;
	path = fresh("directory", dir, sizeof(dir));
	assert_int_equal(mkdir(path, 0700), 0);
	msg = marks_open(&m, NULL);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "tips.yaml: it is a directory, not a file. Fix that"));
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "a/b", &msg), 1);
	free(msg);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(count_names(dir, "", NULL, 0), 4);
	marks_close(&m);

	path = fresh("fifo", dir, sizeof(dir));
	assert_int_equal(mkfifo(path, 0600), 0);
	msg = marks_open(&m, NULL); /* and does not hang */
	assert_non_null(msg);
	assert_non_null(strstr(msg, "tips.yaml: it is not a regular file. Fix that"));
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "a/b", &msg), 1);
	free(msg);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	marks_close(&m);
}

static void test_unreadable(void **unused)
{
	char dir[4096], home[4096], *path, *got;
	struct stat sb;
	size_t len;
	pid_t pid;
	int status;

	(void)unused;
	path = fresh("no-permission", dir, sizeof(dir));
	write_file(path, "version: 1\ntips: [a/b]\n", 23);
	assert_int_equal(chmod(path, 0), 0);
	/* Root reads any file, so as root the guide runs as nobody here (in
	 * a child, in a directory nobody may write to). */
	snprintf(home, sizeof(home), "%s/no-permission", top);
	assert_int_equal(chmod(top, 0711), 0);
	assert_int_equal(chmod(home, 0711), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct marks m;
		char *msg;

		child_start();
		if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(10);
		msg = marks_open(&m, NULL);
		if (!msg || !strstr(msg, "tips.yaml: cannot open it: Permission denied. Fix that"))
			_exit(11);
		free(msg);
		if (flip(&m, MARKS_TIPS, "c/d", &msg) != 1 || !msg)
			_exit(12);
		free(msg);
		marks_close(&m);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(chmod(top, 0700), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0);
	assert_int_equal(chmod(path, 0600), 0);
	got = slurp(path, &len);
	assert_string_equal(got, "version: 1\ntips: [a/b]\n");
	free(got);
}

/* A file that went bad after loading: the save refuses to write over it
 * and says so in full once; the marks are kept and saved once it reads. */
static void test_bad_at_save(void **unused)
{
	char dir[4096], *path, *msg, want[4096 + 200];
	static const char *const tips[] = { "x/y", "c/d", "e/f" };
	struct marks m;
	struct stat sb;

	(void)unused;
	path = fresh("bad-at-save", dir, sizeof(dir));
	write_file(path, "version: 1\ntips: [a/b]\n", 23);
	assert_null(marks_open(&m, NULL));
	write_file(path, "\x01garbage", 8);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(flip(&m, MARKS_TIPS, "c/d", &msg), 1);
	snprintf(want, sizeof(want), "Your saved marks could not be read: %s:1:1: ", path);
	assert_non_null(msg);
	assert_memory_equal(msg, want, strlen(want));
	assert_non_null(strstr(msg, "not saved over it."));
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "e/f", &msg), 1);
	snprintf(want, sizeof(want), "%s cannot be read, so it is not saved over", path);
	assert_string_equal(msg, want);
	free(msg);
	assert_untouched(path, "\x01garbage", 8, sb.st_ino);
	assert_true(has(&m, MARKS_TIPS, "a/b"));
	write_file(path, "version: 1\ntips: [x/y]\n", 23);
	assert_int_equal(marks_flush(&m, &msg), 1);
	marks_close(&m);
	assert_null(marks_open(&m, NULL));
	assert_list(&m, MARKS_TIPS, tips, 3);
	marks_close(&m);
}

/* --- failed saves ------------------------------------------------------ */

static void test_save_impossible_path(void **unused)
{
	char dir[4096], home[4096 + 32], *msg;
	struct marks m;

	(void)unused;
	fresh("save-fails", dir, sizeof(dir));
	snprintf(home, sizeof(home), "/proc/crampguide-no-such-dir-%ld", (long)getpid());
	assert_int_equal(setenv("XDG_STATE_HOME", home, 1), 0);
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "a/b", &msg), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot create the directory /proc/crampguide-no-such-dir-"));
	free(msg);
	/* A failed save keeps its change for the next try. */
	assert_int_equal(m.nunsaved, 1);
	marks_close(&m);

	/* A file where a directory should be. */
	snprintf(home, sizeof(home), "%s/plain", dir);
	write_file(home, "x", 1);
	assert_int_equal(setenv("XDG_STATE_HOME", home, 1), 0);
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "a/b", &msg), 1);
	assert_non_null(strstr(msg, "/plain/crampguide: Not a directory"));
	free(msg);
	marks_close(&m);
	assert_int_equal(mkdir(home, 0700) == 0 || errno == EEXIST, 1);
	snprintf(home, sizeof(home), "%s/other", dir);
	assert_int_equal(mkdir(home, 0700), 0);
	strcat(home, "/crampguide");
	write_file(home, "x", 1);
	home[strlen(home) - strlen("/crampguide")] = '\0';
	assert_int_equal(setenv("XDG_STATE_HOME", home, 1), 0);
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "a/b", &msg), 1);
	assert_non_null(strstr(msg, "/other/crampguide is not a directory"));
	free(msg);
	assert_int_equal(m.nunsaved, 1);
	marks_close(&m);
}

static const char old_bytes[] =
	"# crampguide tip sheet: the tips you marked and the causes you ticked\n"
	"version: 1\ntips: [old/one]\ncauses: []\n";

static int old_intact(const char *path, const char *dir)
{
	size_t len;
	char *got = slurp(path, &len);
	int ok = got && len == sizeof(old_bytes) - 1 && memcmp(got, old_bytes, len) == 0 &&
		 count_names(dir, "tips.yaml.tmp", NULL, 0) == 0;

	free(got);
	return ok;
}

/* The lock cannot be taken: nothing is written. */
static void test_save_lock_fails(void **unused)
{
	char dir[4096], lock[4096 + 16], *path, *msg;
	struct marks m;

	(void)unused;
	path = fresh("lock-fails", dir, sizeof(dir));
	write_file(path, old_bytes, sizeof(old_bytes) - 1);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	assert_int_equal(mkdir(lock, 0700), 0);
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "new/one", &msg), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "cannot open "));
	assert_non_null(strstr(msg, ".lock: Is a directory"));
	assert_true(old_intact(path, dir));
	free(msg);
	marks_close(&m);
}

/* The lock is a link: it is not followed, so nothing is made where it points. */
static void test_lock_link(void **unused)
{
	char dir[4096], lock[4096 + 16], target[4096 + 16], *path, *msg;
	struct marks m;

	(void)unused;
	path = fresh("lock-link", dir, sizeof(dir));
	write_file(path, old_bytes, sizeof(old_bytes) - 1);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	snprintf(target, sizeof(target), "%s/elsewhere", dir);
	assert_int_equal(symlink(target, lock), 0);
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "new/one", &msg), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, ".lock: Too many levels of symbolic links"));
	assert_int_equal(access(target, F_OK), -1);
	assert_true(old_intact(path, dir));
	free(msg);
	marks_close(&m);
}

/* A marks file kept elsewhere through a link (a dotfiles repository): the
 * file it points to is updated and keeps its mode; the link stays. */
static void test_file_link(void **unused)
{
	char dir[4096], real[4096 + 32], realdir[4096 + 16], *path, *got;
	struct marks m;
	struct stat sb;
	size_t len;

	(void)unused;
	path = fresh("file-link", dir, sizeof(dir));
	snprintf(realdir, sizeof(realdir), "%s/dotfiles", dir);
	assert_int_equal(mkdir(realdir, 0700), 0);
	snprintf(real, sizeof(real), "%s/tips.yaml", realdir);
	write_file(real, old_bytes, sizeof(old_bytes) - 1);
	assert_int_equal(chmod(real, 0644), 0);
	assert_int_equal(symlink("dotfiles/tips.yaml", path), 0);
	assert_null(marks_open(&m, NULL));
	assert_true(has(&m, MARKS_TIPS, "old/one"));
	flip_saved(&m, MARKS_TIPS, "new/one", 1);
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(stat(real, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
	got = slurp(real, &len);
	assert_non_null(strstr(got, "tips: [old/one, new/one]\n"));
	free(got);
	assert_int_equal(count_names(realdir, "", NULL, 0), 3);
	marks_close(&m);
}

/* A file the person gave other permissions keeps them. */
static void test_mode_kept(void **unused)
{
	char dir[4096], *path;
	struct marks m;
	struct stat sb;

	(void)unused;
	path = fresh("mode-kept", dir, sizeof(dir));
	write_file(path, old_bytes, sizeof(old_bytes) - 1);
	assert_int_equal(chmod(path, 0640), 0);
	assert_null(marks_open(&m, NULL));
	flip_saved(&m, MARKS_CAUSES, "c/d", 1);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	marks_close(&m);
}

/* A full disk, made with RLIMIT_FSIZE so that it works as root too. */
static void test_save_disk_full(void **unused)
{
	char dir[4096], *path;
	pid_t pid;
	int status;

	(void)unused;
	path = fresh("disk-full", dir, sizeof(dir));
	write_file(path, old_bytes, sizeof(old_bytes) - 1);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rlimit rl = { sizeof(old_bytes) + 4, sizeof(old_bytes) + 4 };
		struct marks m;
		char *msg;

		child_start();
		signal(SIGXFSZ, SIG_IGN);
		if (marks_open(&m, NULL) || setrlimit(RLIMIT_FSIZE, &rl) != 0)
			_exit(10);
		if (flip(&m, MARKS_TIPS, "page/item-0", &msg) != 1 || !msg)
			_exit(11);
		if (!strstr(msg, "cannot write ") || !strstr(msg, "tips.yaml: File too large"))
			_exit(12);
		free(msg);
		if (m.nunsaved != 1)
			_exit(13);
		marks_close(&m);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_true(old_intact(path, dir));
}

/* --- a file system of our own ------------------------------------------ */

/* Write a whole string to a /proc file; 1 on success. */
static int put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return 0;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return close(fd) == 0 && ok;
}

/* In a forked child: a mount namespace of its own (as root, or through a
 * user namespace otherwise) with a fresh tmpfs of `size` on dir, so that a
 * full or read-only file system is real and nothing outside sees it.
 * Returns 0 when this system allows none of it. */
static int own_tmpfs(const char *dir, const char *size)
{
	char opts[64], map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWNS) != 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
			return 0;
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
		if (!put("/proc/self/uid_map", map) || !put("/proc/self/setgroups", "deny"))
			return 0;
		snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
		if (!put("/proc/self/gid_map", map))
			return 0;
	}
	/* Private, so the tmpfs is not propagated to the namespace we came from. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return 0;
	snprintf(opts, sizeof(opts), "size=%s,mode=0700", size);
	return mount("crampguide-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, opts) == 0;
}

/* Whether own_tmpfs() works here: tried once, in a child. */
static int tmpfs_possible(void)
{
	static int known = -1;
	char dir[64];
	pid_t pid;
	int status;

	if (known >= 0)
		return known;
	snprintf(dir, sizeof(dir), "/tmp/crampguide-mnt.XXXXXX");
	if (!mkdtemp(dir))
		return known = 0;
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		_exit(own_tmpfs(dir, "16k") ? 0 : 1);
	known = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		WEXITSTATUS(status) == 0;
	rmdir(dir);
	return known;
}

/* Fill the file system holding dir until a write fails; 1 when it is full. */
static int fill(const char *dir)
{
	char path[4096 + 16], block[4096];
	int fd, full = 0;

	snprintf(path, sizeof(path), "%s/filler", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return 0;
	memset(block, 'x', sizeof(block));
	for (;;) {
		ssize_t w = write(fd, block, sizeof(block));

		if (w < 0) {
			full = errno == ENOSPC;
			break;
		}
		/* A short write is the last page; the next one fails. */
	}
	close(fd);
	return full;
}

/* A full disk, for real: a 64 KiB tmpfs filled to the last page.  The save
 * fails with the system's words, the old file is byte for byte what it
 * was, no temporary file is left, and the changes are kept: once there is
 * room, the next save writes them. */
static void test_save_disk_full_tmpfs(void **unused)
{
	char dir[4096], home[4096], *path, filler[4096 + 16];
	pid_t pid;
	int status;

	(void)unused;
	path = fresh("tmpfs-full", dir, sizeof(dir));
	snprintf(home, sizeof(home), "%s/tmpfs-full", top);
	rmdir(dir);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct marks m;
		char *msg, id[32];
		int i;

		child_start();
		if (!own_tmpfs(home, "64k") || mkdir(dir, 0700) != 0)
			_exit(10);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1) || marks_open(&m, NULL))
			_exit(11);
		/* A first save makes the lock file while there is room. */
		if (flip(&m, MARKS_TIPS, "new/first", &msg) != 1 || msg)
			_exit(12);
		marks_close(&m);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1))
			_exit(19);
		if (marks_open(&m, NULL) || !fill(home))
			_exit(13);
		for (i = 0; i < 200; i++) {
			snprintf(id, sizeof(id), "page/item-%d", i);
			if (flip(&m, MARKS_TIPS, id, &msg) != 1 || !msg)
				_exit(14);
			if (!strstr(msg, "cannot write ") ||
			    !strstr(msg, "tips.yaml: No space left on device"))
				_exit(15);
			free(msg);
		}
		if (!old_intact(path, dir) || m.nunsaved != 200)
			_exit(16);
		snprintf(filler, sizeof(filler), "%s/filler", home);
		if (unlink(filler) != 0 || !marks_flush(&m, &msg))
			_exit(17);
		marks_close(&m);
		if (marks_open(&m, NULL) || !has(&m, MARKS_TIPS, "old/one") ||
		    !has(&m, MARKS_TIPS, "page/item-199") || m.lists[MARKS_TIPS].n != 201)
			_exit(18);
		marks_close(&m);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* A read-only file system (a tmpfs remounted read-only, so that it holds
 * for root too) or, where no file system of our own can be had, a
 * directory without write permission, entered as nobody when root. */
static void test_save_read_only(void **unused)
{
	char dir[4096], home[4096];
	pid_t pid;
	int status, mounted = tmpfs_possible();

	(void)unused;
	fresh(mounted ? "read-only-fs" : "read-only-dir", dir, sizeof(dir));
	snprintf(home, sizeof(home), "%s/%s", top, mounted ? "read-only-fs" : "read-only-dir");
	if (!mounted) {
		/* Nobody must be able to reach the directory and make its own. */
		assert_int_equal(chmod(top, 0711), 0);
		assert_int_equal(chmod(home, 0777), 0);
	}
	rmdir(dir);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char path[4096 + 24], *msg;
		struct marks m;

		child_start();
		if (mounted && !own_tmpfs(home, "64k"))
			_exit(10);
		if (!mounted && geteuid() == 0 &&
		    (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(11);
		snprintf(path, sizeof(path), "%s/tips.yaml", dir);
		if (mkdir(dir, 0700) != 0 || !child_write(path, old_bytes, sizeof(old_bytes) - 1) ||
		    marks_open(&m, NULL))
			_exit(12);
		/* With the lock file made, so the failure is the write itself. */
		if (flip(&m, MARKS_TIPS, "x/y", &msg) != 1 || msg)
			_exit(13);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1))
			_exit(14);
		if (mounted ? mount(NULL, home, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0
			    : chmod(dir, 0500) != 0)
			_exit(15);
		if (flip(&m, MARKS_TIPS, "x/z", &msg) != 1 || !msg)
			_exit(16);
		if (!strstr(msg, mounted ? ": Read-only file system" : ": Permission denied"))
			_exit(17);
		free(msg);
		if (!old_intact(path, dir) || m.nunsaved == 0)
			_exit(18);
		marks_close(&m);
		if (!mounted)
			chmod(dir, 0700);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	chmod(top, 0700);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	if (!mounted)
		print_message("# read-only: no file system of our own here; a directory without write permission instead\n");
}

/* --- ids and changes --------------------------------------------------- */

static void test_ids(void **unused)
{
	static const char *const bad[] = {
		"", "relief", "Relief/x", "relief/", "/x", "a/b/c", "a b/c", "a/b\n", "caf\xc3\xa9/x",
		"0/x", "x/0-9", "-a/b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x",
	};
	static const char *const order[] = { "b/two", "c/three" };
	char *msg, id[32], *home = getenv("HOME"), *xdg = getenv("XDG_STATE_HOME");
	struct marks m;
	size_t i;

	(void)unused;
	assert_true(guide_valid_id("a", 1));
	assert_true(guide_valid_id("a0-", 3));
	assert_false(guide_valid_id("0a", 2));
	assert_false(guide_valid_id("-a", 2));
	assert_false(guide_valid_id("", 0));
	assert_true(guide_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", GUIDE_ID_MAX));
	assert_false(guide_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", GUIDE_ID_MAX + 1));
	home = home ? strdup(home) : NULL;
	xdg = xdg ? strdup(xdg) : NULL;
	/* No home to keep them in: the changes stay in memory. */
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	assert_null(marks_open(&m, NULL));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(flip(&m, MARKS_TIPS, bad[i], &msg), -1);
	assert_int_equal(m.nunsaved, 0);

	assert_int_equal(flip(&m, MARKS_TIPS, "a/one", &msg), 1);
	assert_non_null(strstr(msg, "neither HOME nor XDG_STATE_HOME is set"));
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "b/two", &msg), 1);
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "c/three", &msg), 1);
	free(msg);
	assert_int_equal(flip(&m, MARKS_TIPS, "a/one", &msg), 0);
	free(msg);
	assert_list(&m, MARKS_TIPS, order, 2);
	assert_false(has(&m, MARKS_CAUSES, "b/two"));
	assert_int_equal(m.nunsaved, 3); /* one change per id */
	assert_int_equal(flip(&m, MARKS_CAUSES, "b/two", &msg), 1);
	free(msg);
	assert_int_equal(marks_clear(&m, &msg), 0);
	free(msg);
	assert_empty(&m);
	assert_int_equal(m.nunsaved, 4);

	for (i = 0; i < MARKS_MAX_IDS; i++) {
		snprintf(id, sizeof(id), "p/i%zu", i);
		assert_int_equal(flip(&m, MARKS_CAUSES, id, &msg), 1);
		free(msg);
	}
	assert_int_equal(flip(&m, MARKS_CAUSES, "p/one-too-many", &msg), -1);
	/* A full list says so. */
	assert_non_null(msg);
	free(msg);
	assert_int_equal(flip(&m, MARKS_CAUSES, "p/i0", &msg), 0);
	free(msg);
	marks_close(&m);
	assert_empty(&m);
	assert_int_equal(m.nunsaved, 0);
	if (home)
		setenv("HOME", home, 1);
	if (xdg)
		setenv("XDG_STATE_HOME", xdg, 1);
	free(home);
	free(xdg);
}

/* Two guides in one process, saving in turn: each keeps the other's marks,
 * and an unmark in one is not undone by the other. */
static void test_two_guides(void **unused)
{
	char dir[4096];
	struct marks a, b, c;
	static const char *const after_b[] = { "p/keep", "p/a", "p/b" };
	static const char *const after_a[] = { "p/b", "p/a2" };
	static const char *const after_clear[] = { "p/b2" };

	(void)unused;
	fresh("two-guides", dir, sizeof(dir));
	assert_null(marks_open(&a, NULL));
	flip_saved(&a, MARKS_TIPS, "p/keep", 1);
	flip_saved(&a, MARKS_TIPS, "p/gone", 1);
	marks_close(&a);

	assert_null(marks_open(&a, NULL));
	assert_null(marks_open(&b, NULL));
	flip_saved(&a, MARKS_TIPS, "p/a", 1);
	flip_saved(&a, MARKS_TIPS, "p/gone", 0);
	flip_saved(&b, MARKS_TIPS, "p/b", 1);
	/* b now shows a's changes too. */
	assert_list(&b, MARKS_TIPS, after_b, 3);
	assert_int_equal(b.nunsaved, 0);

	/* a has not seen b's mark; its next change keeps it all the same. */
	flip_saved(&a, MARKS_TIPS, "p/keep", 0);
	flip_saved(&a, MARKS_TIPS, "p/a2", 1);
	flip_saved(&a, MARKS_TIPS, "p/a", 0);
	assert_list(&a, MARKS_TIPS, after_a, 2);

	/* Clearing unmarks what this guide showed, not what came later. */
	flip_saved(&b, MARKS_TIPS, "p/b2", 1);
	assert_int_equal(marks_clear(&a, &(char *){ NULL }), 1);
	assert_null(marks_open(&c, NULL));
	assert_list(&c, MARKS_TIPS, after_clear, 1);
	marks_close(&a);
	marks_close(&b);
	marks_close(&c);
}

/* --- processes --------------------------------------------------------- */

#define KILL_ROUNDS 200
#define KILL_WRAP 300

/* The id of step i: a cause every third step, else a tip. */
static void step_id(size_t i, enum marks_list *l, char *id, size_t size)
{
	*l = i % 3 == 0 ? MARKS_CAUSES : MARKS_TIPS;
	snprintf(id, size, *l == MARKS_CAUSES ? "c/c%zu" : "p/t%zu", i);
}

static size_t total(const struct marks *m)
{
	return m->lists[MARKS_TIPS].n + m->lists[MARKS_CAUSES].n;
}

/* Mark ever more ids, one save each, then clear and start again: every
 * file written holds steps 0..k-1.  After each save that returned
 * success, its k goes down `acks`: it was acknowledged, and must never be
 * lost. */
static _Noreturn void save_forever(int ready, int acks)
{
	struct marks m;
	char *msg, id[32];
	enum marks_list l;

	child_start();
	if (marks_open(&m, NULL))
		_exit(3);
	if (write(ready, "", 1) != 1)
		_exit(5);
	for (;;) {
		size_t k = total(&m);
		uint16_t ack;

		if (k >= KILL_WRAP) {
			if (!marks_clear(&m, &msg))
				_exit(4);
		} else {
			step_id(k, &l, id, sizeof(id));
			if (flip(&m, l, id, &msg) != 1 || msg)
				_exit(4);
		}
		ack = (uint16_t)total(&m);
		if (write(acks, &ack, sizeof(ack)) != (ssize_t)sizeof(ack))
			_exit(6);
	}
}

/* The file save_forever() writes after the one with k ids. */
static size_t next_k(size_t k)
{
	return k >= KILL_WRAP ? 0 : k + 1;
}

/* Whether m is a file save_forever() writes; its k in *k. */
static int is_written_state(const struct marks *m, size_t *k)
{
	size_t i, at[MARKS_NLISTS] = { 0, 0 };
	enum marks_list l;
	char id[32];

	*k = total(m);
	if (*k > KILL_WRAP)
		return 0;
	for (i = 0; i < *k; i++) {
		step_id(i, &l, id, sizeof(id));
		if (at[l] >= m->lists[l].n || strcmp(m->lists[l].v[at[l]], id) != 0)
			return 0;
		at[l]++;
	}
	return 1;
}

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* How long a save of a mid-sized file takes here (more under valgrind). */
static long save_time_us(void)
{
	char dir[4096], id[32];
	struct marks m;
	long t0;
	int i;

	fresh("kill-timing", dir, sizeof(dir));
	assert_null(marks_open(&m, NULL));
	t0 = now_us();
	for (i = 0; i < 20; i++) {
		snprintf(id, sizeof(id), "p/t%d", i * 7);
		flip_saved(&m, MARKS_TIPS, id, 1);
	}
	marks_close(&m);
	return (now_us() - t0) / 20 + 1;
}

static void test_kill_while_saving(void **unused)
{
	char dir[4096], *path, *bytes, *msg, c;
	unsigned char seen[KILL_WRAP + 1] = { 0 };
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	int round, distinct = 0, midway = 0, landed = 0, status, ready[2], acks[2];
	size_t len, k, before = 0, acked_total = 0;
	long span;

	(void)unused;
	seed();
	/* Kill anywhere in a few saves' time (after the first save, below). */
	span = 6 * save_time_us();
	print_message("# one save takes about %ld us\n", span / 6);
	path = fresh("kill", dir, sizeof(dir));
	for (round = 0; round < KILL_ROUNDS; round++) {
		size_t last = before, nacks = 0;
		uint16_t ack;
		pid_t pid;

		assert_int_equal(pipe(ready), 0);
		assert_int_equal(pipe(acks), 0);
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(ready[0]);
			close(acks[0]);
			save_forever(ready[1], acks[1]);
		}
		close(ready[1]);
		close(acks[1]);
		assert_int_equal(read(ready[0], &c, 1), 1);
		close(ready[0]);
		/* Wait for the first save, then kill anywhere in the next few:
		 * a delay from the start alone would, on a loaded machine (or
		 * under a sanitizer), often kill before any save had begun. */
		assert_int_equal(read(acks[0], &ack, sizeof(ack)), (ssize_t)sizeof(ack));
		last = ack;
		nacks = 1;
		sleep_us((long)(rnd() % (uint32_t)span));
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (!WIFSIGNALED(status))
			fail_msg("round %d: the saver exited with status %d", round, WEXITSTATUS(status));
		/* Every save acknowledged before the kill, the last one last. */
		while (read(acks[0], &ack, sizeof(ack)) == (ssize_t)sizeof(ack)) {
			last = ack;
			nacks++;
		}
		close(acks[0]);
		acked_total += nacks;
		midway += count_names(dir, "tips.yaml.tmp", NULL, 0) > 0;
		bytes = slurp(path, &len);
		if (!bytes)
			fail_msg("round %d: the file is gone after %zu acknowledged saves", round, nacks);
		if (!parse(&m, bytes, len, &d))
			fail_msg("round %d: the file does not read (%s):\n%s", round, d.v[0].text, bytes);
		if (!is_written_state(&m, &k))
			fail_msg("round %d: the file holds marks never written:\n%s", round, bytes);
		/* The last acknowledged save, or the one after it if the kill
		 * came between its rename and its acknowledgement; anything
		 * else lost an acknowledged change (or invented one). */
		if (k != last && k != next_k(last))
			fail_msg("round %d: the file has %zu ids, but the last acknowledged save had %zu",
				 round, k, last);
		landed += k != last;
		before = k;
		distinct += !seen[k];
		seen[k] = 1;
		marks_close(&m);
		free(bytes);
	}
	print_message("# %d kills during %zu acknowledged saves: none lost, %d different files found, "
		      "%d kills midway through writing, %d just after a rename\n",
		      KILL_ROUNDS, acked_total, distinct, midway, landed);
	/* The saves really went on while being killed. */
	if (distinct < 20)
		fail_msg("only %d different files seen in %d kills", distinct, KILL_ROUNDS);
	if (acked_total < KILL_ROUNDS / 4)
		fail_msg("only %zu saves acknowledged in %d rounds", acked_total, KILL_ROUNDS);
	/* The next save takes over a temporary file a killed one left, so
	 * none is left behind, and nothing else is either. */
	assert_null(marks_open(&m, NULL));
	assert_int_equal(flip(&m, MARKS_TIPS, "p/last", &msg), total(&m) >= KILL_WRAP ? -1 : 1);
	assert_null(msg);
	marks_close(&m);
	assert_int_equal(count_names(dir, "tips.yaml.tmp", NULL, 0), 0);
	assert_int_equal(count_names(dir, "", NULL, 0), 4);
}

#define WRITER_SAVES 100

/* Mark WRITER_SAVES ids of its own one at a time, saving after each, and
 * unmark "shared/<who>"; exit 0 when every change was saved.  A save that
 * found the other writer holding the lock past the store's short wait (a
 * busy machine) is kept and saved with a later one, as in the guide. */
static _Noreturn void writer(char who, uint32_t s)
{
	struct marks m;
	char *msg, id[32];
	int i;

	child_start();
	rnd_state = s;
	if (marks_open(&m, NULL))
		_exit(3);
	for (i = 0; i < WRITER_SAVES; i++) {
		snprintf(id, sizeof(id), "%c/t%d", who, i);
		if (flip(&m, MARKS_TIPS, id, &msg) != 1 || (msg && !m.busy))
			_exit(4);
		free(msg);
		if (i == WRITER_SAVES / 2) {
			snprintf(id, sizeof(id), "shared/%c", who);
			if (flip(&m, MARKS_TIPS, id, &msg) != 0 || (msg && !m.busy))
				_exit(5);
			free(msg);
			snprintf(id, sizeof(id), "%c/cause", who);
			if (flip(&m, MARKS_CAUSES, id, &msg) != 1 || (msg && !m.busy))
				_exit(6);
			free(msg);
		}
		sleep_us((long)(rnd() % 300));
	}
	for (i = 0; !marks_flush(&m, &msg); i++) {
		if (!m.busy || i == 100)
			_exit(7);
		free(msg);
		sleep_us(1000);
	}
	marks_close(&m);
	_exit(0);
}

static void test_two_writers(void **unused)
{
	char dir[4096], id[32];
	struct marks m;
	pid_t pid[2];
	int i, status[2];

	(void)unused;
	seed();
	fresh("two-writers", dir, sizeof(dir));
	assert_null(marks_open(&m, NULL));
	flip_saved(&m, MARKS_TIPS, "shared/a", 1);
	flip_saved(&m, MARKS_TIPS, "shared/b", 1);
	flip_saved(&m, MARKS_TIPS, "shared/y", 1);
	marks_close(&m);
	fflush(NULL);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0)
			writer(i ? 'b' : 'a', rnd() | 1);
	}
	/* Both reaped before any assertion, so none outlives a failure. */
	for (i = 0; i < 2; i++)
		assert_int_equal(waitpid(pid[i], &status[i], 0), pid[i]);
	for (i = 0; i < 2; i++) {
		assert_true(WIFEXITED(status[i]));
		assert_int_equal(WEXITSTATUS(status[i]), 0);
	}
	assert_null(marks_open(&m, NULL));
	assert_int_equal(m.lists[MARKS_TIPS].n, 1 + 2 * WRITER_SAVES);
	assert_true(has(&m, MARKS_TIPS, "shared/y"));
	assert_false(has(&m, MARKS_TIPS, "shared/a"));
	assert_false(has(&m, MARKS_TIPS, "shared/b"));
	for (i = 0; i < WRITER_SAVES; i++) {
		snprintf(id, sizeof(id), "a/t%d", i);
		assert_true(has(&m, MARKS_TIPS, id));
		snprintf(id, sizeof(id), "b/t%d", i);
		assert_true(has(&m, MARKS_TIPS, id));
	}
	assert_true(has(&m, MARKS_CAUSES, "a/cause"));
	assert_true(has(&m, MARKS_CAUSES, "b/cause"));
	marks_close(&m);
}

/* --- where the file lives ---------------------------------------------- */

static void put_env(const char *name, const char *value)
{
	if (value)
		assert_int_equal(setenv(name, value, 1), 0);
	else
		assert_int_equal(unsetenv(name), 0);
}

static void expect_path(const char *xdg, const char *home, const char *want)
{
	struct marks m;

	put_env("XDG_STATE_HOME", xdg);
	put_env("HOME", home);
	assert_null(marks_open(&m, NULL));
	if (!want)
		assert_null(m.path);
	else
		assert_string_equal(m.path, want);
	marks_close(&m);
}

static void test_default_path(void **unused)
{
	char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	(void)unused;
	xdg = xdg ? strdup(xdg) : NULL;
	home = home ? strdup(home) : NULL;
	expect_path("/nonexistent-s", "/home/u", "/nonexistent-s/crampguide/tips.yaml");
	expect_path("relative", "/nonexistent-h", "/nonexistent-h/.local/state/crampguide/tips.yaml");
	expect_path("", "/nonexistent-h", "/nonexistent-h/.local/state/crampguide/tips.yaml");
	expect_path(NULL, "/nonexistent-h", "/nonexistent-h/.local/state/crampguide/tips.yaml");
	expect_path("/nonexistent-s", NULL, "/nonexistent-s/crampguide/tips.yaml");
	expect_path(NULL, NULL, NULL);
	expect_path("", "", NULL);
	expect_path("relative", "home", NULL);
	put_env("XDG_STATE_HOME", xdg);
	put_env("HOME", home);
	free(xdg);
	free(home);
}

/* --- any bytes at all -------------------------------------------------- */

static void check_parse(const char *buf, size_t len)
{
	struct diag d = { NULL, 0, 0 };
	struct marks m;
	size_t i, j;
	int l;

	if (parse(&m, buf, len, &d)) {
		assert_int_equal(d.n, 0);
		for (l = 0; l < MARKS_NLISTS; l++) {
			for (i = 0; i < m.lists[l].n; i++) {
				const char *id = m.lists[l].v[i], *slash = strchr(id, '/');

				assert_non_null(slash);
				assert_true(guide_valid_id(id, (size_t)(slash - id)));
				assert_true(guide_valid_id(slash + 1, strlen(slash + 1)));
				for (j = 0; j < i; j++)
					assert_true(strcmp(m.lists[l].v[j], id) != 0);
			}
		}
		marks_close(&m);
	} else {
		assert_true(d.n > 0);
		assert_empty(&m);
		diag_free(&d);
	}
}

/* A quick stand-in for the fuzzer: random bytes, and a valid file with
 * random bytes changed, never crash and give valid marks or a reason. */
static void test_parse_any_bytes(void **unused)
{
	static const char good[] =
		"# crampguide tip sheet\nversion: 1\ntips: [relief/stretch, p/x]\ncauses: [c/d]\n";
	static const char alphabet[] = "[]{}:,-&*!|>'\"#%@` \n\tab/1\\.?";
	char buf[256];
	int i, j;

	(void)unused;
	seed();
	for (i = 0; i < 20000; i++) {
		size_t len = rnd() % sizeof(buf);

		if (i % 2) {
			for (j = 0; j < (int)len; j++)
				buf[j] = (char)rnd();
		} else {
			len = sizeof(good) - 1;
			memcpy(buf, good, len);
			for (j = (int)(rnd() % 4); j >= 0; j--)
				buf[rnd() % len] = alphabet[rnd() % (sizeof(alphabet) - 1)];
		}
		check_parse(buf, len);
	}
}

static void skipped(void **unused)
{
	(void)unused;
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_refuses),
		cmocka_unit_test(test_too_many_ids),
		cmocka_unit_test(test_unreadable_left_alone),
		cmocka_unit_test(test_not_a_file),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_bad_at_save),
		cmocka_unit_test(test_save_impossible_path),
		cmocka_unit_test(test_save_lock_fails),
		cmocka_unit_test(test_lock_link),
		cmocka_unit_test(test_file_link),
		cmocka_unit_test(test_mode_kept),
		cmocka_unit_test(test_save_disk_full),
		cmocka_unit_test(test_save_disk_full_tmpfs),
		cmocka_unit_test(test_save_read_only),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_two_guides),
		cmocka_unit_test(test_kill_while_saving),
		cmocka_unit_test(test_two_writers),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_parse_any_bytes),
	};
	size_t i;

	/* cmocka's skip() prints "not ok # SKIP", which TAP counts as a
	 * failure, so a skipped test gets the directive in its name instead. */
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (tests[i].test_func == test_save_disk_full_tmpfs && !tmpfs_possible()) {
			tests[i].name = "test_save_disk_full_tmpfs # SKIP no mount namespace of our own here "
					"(test_save_disk_full fills the disk with RLIMIT_FSIZE instead)";
			tests[i].test_func = skipped;
		}
	}
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, setup, teardown);
}
