/* lint.h - text lint of content strings, reported at their place in the file. */
#ifndef CRAMPGUIDE_LINT_H
#define CRAMPGUIDE_LINT_H

#include <stddef.h>

#include "diag.h"
#include "ytree.h"

/* Lint the text of scalar `node` of `doc` (the value of key `key`): controls, bidi controls, mixed-script words; report each to d and return how many. */
size_t lint_scalar(const struct ydoc *doc, const struct ynode *node, const char *key, struct diag *d);

#endif
