/* view_help.c - the help screen, written from the key tables in keys.h so
 * that it always tells the keys that really work. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Key names wider than this get a line of their own. */
#define KEY_COLUMN_MAX 26

static void add_key(struct layout *L, char *names, const char *help, size_t column)
{
	struct layout_block *b = layout_add(L, LAYOUT_KEY, help, column);

	layout_set_label(L, b, names, 0);
	free(names);
}

/* Room for the widest key names, so the texts line up. */
static size_t key_column(void)
{
	size_t w = 0, a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		char *s = keys_names((enum action)a);
		size_t sw = text_width(s, strlen(s));

		if (sw > w)
			w = sw;
		free(s);
	}
	for (a = PROMPT_NONE + 1; a < PROMPT_COUNT; a++) {
		char *s = keys_prompt_names((enum prompt_action)a);
		size_t sw = text_width(s, strlen(s));

		if (sw > w)
			w = sw;
		free(s);
	}
	w += 2;
	return w > KEY_COLUMN_MAX ? KEY_COLUMN_MAX : w;
}

static struct layout *help_layout(struct viewer *V, const struct view *v)
{
	struct layout **slot = viewer_layout_slot(V, &view_help_ops), *L;
	size_t a, column;
	char *s;

	(void)v;
	if (*slot)
		return *slot;
	L = *slot = layout_new(V->ascii);
	column = key_column();
	layout_add(L, LAYOUT_TITLE, "Help", 0)->gap = 1;
	layout_add(L, LAYOUT_HEADING, "Keys", 0);
	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		add_key(L, keys_names((enum action)a), keys_help((enum action)a), column);
	L->blocks[L->nblocks - 1].gap = 1;
	layout_add(L, LAYOUT_HEADING, "In the search line", 0);
	for (a = PROMPT_NONE + 1; a < PROMPT_COUNT; a++)
		add_key(L, keys_prompt_names((enum prompt_action)a),
			keys_prompt_help((enum prompt_action)a), column);
	L->blocks[L->nblocks - 1].gap = 1;
	layout_add(L, LAYOUT_HEADING, "Mouse", 0);
	layout_add(L, LAYOUT_PARA,
		   V->mouse ? "The wheel scrolls, and a click opens an entry or a link. "
			      "To select text with the mouse, to copy it, hold Shift while you drag."
			    : "The mouse is off (--no-mouse): select text with it as usual.",
		   0)->gap = 1;
	layout_add(L, LAYOUT_HEADING, "Screen size", 0);
	s = xasprintf("The guide needs a terminal at least %d columns wide and %d rows high.",
		      VIEW_MIN_COLS, VIEW_MIN_ROWS);
	layout_add(L, LAYOUT_PARA, s, 0);
	free(s);
	return L;
}

static void help_hint(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	(void)V;
	(void)v;
	snprintf(buf, size, "%s: back   %s: quit", view_key_name(ACT_BACK),
		 view_key_name(ACT_QUIT));
}

static void help_crumb(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	(void)V;
	(void)v;
	snprintf(buf, size, "Help");
}

static void help_open(struct viewer *V, struct view *v, size_t block)
{
	(void)block;
	if (!view_at_end(V, v))
		view_scroll_screen(V, v);
	else
		view_say(V, "End of the help: %s goes back", view_key_name(ACT_BACK));
}

/* ? opens the help on any screen, and closes it again. */
static enum viewer_result help_global(struct viewer *V, enum action act)
{
	if (act != ACT_HELP)
		return VIEWER_UNHANDLED;
	if (view_current(V)->ops == &view_help_ops)
		view_pop(V);
	else
		view_push(V, &view_help_ops, 0);
	return VIEWER_GO_ON;
}

const struct view_ops view_help_ops = {
	.layout = help_layout,
	.global = help_global,
	.hint = help_hint,
	.crumb = help_crumb,
	.open = help_open,
};
