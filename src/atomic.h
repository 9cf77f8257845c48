/* atomic.h - replacing a file so that readers see the old or the new bytes, never a mix. */
#ifndef CRAMPGUIDE_ATOMIC_H
#define CRAMPGUIDE_ATOMIC_H

#include <stddef.h>
#include <sys/types.h>

/* Write buf[0..len) to `path` through a temporary file in the same directory, fsync and rename, new files getting `mode`; on failure leave any old file untouched, set *error to a new message and return 0. */
int atomic_write(const char *path, const char *buf, size_t len, mode_t mode, char **error);

#endif
