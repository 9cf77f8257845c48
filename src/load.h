/* load.h - a content directory read into a guide, with every error reported. */
#ifndef CRAMPGUIDE_LOAD_H
#define CRAMPGUIDE_LOAD_H

#include "diag.h"
#include "guide.h"

/* The most bytes all content files may hold together (each file is also
 * limited, to YFILE_MAX_BYTES): a guide a thousand times the bundled one
 * fits many times over. */
#define LOAD_MAX_BYTES ((size_t)64 * 1024 * 1024)
/* The most values (texts, lists, mappings, keys) all content files may
 * hold together.  A link or a source reference costs some 40 bytes of
 * memory however short it is written, so bytes alone would not bound the
 * memory: this keeps a load under a few hundred megabytes. */
#define LOAD_MAX_VALUES 3000000

/* Load every *.yaml file of `dir`, check the schema, the references and the text; report each problem to d (once the files read hold more than LOAD_MAX_BYTES or LOAD_MAX_VALUES, the rest are not read); return the guide, or NULL when anything was wrong. */
struct guide *load_guide(const char *dir, struct diag *d);

/* Load the single buffer buf[0..len) as the content file `path` into g (for tests and fuzzing); return 1 when it had no error. */
int load_buffer(struct guide *g, const char *path, const char *buf, size_t len, struct diag *d);

#endif
