/* strmap.h - a string-keyed hash map, so id lookups stay O(1) in big guides. */
#ifndef CRAMPGUIDE_STRMAP_H
#define CRAMPGUIDE_STRMAP_H

#include <stddef.h>

struct strmap;

/* Return a new, empty map. */
struct strmap *strmap_new(void);

/* The value stored under key s[0..n), or NULL. */
void *strmap_get(const struct strmap *m, const char *s, size_t n);

/* Store value under key s[0..n) unless the key is present; return the value now stored under it.  The key bytes must outlive the map. */
void *strmap_put(struct strmap *m, const char *s, size_t n, void *value);

/* Remove the key s[0..n) and its value, if present. */
void strmap_del(struct strmap *m, const char *s, size_t n);

/* Free the map (not the keys or values). */
void strmap_free(struct strmap *m);

#endif
