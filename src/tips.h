/* tips.h - the tip sheet: what goes on it, and how it reads as plain text,
 * Markdown or HTML.  All its wording comes from the content. */
#ifndef CRAMPGUIDE_TIPS_H
#define CRAMPGUIDE_TIPS_H

#include <stddef.h>

#include "guide.h"

/* The formats a sheet can be written in; TIPS_TEXT_ASCII is the text sheet
 * for a locale that cannot show UTF-8 (letters lose their accents, quotes
 * and dashes become their ASCII look-alikes). */
enum tips_format { TIPS_TEXT, TIPS_MARKDOWN, TIPS_HTML, TIPS_TEXT_ASCII };

/* Widest line of the text and Markdown sheets, so it prints on any printer. */
#define TIPS_WIDTH 80

/* What the person chose: tips they marked and causes they ticked (either may be empty). */
struct tips_marks {
	const struct guide_item *const *tips;
	size_t ntips;
	const struct guide_item *const *causes;
	size_t ncauses;
};

/* Fill m with the items of g named by the "PAGE/ITEM" ids: tips[0..ntips) that carry a tip line, causes[0..ncauses) on causes pages; ids the content does not know are skipped. */
void tips_marks_resolve(struct tips_marks *m, const struct guide *g, const char *const *tips, size_t ntips,
			const char *const *causes, size_t ncauses);

/* Free what tips_marks_resolve() allocated. */
void tips_marks_free(struct tips_marks *m);

/* Set *format from its name ("text", "markdown", "html"); return 0 when the name is unknown. */
int tips_format_from_name(const char *name, enum tips_format *format);

/* Today's date as YYYY-MM-DD into buf (at least 11 bytes), or the date of $SOURCE_DATE_EPOCH when set, so output can be reproduced. */
void tips_today(char *buf, size_t size);

/* Render the sheet for `marks` (NULL for nothing marked) in `format`, dated `date`; return a new NUL-terminated buffer and its length in *len. */
char *tips_render(const struct guide *g, const struct tips_marks *marks, enum tips_format format,
		  const char *date, size_t *len);

#endif
