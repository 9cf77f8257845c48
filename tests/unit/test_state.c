/* test_state.c - the saved tip-sheet marks: the file format, what happens
 * to unreadable files, failed saves (a full disk and a read-only file
 * system for real, on a tmpfs of our own where the system allows one),
 * kill -9 in the middle of hundreds of saves without losing one that was
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

#include "state.h"

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

/* A new empty directory for one test; returns "DIR/tips.yaml" in it. */
static char *fresh(const char *name, char *dir, size_t size)
{
	static char path[4096];

	snprintf(dir, size, "%s/%s", top, name);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/tips.yaml", dir);
	return path;
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

static void assert_empty(const struct state *st)
{
	assert_int_equal(st->lists[STATE_TIPS].n, 0);
	assert_int_equal(st->lists[STATE_CAUSES].n, 0);
}

static void assert_list(const struct state *st, enum state_list l, const char *const *want,
			size_t n)
{
	size_t i;

	assert_int_equal(st->lists[l].n, n);
	for (i = 0; i < n; i++)
		assert_string_equal(st->lists[l].v[i], want[i]);
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

/* --- the format -------------------------------------------------------- */

static void test_round_trip(void **unused)
{
	char dir[4096], path[4096 + 16], *bytes, *msg = NULL;
	struct state a, b;
	struct stat sb;
	size_t len;
	static const char *const tips[] = { "relief/stretch", "prevention/drink-water", "0/-" };
	static const char *const causes[] = { "causes/dehydration" };

	(void)unused;
	fresh("round-trip", dir, sizeof(dir));
	/* Saved into directories that do not exist yet. */
	strcat(dir, "/new/deeper");
	snprintf(path, sizeof(path), "%s/tips.yaml", dir);
	state_init(&a);
	assert_int_equal(state_toggle(&a, STATE_TIPS, "relief/stretch"), 1);
	assert_int_equal(state_toggle(&a, STATE_TIPS, "prevention/drink-water"), 1);
	assert_int_equal(state_toggle(&a, STATE_TIPS, "0/-"), 1);
	assert_int_equal(state_toggle(&a, STATE_CAUSES, "causes/dehydration"), 1);
	assert_int_equal(state_save(&a, path, &msg), 1);
	assert_null(msg);

	bytes = slurp(path, &len);
	assert_non_null(bytes);
	assert_string_equal(bytes,
		"# crampguide tip sheet: the tips you marked and the causes you ticked\n"
		"version: 1\n"
		"tips: [relief/stretch, prevention/drink-water, 0/-]\n"
		"causes: [causes/dehydration]\n");
	free(bytes);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);

	assert_int_equal(state_load(&b, path, &msg), 1);
	assert_null(msg);
	assert_list(&b, STATE_TIPS, tips, 3);
	assert_list(&b, STATE_CAUSES, causes, 1);
	assert_int_equal(b.njournal, 0);
	assert_true(state_has(&b, STATE_TIPS, "0/-"));
	assert_false(state_has(&b, STATE_CAUSES, "relief/stretch"));
	state_free(&a);
	state_free(&b);
}

static void test_missing_file(void **unused)
{
	char dir[4096], *path, *msg = (char *)"unset";
	struct state st;

	(void)unused;
	path = fresh("missing", dir, sizeof(dir));
	assert_int_equal(state_load(&st, path, &msg), 1);
	assert_null(msg);
	assert_empty(&st);
	/* Saving without changes writes nothing, not even a directory. */
	strcat(path, ".d/tips.yaml");
	assert_int_equal(state_save(&st, path, &msg), 1);
	assert_null(msg);
	assert_int_equal(count_names(dir, "", NULL, 0), 2); /* . and .. */
	state_free(&st);
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
	};
	struct state st;
	char *why;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (!state_parse(&st, cases[i].yaml, strlen(cases[i].yaml), &why))
			fail_msg("case %zu refused: %s", i, why);
		assert_null(why);
		assert_int_equal(st.lists[STATE_TIPS].n, cases[i].ntips);
		assert_int_equal(st.lists[STATE_CAUSES].n, cases[i].ncauses);
		state_free(&st);
	}
}

/* Bad files: each one refused with this reason. */
static const struct bad_case {
	const char *name;
	const char *bytes;
	size_t len; /* 0: strlen */
	const char *why;
} bad_cases[] = {
	{ "bad YAML", "version: 1\ntips: [a/b\n", 0,
	  "not valid YAML: did not find expected ',' or ']' while parsing a flow sequence at line 3" },
	{ "binary", "\x7f" "ELF\x02\x01\x01\0\0\0", 10, "a NUL byte at byte 7; it is not a text file" },
	{ "invalid UTF-8", "version: 1\ntips: [caf\xe9/x]\n", 0, "invalid UTF-8 at byte 21" },
	{ "UTF-16", "\xff\xfev\0e\0r\0", 8, "a NUL byte at byte 3; it is not a text file" },
	{ "control character", "version: 1\x1b[2J\n", 0,
	  "not valid YAML: control characters are not allowed at byte 10" },
	{ "not a mapping", "- a/b\n", 0, "it is not a list of keys starting with 'version: 1'" },
	{ "no version", "tips: [a/b]\n", 0, "it has no 'version: 1'" },
	{ "other version", "version: 2\n", 0,
	  "it is version '2'; this crampguide reads version 1" },
	{ "unknown key", "version: 1\nmarks: []\n", 0, "unknown key 'marks' at line 2" },
	{ "key twice", "version: 1\ntips: []\ntips: []\n", 0, "a key is given twice at line 3" },
	{ "tips a mapping", "version: 1\ntips: {a: b}\n", 0, "'tips' at line 2 is not a list" },
	{ "tips a string", "version: 1\ntips: a/b\n", 0, "'tips' at line 2 is not a list" },
	{ "nested list", "version: 1\ncauses: [[a/b]]\n", 0,
	  "'causes' at line 2 holds something other than ids" },
	{ "bad id", "version: 1\ntips: [Relief/Stretch]\n", 0,
	  "'Relief/Stretch' at line 2 is not an id like 'page/item'" },
	{ "id without page", "version: 1\ntips: [stretch]\n", 0,
	  "'stretch' at line 2 is not an id like 'page/item'" },
	{ "alias", "version: 1\ntips: &t [a/b]\ncauses: *t\n", 0,
	  "an anchor or tag at line 2; the file never has any" },
	{ "bare alias", "version: 1\ntips: [*x]\n", 0,
	  "an alias at line 2; the file never has any" },
	{ "tag", "version: 1\ntips: [!!str a/b]\n", 0,
	  "an anchor or tag at line 2; the file never has any" },
	{ "deep", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0,
	  "it is not a list of keys starting with 'version: 1'" },
	{ "two documents", "version: 1\n---\nversion: 1\n", 0, "a second document at line 2" },
};

static void test_parse_refuses(void **unused)
{
	struct state st;
	char *why;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		size_t len = c->len ? c->len : strlen(c->bytes);

		if (state_parse(&st, c->bytes, len, &why))
			fail_msg("%s: accepted", c->name);
		assert_non_null(why);
		if (strcmp(why, c->why) != 0)
			fail_msg("%s: got \"%s\"", c->name, why);
		assert_empty(&st);
		free(why);
	}
}

static void test_too_many_ids(void **unused)
{
	size_t cap = 64 + (size_t)(STATE_MAX_IDS + 1) * 16, n = 0, i;
	char *buf = malloc(cap), *why;
	struct state st;

	(void)unused;
	n += (size_t)sprintf(buf, "version: 1\ntips: [");
	for (i = 0; i <= STATE_MAX_IDS; i++)
		n += (size_t)sprintf(buf + n, "p/i%zu,", i);
	n += (size_t)sprintf(buf + n, "]\n");
	assert_int_equal(state_parse(&st, buf, n, &why), 0);
	assert_string_equal(why, "'tips' holds more than 2000 ids");
	free(why);
	free(buf);
}

/* Every bad kind of file is moved aside with its bytes intact, the person
 * is told in one sentence, and the guide starts empty. */
static void test_corrupt_moved_aside(void **unused)
{
	char dir[4096], name[64], aside[4096], *path, *msg, *got, *want;
	size_t i, len, glen;
	struct state st;
	struct bad_case big = { "too big", NULL, STATE_MAX_BYTES + 1, "it is larger than 1 MiB" };
	char *bigbuf = malloc(big.len);

	(void)unused;
	/* A well-formed file padded with a comment to one byte over. */
	memset(bigbuf, ' ', big.len);
	memcpy(bigbuf, "version: 1\n#", 12);
	bigbuf[big.len - 1] = '\n';
	big.bytes = bigbuf;
	for (i = 0; i <= sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = i < sizeof(bad_cases) / sizeof(bad_cases[0]) ? &bad_cases[i] : &big;

		len = c->len ? c->len : strlen(c->bytes);
		snprintf(name, sizeof(name), "corrupt-%zu", i);
		path = fresh(name, dir, sizeof(dir));
		write_file(path, c->bytes, len);
		assert_int_equal(state_load(&st, path, &msg), 0);
		assert_empty(&st);
		assert_int_equal(count_names(dir, "tips.yaml.corrupt-", aside, sizeof(aside)), 1);
		assert_int_equal(access(path, F_OK), -1);
		want = malloc(strlen(path) + strlen(c->why) + strlen(aside) + 200);
		sprintf(want, "Your saved tips in %s could not be read (%s); they were moved to %s, and the guide starts fresh.",
			path, c->why, aside);
		if (strcmp(msg, want) != 0)
			fail_msg("%s: got \"%s\"", c->name, msg);
		got = slurp(aside, &glen);
		assert_non_null(got);
		assert_int_equal(glen, len);
		assert_memory_equal(got, c->bytes, len);
		free(got);
		free(want);
		free(msg);
		state_free(&st);
	}
	free(bigbuf);
}

/* An aside never replaces an earlier one, even within the same second. */
static void test_aside_not_clobbered(void **unused)
{
	char dir[4096], taken[4096], stamp[32], *path, *msg, *got;
	time_t now = time(NULL);
	struct state st;
	size_t len;
	int i;

	(void)unused;
	path = fresh("aside-taken", dir, sizeof(dir));
	/* Take the names of this second and the next few. */
	for (i = 0; i < 3; i++) {
		time_t t = now + i;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
		snprintf(taken, sizeof(taken), "%s.corrupt-%s", path, stamp);
		write_file(taken, "older\n", 6);
	}
	write_file(path, "version: [\n", 11);
	assert_int_equal(state_load(&st, path, &msg), 0);
	assert_non_null(strstr(msg, ".corrupt-"));
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", NULL, 0), 4);
	assert_int_equal(access(path, F_OK), -1);
	for (i = 0; i < 3; i++) {
		time_t t = now + i;
		struct tm tm;

		localtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
		snprintf(taken, sizeof(taken), "%s.corrupt-%s", path, stamp);
		got = slurp(taken, &len);
		assert_non_null(got);
		assert_string_equal(got, "older\n");
		free(got);
	}
	free(msg);
	state_free(&st);
}

/* Not a file: a directory or a FIFO where the file should be. */
static void test_not_a_file(void **unused)
{
	char dir[4096], aside[4096], *path, *msg;
	struct state st;
	struct stat sb;

	(void)unused;
	path = fresh("directory", dir, sizeof(dir));
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(state_load(&st, path, &msg), 0);
	assert_non_null(strstr(msg, "could not be read (it is a directory); they were moved to "));
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", aside, sizeof(aside)), 1);
	assert_int_equal(stat(aside, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(access(path, F_OK), -1);
	free(msg);
	state_free(&st);

	path = fresh("fifo", dir, sizeof(dir));
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(state_load(&st, path, &msg), 0); /* and does not hang */
	assert_non_null(strstr(msg, "could not be read (it is not a regular file); they were moved to "));
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", NULL, 0), 1);
	free(msg);
	state_free(&st);
}

static void test_unreadable(void **unused)
{
	char dir[4096], aside[4096], *path, *got;
	size_t len;
	pid_t pid;
	int status;

	(void)unused;
	path = fresh("unreadable", dir, sizeof(dir));
	write_file(path, "version: 1\ntips: [a/b]\n", 23);
	assert_int_equal(chmod(path, 0), 0);
	/* Root reads any file, so as root the guide runs as nobody here (in
	 * a child, in a directory nobody may write to). */
	assert_int_equal(chmod(top, 0711), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct state st;
		char *msg;

		child_start();
		if (geteuid() == 0 && (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(10);
		if (state_load(&st, path, &msg) != 0)
			_exit(11);
		if (!strstr(msg, "could not be read (Permission denied); they were moved to "))
			_exit(12);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(chmod(top, 0700), 0);
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", aside, sizeof(aside)), 1);
	assert_int_equal(chmod(aside, 0600), 0);
	got = slurp(aside, &len);
	assert_string_equal(got, "version: 1\ntips: [a/b]\n");
	free(got);
}

/* A file that went bad after loading is set aside by the save, which then
 * writes what this guide shows. */
static void test_corrupt_at_save(void **unused)
{
	char dir[4096], aside[4096], *path, *msg, *got;
	static const char *const tips[] = { "a/b", "c/d" };
	struct state st;
	size_t len;

	(void)unused;
	path = fresh("corrupt-at-save", dir, sizeof(dir));
	write_file(path, "version: 1\ntips: [a/b]\n", 23);
	assert_int_equal(state_load(&st, path, &msg), 1);
	write_file(path, "\x01garbage", 8);
	assert_int_equal(state_set(&st, STATE_TIPS, "c/d", true), 1);
	assert_int_equal(state_save(&st, path, &msg), 1);
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", aside, sizeof(aside)), 1);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "; they were moved to "));
	assert_non_null(strstr(msg, ", and your tips were saved afresh."));
	got = slurp(aside, &len);
	assert_int_equal(len, 8);
	assert_memory_equal(got, "\x01garbage", 8);
	free(got);
	free(msg);
	state_free(&st);
	assert_int_equal(state_load(&st, path, &msg), 1);
	assert_list(&st, STATE_TIPS, tips, 2);
	state_free(&st);
}

/* --- failed saves ------------------------------------------------------ */

static void test_save_impossible_path(void **unused)
{
	char dir[4096], path[4096 + 32], *msg;
	struct state st;

	(void)unused;
	fresh("save-fails", dir, sizeof(dir));
	state_init(&st);
	assert_int_equal(state_set(&st, STATE_TIPS, "a/b", true), 1);

	snprintf(path, sizeof(path), "/proc/crampguide-no-such-dir-%ld/tips.yaml", (long)getpid());
	assert_int_equal(state_save(&st, path, &msg), 0);
	assert_non_null(msg);
	assert_non_null(strstr(msg, "Your tips were not saved: cannot create the directory /proc/crampguide-no-such-dir-"));
	free(msg);

	/* A file where a directory should be. */
	snprintf(path, sizeof(path), "%s/plain", dir);
	write_file(path, "x", 1);
	snprintf(path, sizeof(path), "%s/plain/tips.yaml", dir);
	assert_int_equal(state_save(&st, path, &msg), 0);
	assert_non_null(strstr(msg, "/plain is not a directory."));
	free(msg);
	snprintf(path, sizeof(path), "%s/plain/sub/tips.yaml", dir);
	assert_int_equal(state_save(&st, path, &msg), 0);
	assert_non_null(strstr(msg, "/plain/sub: Not a directory."));
	free(msg);
	/* A failed save keeps its changes for the next try. */
	assert_int_equal(st.njournal, 1);
	state_free(&st);
}

static const char old_bytes[] =
	"# crampguide tip sheet: the tips you marked and the causes you ticked\n"
	"version: 1\ntips: [old/one]\ncauses: []\n";

static void assert_old_intact(const char *path, const char *dir)
{
	size_t len;
	char *got = slurp(path, &len);

	assert_non_null(got);
	assert_int_equal(len, sizeof(old_bytes) - 1);
	assert_memory_equal(got, old_bytes, len);
	free(got);
	/* No temporary file left behind either. */
	assert_int_equal(count_names(dir, "tips.yaml.tmp", NULL, 0), 0);
}

/* The lock cannot be taken: nothing is written. */
static void test_save_lock_fails(void **unused)
{
	char dir[4096], lock[4096], *path, *msg;
	struct state st;

	(void)unused;
	path = fresh("lock-fails", dir, sizeof(dir));
	write_file(path, old_bytes, sizeof(old_bytes) - 1);
	snprintf(lock, sizeof(lock), "%s.lock", path);
	assert_int_equal(mkdir(lock, 0700), 0);
	assert_int_equal(state_load(&st, path, &msg), 1);
	assert_int_equal(state_toggle(&st, STATE_TIPS, "new/one"), 1);
	assert_int_equal(state_save(&st, path, &msg), 0);
	assert_non_null(strstr(msg, "Your tips were not saved: cannot open "));
	assert_non_null(strstr(msg, ".lock: Is a directory."));
	assert_old_intact(path, dir);
	free(msg);
	state_free(&st);
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
		struct rlimit rl = { 1024, 1024 };
		struct state st;
		char *msg, id[32];
		int i;

		child_start();
		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0 || !state_load(&st, path, &msg))
			_exit(10);
		for (i = 0; i < 500; i++) {
			snprintf(id, sizeof(id), "page/item-%d", i);
			state_set(&st, STATE_TIPS, id, true);
		}
		if (state_save(&st, path, &msg))
			_exit(11);
		if (!strstr(msg, "Your tips were not saved: cannot write ") ||
		    !strstr(msg, "tips.yaml: File too large."))
			_exit(12);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_old_intact(path, dir);
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

static int old_intact(const char *path, const char *dir)
{
	size_t len;
	char *got = slurp(path, &len);
	int ok = got && len == sizeof(old_bytes) - 1 && memcmp(got, old_bytes, len) == 0 &&
		 count_names(dir, "tips.yaml.tmp", NULL, 0) == 0;

	free(got);
	return ok;
}

/* A full disk, for real: a 64 KiB tmpfs filled to the last page.  The save
 * fails with the system's words, the old file is byte for byte what it
 * was, no temporary file is left, and the change is kept: once there is
 * room, the next save writes it. */
static void test_save_disk_full_tmpfs(void **unused)
{
	char dir[4096], *path, filler[4096 + 16];
	pid_t pid;
	int status;

	(void)unused;
	path = fresh("tmpfs-full", dir, sizeof(dir));
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct state st;
		char *msg, id[32];
		int i;

		child_start();
		if (!own_tmpfs(dir, "64k"))
			_exit(10);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1) || !state_load(&st, path, &msg))
			_exit(11);
		/* A first save makes the lock file while there is room. */
		state_set(&st, STATE_TIPS, "new/first", true);
		if (!state_save(&st, path, &msg))
			_exit(12);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1))
			_exit(19);
		state_free(&st);
		if (!state_load(&st, path, &msg) || !fill(dir))
			_exit(13);
		for (i = 0; i < 200; i++) {
			snprintf(id, sizeof(id), "page/item-%d", i);
			state_set(&st, STATE_TIPS, id, true);
		}
		if (state_save(&st, path, &msg))
			_exit(14);
		if (!strstr(msg, "Your tips were not saved: cannot write ") ||
		    !strstr(msg, "tips.yaml: No space left on device."))
			_exit(15);
		free(msg);
		if (!old_intact(path, dir) || st.njournal != 200)
			_exit(16);
		snprintf(filler, sizeof(filler), "%s/filler", dir);
		if (unlink(filler) != 0 || !state_save(&st, path, &msg))
			_exit(17);
		state_free(&st);
		if (!state_load(&st, path, &msg) || st.lists[STATE_TIPS].n != 201 ||
		    !state_has(&st, STATE_TIPS, "page/item-199"))
			_exit(18);
		state_free(&st);
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
	char dir[4096];
	pid_t pid;
	int status, mounted = tmpfs_possible();

	(void)unused;
	fresh(mounted ? "read-only-fs" : "read-only-dir", dir, sizeof(dir));
	if (!mounted) {
		/* Nobody must be able to reach the directory and make its own. */
		assert_int_equal(chmod(top, 0711), 0);
		assert_int_equal(chmod(dir, 0777), 0);
	}
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char sub[4096 + 8], path[4096 + 24], *msg;
		struct state st;

		child_start();
		if (mounted && !own_tmpfs(dir, "64k"))
			_exit(10);
		if (!mounted && geteuid() == 0 &&
		    (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0))
			_exit(11);
		snprintf(sub, sizeof(sub), "%s/ro", dir);
		snprintf(path, sizeof(path), "%s/tips.yaml", sub);
		if (mkdir(sub, 0700) != 0 || !child_write(path, old_bytes, sizeof(old_bytes) - 1) ||
		    !state_load(&st, path, &msg))
			_exit(12);
		/* With the lock file made, so the failure is the write itself. */
		state_toggle(&st, STATE_TIPS, "x/y");
		if (!state_save(&st, path, &msg))
			_exit(13);
		if (!child_write(path, old_bytes, sizeof(old_bytes) - 1))
			_exit(14);
		if (mounted ? mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0
			    : chmod(sub, 0500) != 0)
			_exit(15);
		state_toggle(&st, STATE_TIPS, "x/z");
		if (state_save(&st, path, &msg))
			_exit(16);
		if (!strstr(msg, "Your tips were not saved: ") ||
		    !strstr(msg, mounted ? ": Read-only file system." : ": Permission denied."))
			_exit(17);
		free(msg);
		if (!old_intact(path, sub) || st.njournal == 0)
			_exit(18);
		state_free(&st);
		if (!mounted)
			chmod(sub, 0700);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	chmod(top, 0700);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	if (!mounted)
		print_message("# read-only: no file system of our own here; a directory without write permission instead\n");
}

/* --- sets and the journal ---------------------------------------------- */

static void test_set_ops(void **unused)
{
	static const char *const bad[] = {
		"", "relief", "Relief/x", "relief/", "/x", "a/b/c", "a b/c", "a/b\n", "caf\xc3\xa9/x",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/x",
	};
	static const char *const order[] = { "b/2", "c/3" };
	struct state st;
	char id[32];
	size_t i;

	(void)unused;
	state_init(&st);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(state_valid_id(bad[i]));
		assert_int_equal(state_toggle(&st, STATE_TIPS, bad[i]), -1);
	}
	assert_false(state_valid_id(NULL));
	assert_int_equal(state_set(&st, STATE_TIPS, NULL, true), 0);
	assert_true(state_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/0-9"));
	assert_int_equal(st.njournal, 0);

	assert_int_equal(state_toggle(&st, STATE_TIPS, "a/1"), 1);
	assert_int_equal(state_toggle(&st, STATE_TIPS, "b/2"), 1);
	assert_int_equal(state_toggle(&st, STATE_TIPS, "c/3"), 1);
	assert_int_equal(state_toggle(&st, STATE_TIPS, "a/1"), 0);
	assert_list(&st, STATE_TIPS, order, 2);
	assert_false(state_has(&st, STATE_CAUSES, "b/2"));
	assert_int_equal(st.njournal, 3); /* one entry per id */
	assert_int_equal(state_set(&st, STATE_CAUSES, "b/2", true), 1);
	assert_int_equal(state_set(&st, STATE_CAUSES, "b/2", true), 1);
	assert_int_equal(st.lists[STATE_CAUSES].n, 1);
	state_clear(&st);
	assert_empty(&st);
	assert_int_equal(st.njournal, 4);

	for (i = 0; i < STATE_MAX_IDS; i++) {
		snprintf(id, sizeof(id), "p/i%zu", i);
		assert_int_equal(state_set(&st, STATE_CAUSES, id, true), 1);
	}
	assert_int_equal(state_set(&st, STATE_CAUSES, "p/one-too-many", true), 0);
	assert_int_equal(state_toggle(&st, STATE_CAUSES, "p/one-too-many"), -1);
	assert_int_equal(state_toggle(&st, STATE_CAUSES, "p/i0"), 0);
	state_free(&st);
	assert_empty(&st);
	assert_int_equal(st.njournal, 0);
}

/* Two guides in one process, saving in turn: each keeps the other's marks,
 * and an unmark in one is not undone by the other. */
static void test_merge(void **unused)
{
	char dir[4096], *path, *msg;
	struct state a, b, c;
	static const char *const after_b[] = { "p/keep", "p/a", "p/b" };
	static const char *const after_a[] = { "p/b", "p/a2" };
	static const char *const after_clear[] = { "p/b2" };

	(void)unused;
	path = fresh("merge", dir, sizeof(dir));
	state_init(&a);
	state_set(&a, STATE_TIPS, "p/keep", true);
	state_set(&a, STATE_TIPS, "p/gone", true);
	assert_int_equal(state_save(&a, path, &msg), 1);
	state_free(&a);

	assert_int_equal(state_load(&a, path, &msg), 1);
	assert_int_equal(state_load(&b, path, &msg), 1);
	state_toggle(&a, STATE_TIPS, "p/a");
	state_toggle(&a, STATE_TIPS, "p/gone");  /* unmark */
	state_toggle(&b, STATE_TIPS, "p/b");
	assert_int_equal(state_save(&a, path, &msg), 1);
	assert_int_equal(state_save(&b, path, &msg), 1);
	assert_null(msg);
	/* b now shows a's changes too. */
	assert_list(&b, STATE_TIPS, after_b, 3);
	assert_int_equal(b.njournal, 0);

	/* a has not seen b's mark; its next change keeps it all the same. */
	state_toggle(&a, STATE_TIPS, "p/keep");
	state_toggle(&a, STATE_TIPS, "p/a2");
	state_toggle(&a, STATE_TIPS, "p/a");
	assert_int_equal(state_save(&a, path, &msg), 1);
	assert_list(&a, STATE_TIPS, after_a, 2);

	/* Clearing unmarks what this guide showed, not what came later. */
	state_toggle(&b, STATE_TIPS, "p/b2");
	assert_int_equal(state_save(&b, path, &msg), 1);
	state_clear(&a);
	assert_int_equal(state_save(&a, path, &msg), 1);
	assert_int_equal(state_load(&c, path, &msg), 1);
	assert_list(&c, STATE_TIPS, after_clear, 1);
	state_free(&a);
	state_free(&b);
	state_free(&c);
}

/* --- processes --------------------------------------------------------- */

#define KILL_ROUNDS 200
#define KILL_WRAP 300

/* Save ever longer states, then start again from empty: every state
 * written has tips p/t0..p/t(k-1) and causes c/c(i) for i < k, i % 3 == 0.
 * After each save that returned success, its k goes down `acks`: that
 * save was acknowledged, and must never be lost. */
static _Noreturn void save_forever(const char *path, int ready, int acks)
{
	struct state st;
	char *msg, id[32];

	child_start();
	if (!state_load(&st, path, &msg))
		_exit(3);
	if (write(ready, "", 1) != 1)
		_exit(5);
	for (;;) {
		size_t k = st.lists[STATE_TIPS].n;
		uint16_t ack;

		if (k >= KILL_WRAP) {
			state_clear(&st);
		} else {
			snprintf(id, sizeof(id), "p/t%zu", k);
			state_set(&st, STATE_TIPS, id, true);
			if (k % 3 == 0) {
				snprintf(id, sizeof(id), "c/c%zu", k);
				state_set(&st, STATE_CAUSES, id, true);
			}
		}
		if (!state_save(&st, path, &msg))
			_exit(4);
		ack = (uint16_t)st.lists[STATE_TIPS].n;
		if (write(acks, &ack, sizeof(ack)) != (ssize_t)sizeof(ack))
			_exit(6);
	}
}

/* The state save_forever() writes after the one with k tips. */
static size_t next_k(size_t k)
{
	return k >= KILL_WRAP ? 0 : k + 1;
}

/* Whether st is one of the states save_forever() writes; its k in *k. */
static int is_written_state(const struct state *st, size_t *k)
{
	size_t i, c = 0;
	char id[32];

	*k = st->lists[STATE_TIPS].n;
	if (*k > KILL_WRAP)
		return 0;
	for (i = 0; i < *k; i++) {
		snprintf(id, sizeof(id), "p/t%zu", i);
		if (strcmp(st->lists[STATE_TIPS].v[i], id) != 0)
			return 0;
		if (i % 3 == 0) {
			snprintf(id, sizeof(id), "c/c%zu", i);
			if (c >= st->lists[STATE_CAUSES].n || strcmp(st->lists[STATE_CAUSES].v[c], id) != 0)
				return 0;
			c++;
		}
	}
	return c == st->lists[STATE_CAUSES].n;
}

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* How long a save of a mid-sized state takes here (more under valgrind). */
static long save_time_us(void)
{
	char dir[4096], *path, *msg, id[32];
	struct state st;
	long t0;
	int i;

	path = fresh("kill-timing", dir, sizeof(dir));
	state_init(&st);
	t0 = now_us();
	for (i = 0; i < 20; i++) {
		snprintf(id, sizeof(id), "p/t%d", i * 7);
		state_set(&st, STATE_TIPS, id, true);
		assert_int_equal(state_save(&st, path, &msg), 1);
	}
	state_free(&st);
	return (now_us() - t0) / 20 + 1;
}

static void test_kill_while_saving(void **unused)
{
	char dir[4096], *path, *bytes, *why, *msg, c;
	unsigned char seen[KILL_WRAP + 1] = { 0 };
	struct state st;
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
			save_forever(path, ready[1], acks[1]);
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
		if (!state_parse(&st, bytes, len, &why))
			fail_msg("round %d: the file does not parse (%s):\n%s", round, why, bytes);
		if (!is_written_state(&st, &k))
			fail_msg("round %d: the file holds a state never written:\n%s", round, bytes);
		/* The last acknowledged save, or the one after it if the kill
		 * came between its rename and its acknowledgement; anything
		 * else lost an acknowledged change (or invented one). */
		if (k != last && k != next_k(last))
			fail_msg("round %d: the file has %zu tips, but the last acknowledged save had %zu",
				 round, k, last);
		landed += k != last;
		before = k;
		distinct += !seen[k];
		seen[k] = 1;
		state_free(&st);
		free(bytes);
	}
	assert_int_equal(count_names(dir, "tips.yaml.corrupt-", NULL, 0), 0);
	print_message("# %d kills during %zu acknowledged saves: none lost, %d different states found, "
		      "%d kills midway through writing, %d just after a rename\n",
		      KILL_ROUNDS, acked_total, distinct, midway, landed);
	/* The saves really went on while being killed. */
	if (distinct < 20)
		fail_msg("only %d different states seen in %d kills", distinct, KILL_ROUNDS);
	if (acked_total < KILL_ROUNDS / 4)
		fail_msg("only %zu saves acknowledged in %d rounds", acked_total, KILL_ROUNDS);
	/* A save cleans up temporary files the killed ones left. */
	assert_int_equal(state_load(&st, path, &msg), 1);
	state_toggle(&st, STATE_TIPS, "p/last");
	assert_int_equal(state_save(&st, path, &msg), 1);
	assert_int_equal(count_names(dir, "tips.yaml.tmp", NULL, 0), 0);
	state_free(&st);
}

#define WRITER_SAVES 100

/* Mark WRITER_SAVES ids of its own one at a time, saving after each, and
 * unmark "shared/x"; exit 0 when every save worked. */
static _Noreturn void writer(const char *path, char who, uint32_t s)
{
	struct state st;
	char *msg, id[32];
	int i;

	child_start();
	rnd_state = s;
	if (!state_load(&st, path, &msg))
		_exit(3);
	for (i = 0; i < WRITER_SAVES; i++) {
		snprintf(id, sizeof(id), "%c/t%d", who, i);
		state_set(&st, STATE_TIPS, id, true);
		if (i == WRITER_SAVES / 2) {
			state_set(&st, STATE_TIPS, "shared/x", false);
			snprintf(id, sizeof(id), "%c/cause", who);
			state_toggle(&st, STATE_CAUSES, id);
		}
		if (!state_save(&st, path, &msg)) {
			fprintf(stderr, "%s\n", msg);
			_exit(4);
		}
		sleep_us((long)(rnd() % 300));
	}
	_exit(0);
}

static void test_two_writers(void **unused)
{
	char dir[4096], *path, *msg, id[32];
	struct state st;
	pid_t pid[2];
	int i, status[2];

	(void)unused;
	seed();
	path = fresh("two-writers", dir, sizeof(dir));
	state_init(&st);
	state_set(&st, STATE_TIPS, "shared/x", true);
	state_set(&st, STATE_TIPS, "shared/y", true);
	assert_int_equal(state_save(&st, path, &msg), 1);
	state_free(&st);
	fflush(NULL);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] == 0)
			writer(path, i ? 'b' : 'a', rnd() | 1);
	}
	/* Both reaped before any assertion, so none outlives a failure. */
	for (i = 0; i < 2; i++)
		assert_int_equal(waitpid(pid[i], &status[i], 0), pid[i]);
	for (i = 0; i < 2; i++) {
		assert_true(WIFEXITED(status[i]));
		assert_int_equal(WEXITSTATUS(status[i]), 0);
	}
	assert_int_equal(state_load(&st, path, &msg), 1);
	assert_int_equal(st.lists[STATE_TIPS].n, 1 + 2 * WRITER_SAVES);
	assert_true(state_has(&st, STATE_TIPS, "shared/y"));
	assert_false(state_has(&st, STATE_TIPS, "shared/x"));
	for (i = 0; i < WRITER_SAVES; i++) {
		snprintf(id, sizeof(id), "a/t%d", i);
		assert_true(state_has(&st, STATE_TIPS, id));
		snprintf(id, sizeof(id), "b/t%d", i);
		assert_true(state_has(&st, STATE_TIPS, id));
	}
	assert_true(state_has(&st, STATE_CAUSES, "a/cause"));
	assert_true(state_has(&st, STATE_CAUSES, "b/cause"));
	state_free(&st);
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
	char *got;

	put_env("XDG_STATE_HOME", xdg);
	put_env("HOME", home);
	got = state_default_path();
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_default_path(void **unused)
{
	char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	(void)unused;
	xdg = xdg ? strdup(xdg) : NULL;
	home = home ? strdup(home) : NULL;
	expect_path("/s", "/home/u", "/s/crampguide/tips.yaml");
	expect_path("relative", "/home/u", "/home/u/.local/state/crampguide/tips.yaml");
	expect_path("", "/home/u", "/home/u/.local/state/crampguide/tips.yaml");
	expect_path(NULL, "/home/u", "/home/u/.local/state/crampguide/tips.yaml");
	expect_path("/s", NULL, "/s/crampguide/tips.yaml");
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
	struct state st;
	char *why;
	size_t i;
	int l;

	if (state_parse(&st, buf, len, &why)) {
		assert_null(why);
		for (l = 0; l < STATE_NLISTS; l++)
			for (i = 0; i < st.lists[l].n; i++)
				assert_true(state_valid_id(st.lists[l].v[i]));
		state_free(&st);
	} else {
		assert_non_null(why);
		assert_empty(&st);
		free(why);
	}
}

/* A quick stand-in for the fuzzer: random bytes, and a valid file with
 * random bytes changed, never crash and give a valid state or a reason. */
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
		cmocka_unit_test(test_corrupt_moved_aside),
		cmocka_unit_test(test_aside_not_clobbered),
		cmocka_unit_test(test_not_a_file),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_corrupt_at_save),
		cmocka_unit_test(test_save_impossible_path),
		cmocka_unit_test(test_save_lock_fails),
		cmocka_unit_test(test_save_disk_full),
		cmocka_unit_test(test_save_disk_full_tmpfs),
		cmocka_unit_test(test_save_read_only),
		cmocka_unit_test(test_set_ops),
		cmocka_unit_test(test_merge),
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
