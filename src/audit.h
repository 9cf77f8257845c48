/* audit.h - the checks --check runs on content that loaded: reading
 * level, review dates and citations. */
#ifndef CRAMPGUIDE_AUDIT_H
#define CRAMPGUIDE_AUDIT_H

#include "diag.h"
#include "guide.h"

/* The Flesch-Kincaid grade of text from a syllable estimate; *words gets its word count (text with no word has grade 0). */
double audit_grade(const char *text, size_t *words);

/* Check g as of `today` (YYYY-MM-DD) into d: text over the guide's reading_grade_max and pages past their review are warnings; an unknown source kind, editorial text that cites, and bad values are errors.  *grade gets the whole guide's reading grade. */
void audit_guide(const struct guide *g, const char *today, struct diag *d, double *grade);

#endif
