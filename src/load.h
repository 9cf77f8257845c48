/* load.h - a content directory read into a guide, with every error reported. */
#ifndef CRAMPGUIDE_LOAD_H
#define CRAMPGUIDE_LOAD_H

#include "diag.h"
#include "guide.h"

/* Load every *.yaml file of `dir`, check the schema, the references and the text; report each problem to d; return the guide, or NULL when anything was wrong. */
struct guide *load_guide(const char *dir, struct diag *d);

/* Load the single buffer buf[0..len) as the content file `path` into g (for tests and fuzzing); return 1 when it had no error. */
int load_buffer(struct guide *g, const char *path, const char *buf, size_t len, struct diag *d);

#endif
