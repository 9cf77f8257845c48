/* fold.h - content text made ready for the guide: text is reflowed by
 * every output, so line breaks inside a value carry no meaning. */
#ifndef CRAMPGUIDE_FOLD_H
#define CRAMPGUIDE_FOLD_H

#include <stddef.h>

#include "arena.h"

/* Copy s[0..n) into a, every run of white space folded to one space and the ends trimmed; *plain is set to 0 when the text holds something text_lint() could report (a control, invalid UTF-8, a letter of a script other than Latin), else 1. */
char *fold_text(struct arena *a, const char *s, size_t n, int *plain);

#endif
