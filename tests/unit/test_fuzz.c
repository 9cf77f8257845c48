/* test_fuzz.c - the fuzz targets' checks on every saved input, in make check.
 *
 * Each libFuzzer target in tests/fuzz/ is compiled in here under its own
 * name (the three cannot be linked together as LLVMFuzzerTestOneInput), so
 * the very checks the fuzzers make run on the inputs they found
 * (tests/fuzz/regress/TARGET/, one file per fixed bug) and on the seeds,
 * with any compiler and under `make sanitize`.  A broken promise aborts,
 * which fails the test. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LLVMFuzzerTestOneInput fuzz_load_one
#include "../fuzz/fuzz_load.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput fuzz_text_one
#define LLVMFuzzerInitialize fuzz_text_init
#include "../fuzz/fuzz_text.c"
#undef LLVMFuzzerTestOneInput
#undef LLVMFuzzerInitialize

#define LLVMFuzzerTestOneInput fuzz_marks_one
#include "../fuzz/fuzz_marks.c"
#undef LLVMFuzzerTestOneInput

typedef int fuzz_fn(const uint8_t *data, size_t size);

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	assert_false(ferror(f));
	fclose(f);
	*len = n;
	return buf;
}

/* Feed every regular file under dir (recursively) to fn; return how many. */
static size_t replay_dir(const char *dir, fuzz_fn *fn)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	size_t count = 0;

	if (!dp)
		fail_msg("cannot open %s: %s (run from the top of the source tree or set TOP)", dir,
			 strerror(errno));
	while ((de = readdir(dp))) {
		char path[4096];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			count += replay_dir(path, fn);
		} else if (S_ISREG(st.st_mode)) {
			size_t len;
			char *buf = read_all(path, &len);

			fn((const uint8_t *)buf, len);
			free(buf);
			count++;
		}
	}
	closedir(dp);
	return count;
}

/* Replay $TOP/sub; `at_least` keeps a moved or emptied directory from
 * passing by testing nothing. */
static void replay(const char *sub, fuzz_fn *fn, size_t at_least)
{
	const char *top = getenv("TOP");
	char dir[4096];
	size_t n;

	snprintf(dir, sizeof(dir), "%s/%s", top && *top ? top : ".", sub);
	/* git keeps no empty directory: a target with no finding has none. */
	if (at_least == 0 && access(dir, F_OK) != 0) {
		print_message("# no inputs in %s\n", sub);
		return;
	}
	n = replay_dir(dir, fn);
	print_message("# %zu inputs from %s\n", n, sub);
	if (n < at_least)
		fail_msg("only %zu inputs in %s, expected at least %zu", n, sub, at_least);
}

static void test_load_regressions(void **unused)
{
	(void)unused;
	replay("tests/fuzz/regress/load", fuzz_load_one, 3);
}

static void test_load_seeds(void **unused)
{
	(void)unused;
	replay("tests/fuzz/seeds/load", fuzz_load_one, 3);
	replay("content", fuzz_load_one, 8);
	replay("tests/bad", fuzz_load_one, 40);
}

static void test_text_regressions(void **unused)
{
	(void)unused;
	replay("tests/fuzz/regress/text", fuzz_text_one, 0);
}

static void test_text_seeds(void **unused)
{
	(void)unused;
	replay("tests/fuzz/seeds/text", fuzz_text_one, 8);
	replay("content", fuzz_text_one, 8);
}

/* Every width from the narrowest up, on one line that has it all: the
 * first byte of a text input picks the width. */
static void test_text_every_width(void **unused)
{
	static const char text[] =
		"x Cramps \x1b[31mred\x1b[0m \xe2\x80\xae\xe6\xbc\xa2\xe5\xad\x97 e\xcc\x81\xcc\x81 "
		"\xf0\x9f\x98\x80 \xc2\x9b\xff\xfe supercalifragilisticexpialidocious\ttab\r\n"
		"  indented\n\nlast";
	uint8_t buf[sizeof(text)];
	int w;

	(void)unused;
	memcpy(buf, text, sizeof(text));
	for (w = 0; w < 256; w++) {
		buf[0] = (uint8_t)w;
		fuzz_text_one(buf, sizeof(text) - 1);
	}
}

static void test_marks_regressions(void **unused)
{
	(void)unused;
	replay("tests/fuzz/regress/marks", fuzz_marks_one, 0);
}

static void test_marks_seeds(void **unused)
{
	(void)unused;
	replay("tests/fuzz/seeds/marks", fuzz_marks_one, 5);
	replay("tests/tips", fuzz_marks_one, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_regressions),
		cmocka_unit_test(test_load_seeds),
		cmocka_unit_test(test_text_regressions),
		cmocka_unit_test(test_text_seeds),
		cmocka_unit_test(test_text_every_width),
		cmocka_unit_test(test_marks_regressions),
		cmocka_unit_test(test_marks_seeds),
	};

	fuzz_text_init(NULL, NULL);
	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
