/* sheet.h - what goes on the tip sheet: the one rule that --tips, --print,
 * the sheet screen and its counts all use.  The parts follow the kinds of
 * page (GUIDE_KINDS in guide.h); tips.h writes a sheet in each format. */
#ifndef CRAMPGUIDE_SHEET_H
#define CRAMPGUIDE_SHEET_H

#include <stddef.h>

#include "guide.h"

struct marks;

/* One line of the sheet: a tip, or (level 1) a tip under a cause. */
struct sheet_line {
	const char *text;
	int level;
};

/* A part of the sheet under its heading. */
struct sheet_part {
	const char *heading;
	struct sheet_line *lines;
	size_t n, cap;
};

/* The sheet as it reads: its words are the content's, still untrusted. */
struct sheet {
	const char *title;
	const char *date;
	struct sheet_part parts[GUIDE_NKINDS];
	size_t nparts;
	const char *notice;
	char *sources;              /* every source's name, joined with "; " */
	const char *reviewed;       /* when the guide was last reviewed, or NULL */
	size_t ntips, ncauses;      /* the marks and ticks it shows */
};

/* What the person chose, as saved ids ("PAGE/ITEM"). */
struct sheet_marks {
	const char *const *tips;
	size_t ntips;
	const char *const *causes;
	size_t ncauses;
};

/* Build the sheet of g for the chosen ids (m may be NULL: nothing chosen), dated `date`.  An id the content does not know, or whose item cannot be marked (or ticked, for a cause), is left out and not counted; the parts that always show their default tips ("When to get help") keep them whatever is marked. */
void sheet_build(struct sheet *s, const struct guide *g, const struct sheet_marks *m,
		 const char *date);

/* The ids of the person's marks m, for sheet_build(); valid while m is unchanged. */
void sheet_marks_of(const struct marks *m, struct sheet_marks *sm);

/* Free what s holds. */
void sheet_free(struct sheet *s);

/* Today's date as YYYY-MM-DD into buf (at least 11 bytes), or the date of $SOURCE_DATE_EPOCH when set, so output can be reproduced; return 0 (and today's date) when that is set to anything but seconds from 1970 to 9999. */
int sheet_today(char *buf, size_t size);

#endif
