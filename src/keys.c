/* keys.c - the action table expanded: lookup, key names, help text. */
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* One row of the table: an action's help text and its keys, ended by 0
 * (no key is 0: NUL is never bound). */
struct binding {
	const char *help;
	const int *keys;
};

#define KEYS_ROW(id, help, ...) [ACT_##id] = { help, (const int[]){ __VA_ARGS__, 0 } },

static const struct binding table[ACT_COUNT] = {
	[ACT_NONE] = { NULL, (const int[]){ 0 } },
	KEYS_ACTIONS(KEYS_ROW)
};

#define KEYS_PROMPT_ROW(id, help, ...) [PROMPT_##id] = { help, (const int[]){ __VA_ARGS__, 0 } },

static const struct binding prompt_table[PROMPT_COUNT] = {
	[PROMPT_NONE] = { NULL, (const int[]){ 0 } },
	KEYS_PROMPT_ACTIONS(KEYS_PROMPT_ROW)
};

#undef KEYS_ROW
#undef KEYS_PROMPT_ROW

/* The row of t[0..n) (row 0 unused) that binds key, or 0. */
static int lookup(const struct binding *t, int n, int key)
{
	int a;

	/* A dozen actions with a few keys each: a scan beats a map. */
	for (a = 1; a < n; a++) {
		const int *k;

		for (k = t[a].keys; *k; k++)
			if (*k == key)
				return a;
	}
	return 0;
}

static size_t bound(const struct binding *t, int n, int a, int *keys, size_t max)
{
	size_t count = 0;
	const int *k;

	if (a <= 0 || a >= n)
		return 0;
	for (k = t[a].keys; *k; k++, count++)
		if (count < max)
			keys[count] = *k;
	return count;
}

/* The names of row a's keys, each once, joined with ", ". */
static char *names(const struct binding *t, int n, int a)
{
	int keys[16];
	char name[16][16];
	size_t count = bound(t, n, a, keys, 16), i, j, len = 0;
	char *out = xmalloc(count * sizeof name[0] * 2 + 1);

	out[0] = '\0';
	for (i = 0; i < count && i < 16; i++) {
		keys_name(keys[i], name[i], sizeof name[i]);
		/* Enter and Backspace arrive as several codes; name each once. */
		for (j = 0; j < i && strcmp(name[j], name[i]) != 0; j++)
			;
		if (j == i)
			len += (size_t)sprintf(out + len, "%s%s", len ? ", " : "", name[i]);
	}
	return out;
}

enum action keys_action(int key)
{
	return (enum action)lookup(table, ACT_COUNT, key);
}

const char *keys_help(enum action act)
{
	return act > ACT_NONE && act < ACT_COUNT ? table[act].help : "";
}

size_t keys_bound(enum action act, int *keys, size_t max)
{
	return bound(table, ACT_COUNT, (int)act, keys, max);
}

char *keys_names(enum action act)
{
	return names(table, ACT_COUNT, (int)act);
}

enum prompt_action keys_prompt_action(int key)
{
	return (enum prompt_action)lookup(prompt_table, PROMPT_COUNT, key);
}

const char *keys_prompt_help(enum prompt_action act)
{
	return act > PROMPT_NONE && act < PROMPT_COUNT ? prompt_table[act].help : "";
}

size_t keys_prompt_bound(enum prompt_action act, int *keys, size_t max)
{
	return bound(prompt_table, PROMPT_COUNT, (int)act, keys, max);
}

char *keys_prompt_names(enum prompt_action act)
{
	return names(prompt_table, PROMPT_COUNT, (int)act);
}

char *keys_name(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{ KEYS_FN(KEY_UP), "Up" },
		{ KEYS_FN(KEY_DOWN), "Down" },
		{ KEYS_FN(KEY_LEFT), "Left" },
		{ KEYS_FN(KEY_RIGHT), "Right" },
		{ KEYS_FN(KEY_PPAGE), "PgUp" },
		{ KEYS_FN(KEY_NPAGE), "PgDn" },
		{ KEYS_FN(KEY_HOME), "Home" },
		{ KEYS_FN(KEY_END), "End" },
		{ KEYS_FN(KEY_ENTER), "Enter" },
		{ KEYS_FN(KEY_BACKSPACE), "Backspace" },
		{ KEYS_FN(KEY_F(1)), "F1" },
		{ '\n', "Enter" },
		{ '\r', "Enter" },
		{ 127, "Backspace" },
		/* Ctrl-H is what many terminals send for Backspace. */
		{ 8, "Backspace" },
		{ 27, "Esc" },
		{ ' ', "Space" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key > 0x20 && key < 0x7F)
		snprintf(buf, size, "%c", key);
	else if (key >= KEYS_FN(0))
		snprintf(buf, size, "key %d", key - KEYS_FN(0));
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}

int keys_from_curses(int code, bool fn)
{
	return fn ? KEYS_FN(code) : KEYS_CH(code);
}
