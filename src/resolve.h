/* resolve.h - the checks that need the whole guide: references between files. */
#ifndef CRAMPGUIDE_RESOLVE_H
#define CRAMPGUIDE_RESOLVE_H

#include "diag.h"
#include "guide.h"

/* Resolve the home menu, the walk-through, links and source references of g, reporting each one that points nowhere; return 1 when all resolved. */
int resolve_guide(struct guide *g, struct diag *d);

#endif
