/* keys.h - every action of the interactive guide, declared once with its
 * keys and its help text (tig's request.h).  Key dispatch, the help screen
 * and the check against the man page are all built from KEYS_ACTIONS, so
 * they cannot drift apart.
 *
 * A key is an int: a character is its code point, a key that is not a
 * character (Down, PgUp, ...) one of the KEYS_NAMED codes above every code
 * point, so the two ranges never meet.  The terminal module turns what the
 * terminal sends into these; nothing here depends on curses. */
#ifndef CRAMPGUIDE_KEYS_H
#define CRAMPGUIDE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* NAMED(id, name): the keys that are not characters, with the name the
 * help, the man page and key scripts give them. */
#define KEYS_NAMED(NAMED) \
	NAMED(UP, "Up") \
	NAMED(DOWN, "Down") \
	NAMED(LEFT, "Left") \
	NAMED(RIGHT, "Right") \
	NAMED(PGUP, "PgUp") \
	NAMED(PGDN, "PgDn") \
	NAMED(HOME, "Home") \
	NAMED(END, "End") \
	NAMED(ENTER, "Enter") \
	NAMED(BACKSPACE, "Backspace") \
	NAMED(F1, "F1")

#define KEYS_NAMED_ENUM(id, name) KEYS_##id,

/* The codes of the named keys, above every code point; KEYS_OTHER is a key the guide does not know (it does nothing). */
enum keys_named { KEYS_FIRST_NAMED = 0x200000, KEYS_NAMED(KEYS_NAMED_ENUM) KEYS_OTHER };

#undef KEYS_NAMED_ENUM

/* A character as a key. */
#define KEYS_CH(c) ((int)(c))

/* The control character typed with Ctrl and a letter ('C' gives 3). */
#define KEYS_CTRL(letter) ((letter) & 0x1F)

/* ACTION(id, help text, key...): the first key is the one hints name. */
#define KEYS_ACTIONS(ACTION) \
	ACTION(UP, "Move up: the previous link or entry, or scroll up a line", \
	       KEYS_UP, KEYS_CH('k')) \
	ACTION(DOWN, "Move down: the next link or entry, or scroll down a line", \
	       KEYS_DOWN, KEYS_CH('j')) \
	ACTION(PAGE_UP, "Scroll up a screen", KEYS_PGUP, KEYS_CH(KEYS_CTRL('B')), KEYS_CH('b')) \
	ACTION(PAGE_DOWN, "Scroll down a screen", KEYS_PGDN, KEYS_CH(KEYS_CTRL('F'))) \
	ACTION(HALF_UP, "Scroll up half a screen", KEYS_CH(KEYS_CTRL('U'))) \
	ACTION(HALF_DOWN, "Scroll down half a screen", KEYS_CH(KEYS_CTRL('D'))) \
	ACTION(TOP, "Go to the top", KEYS_HOME, KEYS_CH('g')) \
	ACTION(BOTTOM, "Go to the end", KEYS_END, KEYS_CH('G')) \
	ACTION(OPEN, "Open the chosen entry or link; in the walk-through, go on to the next step", \
	       KEYS_CH('\n'), KEYS_CH('\r'), KEYS_ENTER, KEYS_RIGHT, KEYS_CH('l')) \
	ACTION(BACK, "Go back to the screen before, just as you left it", \
	       KEYS_BACKSPACE, KEYS_CH(127), KEYS_CH(8), KEYS_LEFT, KEYS_CH(27), \
	       KEYS_CH('h')) \
	ACTION(SEARCH, "Search every page", KEYS_CH('/')) \
	ACTION(NEXT_MATCH, "Go to the next match of the search", KEYS_CH('n')) \
	ACTION(PREV_MATCH, "Go to the previous match of the search", KEYS_CH('N')) \
	ACTION(MARK, "Mark the chosen tip for your tip sheet, or tick the chosen cause; again to undo", \
	       KEYS_CH(' '), KEYS_CH('m')) \
	ACTION(SHEET, "Show your tip sheet", KEYS_CH('t')) \
	ACTION(PRINT, "On your tip sheet: print it", KEYS_CH('p')) \
	ACTION(SAVE, "On your tip sheet: save it to a file", KEYS_CH('s')) \
	ACTION(CLEAR, "On your tip sheet: clear every mark and tick", KEYS_CH('c')) \
	ACTION(HELP, "Show this help", KEYS_CH('?'), KEYS_F1) \
	ACTION(SUSPEND, "Pause the guide and return to the shell (type fg to come back)", \
	       KEYS_CH(KEYS_CTRL('Z'))) \
	ACTION(QUIT, "Quit the guide", KEYS_CH('q'), KEYS_CH('Q'), KEYS_CH(KEYS_CTRL('C')))

#define KEYS_ENUM(id, help, ...) ACT_##id,

/* What a key asks for; ACT_NONE for a key that is bound to nothing. */
enum action { ACT_NONE, KEYS_ACTIONS(KEYS_ENUM) ACT_COUNT };

#undef KEYS_ENUM

/* PROMPT(id, help text, key...): the keys of the search and file-name
 * lines, where letters are typed rather than acted on. */
#define KEYS_PROMPT_ACTIONS(PROMPT) \
	PROMPT(RUN, "Search for, or save to, what you typed", KEYS_CH('\n'), KEYS_CH('\r'), \
	       KEYS_ENTER) \
	PROMPT(ERASE, "Delete the last letter", KEYS_BACKSPACE, KEYS_CH(127), KEYS_CH(8)) \
	PROMPT(CLEAR, "Clear what you typed", KEYS_CH(KEYS_CTRL('U'))) \
	PROMPT(CANCEL, "Close the line without doing anything", KEYS_CH(27)) \
	PROMPT(SUSPEND, "Pause the guide and return to the shell (type fg to come back)", \
	       KEYS_CH(KEYS_CTRL('Z'))) \
	PROMPT(QUIT, "Quit the guide", KEYS_CH(KEYS_CTRL('C')))

#define KEYS_PROMPT_ENUM(id, help, ...) PROMPT_##id,

/* What a key does in the search prompt; PROMPT_NONE for a key to type. */
enum prompt_action { PROMPT_NONE, KEYS_PROMPT_ACTIONS(KEYS_PROMPT_ENUM) PROMPT_COUNT };

#undef KEYS_PROMPT_ENUM

/* The action bound to `key`, or ACT_NONE. */
enum action keys_action(int key);

/* The help text of `act` (ACT_NONE < act < ACT_COUNT). */
const char *keys_help(enum action act);

/* The number of keys bound to `act`; store at most `max` of them in keys[]. */
size_t keys_bound(enum action act, int *keys, size_t max);

/* Write the name of `key` as the help and the man page give it ("Down", "Ctrl-C", "j") into buf (at least 16 bytes); return buf. */
char *keys_name(int key, char *buf, size_t size);

/* The names of the keys of `act`, each once, joined with ", " ("Up, k"); a new string. */
char *keys_names(enum action act);

/* The prompt action bound to `key`, or PROMPT_NONE. */
enum prompt_action keys_prompt_action(int key);

/* The help text of prompt action `act`. */
const char *keys_prompt_help(enum prompt_action act);

/* The number of keys bound to prompt action `act`; store at most `max` of them in keys[]. */
size_t keys_prompt_bound(enum prompt_action act, int *keys, size_t max);

/* The names of the keys of prompt action `act`, joined with ", "; a new string. */
char *keys_prompt_names(enum prompt_action act);

/* The key named `name` (a KEYS_NAMED name, "Esc", "Space", "Tab" or "C-x" for Ctrl-X) of len bytes, or 0. */
int keys_from_name(const char *name, size_t len);

#endif
