/* marks.c - the person's marks, loaded once, saved on every change, and
 * the sheet made from them. */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

char *marks_open(struct marks *m, const struct guide *g)
{
	char *warning = NULL;

	m->g = g;
	m->path = state_default_path();
	state_init(&m->st);
	if (m->path && !state_load(&m->st, m->path, &warning))
		return warning;
	free(warning);
	return NULL;
}

static enum state_list list_of(const struct guide_item *it)
{
	return guide_item_mark(it) == GUIDE_MARK_TICK ? STATE_CAUSES : STATE_TIPS;
}

bool marks_markable(const struct guide_item *it)
{
	/* The kind table decides, as it does for the sheet (sheet.c), so a
	 * mark always shows there. */
	return guide_item_mark(it) != GUIDE_MARK_NONE;
}

static char *id_of(const struct guide_item *it)
{
	return xasprintf("%s/%s", it->page->id, it->id);
}

bool marks_has(const struct marks *m, const struct guide_item *it)
{
	char *id;
	bool on;

	if (!marks_markable(it))
		return false;
	id = id_of(it);
	on = state_has(&m->st, list_of(it), id);
	free(id);
	return on;
}

int marks_flush(struct marks *m, char **msg)
{
	*msg = NULL;
	if (!m->path) {
		/* Said once per change rather than never: the person would
		 * otherwise lose their marks without knowing. */
		*msg = xstrdup("Your marks cannot be kept for next time: neither XDG_STATE_HOME "
			       "nor HOME is set");
		return 0;
	}
	return state_save(&m->st, m->path, msg);
}

int marks_toggle(struct marks *m, const struct guide_item *it, char **msg)
{
	char *id;
	int on;

	*msg = NULL;
	if (!marks_markable(it))
		return -1;
	id = id_of(it);
	on = state_toggle(&m->st, list_of(it), id);
	free(id);
	if (on < 0)
		return -1;
	if (!marks_flush(m, msg) && !*msg)
		*msg = xstrdup("Your marks could not be saved");
	return on;
}

int marks_clear(struct marks *m, char **msg)
{
	state_clear(&m->st);
	return marks_flush(m, msg);
}

void marks_close(struct marks *m)
{
	state_free(&m->st);
	free(m->path);
	m->path = NULL;
}
