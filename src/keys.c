/* keys.c - the action table expanded: lookup, key names, help text. */
#include "keys.h"

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

#define KEYS_NAME_ROW(id, name) [KEYS_##id - KEYS_FIRST_NAMED] = name,

/* The names of the named keys, by code. */
static const char *const named[KEYS_OTHER - KEYS_FIRST_NAMED] = { KEYS_NAMED(KEYS_NAME_ROW) };

#undef KEYS_NAME_ROW

/* Characters with a name of their own; the first of a name is the one a
 * script's <name> types. */
static const struct {
	int key;
	const char *name;
} char_names[] = {
	{ '\n', "Enter" },
	{ '\r', "Enter" },
	{ 127, "Backspace" },
	/* Ctrl-H is what many terminals send for Backspace. */
	{ 8, "Backspace" },
	{ 27, "Esc" },
	{ '\t', "Tab" },
	{ ' ', "Space" },
};

char *keys_name(int key, char *buf, size_t size)
{
	size_t i;

	if (key > KEYS_FIRST_NAMED && key < KEYS_OTHER) {
		snprintf(buf, size, "%s", named[key - KEYS_FIRST_NAMED]);
		return buf;
	}
	for (i = 0; i < sizeof char_names / sizeof char_names[0]; i++) {
		if (char_names[i].key == key) {
			snprintf(buf, size, "%s", char_names[i].name);
			return buf;
		}
	}
	if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else if (key > 0x20 && key < 0x7F)
		snprintf(buf, size, "%c", key);
	else if (key >= KEYS_FIRST_NAMED)
		snprintf(buf, size, "another key");
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}

int keys_from_name(const char *name, size_t len)
{
	size_t i;

	if (len == 3 && name[0] == 'C' && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z')))
		return KEYS_CTRL(name[2]);
	for (i = 1; i < KEYS_OTHER - KEYS_FIRST_NAMED; i++)
		if (strlen(named[i]) == len && memcmp(named[i], name, len) == 0)
			return KEYS_FIRST_NAMED + (int)i;
	for (i = 0; i < sizeof char_names / sizeof char_names[0]; i++)
		if (strlen(char_names[i].name) == len && memcmp(char_names[i].name, name, len) == 0)
			return char_names[i].key;
	return 0;
}
