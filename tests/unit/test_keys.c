/* test_keys.c - the action table: every action has keys and help, no key
 * does two things, and the man page's KEYS section names every key. */
#include "keys.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 16

static void test_every_action_has_keys_and_help(void **state)
{
	int keys[MAX_KEYS];
	int a;

	(void)state;
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		size_t n = keys_bound((enum action)a, keys, MAX_KEYS);

		assert_true(n >= 1);
		assert_true(n <= MAX_KEYS);
		assert_true(strlen(keys_help((enum action)a)) > 10);
	}
	for (a = PROMPT_NONE + 1; a < PROMPT_COUNT; a++) {
		assert_true(keys_prompt_bound((enum prompt_action)a, keys, MAX_KEYS) >= 1);
		assert_true(strlen(keys_prompt_help((enum prompt_action)a)) > 5);
	}
	assert_int_equal(keys_bound(ACT_NONE, keys, MAX_KEYS), 0);
	assert_int_equal(keys_bound(ACT_COUNT, keys, MAX_KEYS), 0);
}

/* Every key of every row, and which row it came from. */
static size_t all_keys(bool prompt, int *keys, int *rows, size_t max)
{
	size_t n = 0, k, got;
	int a, count = prompt ? PROMPT_COUNT : ACT_COUNT;

	for (a = 1; a < count; a++) {
		int ks[MAX_KEYS];

		got = prompt ? keys_prompt_bound((enum prompt_action)a, ks, MAX_KEYS)
			     : keys_bound((enum action)a, ks, MAX_KEYS);
		for (k = 0; k < got && n < max; k++) {
			keys[n] = ks[k];
			rows[n++] = a;
		}
	}
	return n;
}

static void test_no_key_bound_twice(void **state)
{
	int keys[256], rows[256];
	size_t n, i, j;
	int pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		n = all_keys(pass, keys, rows, 256);
		for (i = 0; i < n; i++) {
			for (j = i + 1; j < n; j++) {
				if (keys[i] == keys[j])
					fail_msg("key %d is bound to both row %d and row %d of the %s table",
						 keys[i], rows[i], rows[j], pass ? "prompt" : "action");
			}
			/* And the lookup finds the row that binds it. */
			if (pass)
				assert_int_equal(keys_prompt_action(keys[i]), rows[i]);
			else
				assert_int_equal(keys_action(keys[i]), rows[i]);
		}
	}
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keys_action(KEYS_DOWN), ACT_DOWN);
	assert_int_equal(keys_action('j'), ACT_DOWN);
	assert_int_equal(keys_action('q'), ACT_QUIT);
	assert_int_equal(keys_action(KEYS_CTRL('C')), ACT_QUIT);
	assert_int_equal(keys_action('\n'), ACT_OPEN);
	assert_int_equal(keys_action(27), ACT_BACK);
	assert_int_equal(keys_action('?'), ACT_HELP);
	assert_int_equal(keys_action(' '), ACT_MARK);
	assert_int_equal(keys_action('m'), ACT_MARK);
	assert_int_equal(keys_action('t'), ACT_SHEET);
	assert_int_equal(keys_action('x'), ACT_NONE);
	/* A named key is no character, and a key the guide does not know does nothing. */
	assert_true(KEYS_DOWN > 0x10FFFF);
	assert_int_equal(keys_action(KEYS_OTHER), ACT_NONE);
	/* Names read back as the keys they name (key scripts use them). */
	assert_int_equal(keys_from_name("Down", 4), KEYS_DOWN);
	assert_int_equal(keys_from_name("PgUp", 4), KEYS_PGUP);
	assert_int_equal(keys_from_name("Esc", 3), 27);
	assert_int_equal(keys_from_name("Space", 5), ' ');
	assert_int_equal(keys_from_name("C-c", 3), KEYS_CTRL('C'));
	assert_int_equal(keys_from_name("Nope", 4), 0);
	assert_int_equal(keys_prompt_action('q'), PROMPT_NONE);
	assert_int_equal(keys_prompt_action(127), PROMPT_ERASE);
	assert_int_equal(keys_prompt_action(KEYS_CTRL('U')), PROMPT_CLEAR);
	/* Ctrl-Z pauses from the typing lines too, as the help says. */
	assert_int_equal(keys_prompt_action(KEYS_CTRL('Z')), PROMPT_SUSPEND);
}

static void test_names(void **state)
{
	char buf[16], *s;

	(void)state;
	assert_string_equal(keys_name(KEYS_PGDN, buf, sizeof buf), "PgDn");
	assert_string_equal(keys_name(KEYS_CTRL('C'), buf, sizeof buf), "Ctrl-C");
	assert_string_equal(keys_name(127, buf, sizeof buf), "Backspace");
	assert_string_equal(keys_name('G', buf, sizeof buf), "G");
	/* Several codes with one name are named once. */
	s = keys_names(ACT_OPEN);
	assert_string_equal(s, "Enter, Right, l");
	free(s);
	s = keys_names(ACT_BACK);
	assert_string_equal(s, "Backspace, Left, Esc, h");
	free(s);
	s = keys_prompt_names(PROMPT_RUN);
	assert_string_equal(s, "Enter");
	free(s);
}

/* Every key has a real name, not the fallback for unknown keys. */
static void test_every_key_named(void **state)
{
	int keys[256], rows[256];
	size_t n, i;
	int pass;
	char buf[16];

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		n = all_keys(pass, keys, rows, 256);
		for (i = 0; i < n; i++) {
			keys_name(keys[i], buf, sizeof buf);
			if (strncmp(buf, "key ", 4) == 0 || strncmp(buf, "U+", 2) == 0)
				fail_msg("key %d has no name (%s)", keys[i], buf);
		}
	}
}

/* The KEYS section of the man page, with roff's escapes for '-' undone. */
static char *man_keys_section(void)
{
	const char *top = getenv("TOP");
	char path[4096], line[1024];
	size_t len = 0, cap = 1 << 16;
	char *out = malloc(cap);
	FILE *f;
	int in = 0;

	snprintf(path, sizeof path, "%s/docs/crampguide.1", top && *top ? top : ".");
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot read %s (run from the top of the source tree or set TOP)", path);
	while (fgets(line, sizeof line, f)) {
		char *p;

		if (strncmp(line, ".SH", 3) == 0) {
			in = strstr(line, "KEYS") != NULL;
			continue;
		}
		if (!in)
			continue;
		for (p = line; *p && len + 1 < cap; p++) {
			if (p[0] == '\\' && p[1] == '-')
				p++;
			out[len++] = *p;
		}
	}
	fclose(f);
	out[len] = '\0';
	assert_true(len > 0);
	return out;
}

/* Whether name appears in s as a word: not inside a longer name ("h" in "Ctrl-H"). */
static int has_word(const char *s, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = strstr(s, name); p; p = strstr(p + 1, name)) {
		char before = p == s ? ' ' : p[-1], after = p[n];

		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-", before) &&
		    !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-", after))
			return 1;
	}
	return 0;
}

static void test_man_page_names_every_key(void **state)
{
	char *man = man_keys_section();
	int keys[256], rows[256];
	size_t n, i;
	int pass;
	char buf[16];

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		n = all_keys(pass, keys, rows, 256);
		for (i = 0; i < n; i++) {
			keys_name(keys[i], buf, sizeof buf);
			if (!has_word(man, buf))
				fail_msg("the KEYS section of docs/crampguide.1 does not name %s (%s row %d)",
					 buf, pass ? "prompt" : "action", rows[i]);
		}
	}
	free(man);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_has_keys_and_help),
		cmocka_unit_test(test_no_key_bound_twice),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_key_named),
		cmocka_unit_test(test_man_page_names_every_key),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
