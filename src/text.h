/* text.h - UTF-8 decoding, display width, wrapping, sanitizing and text lint.
 *
 * Pure functions over byte strings: no global state apart from a lazily
 * created UTF-8 ctype locale used for wcwidth(), so results do not depend on
 * the user's locale.  Every piece of content text passes through
 * text_sanitize() before it reaches a terminal, a file or a printer. */
#ifndef CRAMPGUIDE_TEXT_H
#define CRAMPGUIDE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Code point returned by text_decode() for a byte that starts no valid sequence. */
#define TEXT_INVALID (-1)

/* Decode one UTF-8 sequence of s[0..n); store the code point (or TEXT_INVALID) in *cp; return bytes used (1 for invalid, 0 only when n == 0). */
size_t text_decode(const char *s, size_t n, int32_t *cp);

/* Return the byte offset of the first invalid UTF-8 sequence in s[0..n), or n when all of it is valid (overlongs, surrogates and > U+10FFFF are invalid). */
size_t text_utf8_check(const char *s, size_t n);

/* Display columns of one code point: 0 for combining and zero-width, 2 for wide, 1 otherwise; controls count as 1 (they are replaced before display). */
int text_cp_width(int32_t cp);

/* Display columns of the UTF-8 string s[0..n) (invalid bytes count as 1 each). */
size_t text_width(const char *s, size_t n);

/* True for code points that must never reach output raw: C0 except tab and newline, DEL, C1, and the bidi controls U+202A-U+202E and U+2066-U+2069. */
bool text_is_control(int32_t cp);

/* Return a new NUL-terminated copy of s[0..n) that is valid UTF-8 with no control: tab becomes a space, newline stays, CR is dropped, every other control and invalid byte becomes U+FFFD; *outlen (if not NULL) gets its length. */
char *text_sanitize(const char *s, size_t n, size_t *outlen);

/* One wrapped line: bytes s[off..off+len) of the wrapped string, `width` columns wide. */
struct text_line {
	size_t off;
	size_t len;
	size_t width;
};

/* Wrap sanitized s[0..n) to `width` columns (width >= 2): break at spaces and at every newline, break words longer than a line between characters, never split a wide character or detach a combining mark, drop spaces at the breaks; store a new array in *lines and return its count (0 lines for empty input). */
size_t text_wrap(const char *s, size_t n, size_t width, struct text_line **lines);

/* What text_lint() found. */
enum text_problem_kind {
	TEXT_PROBLEM_INVALID_UTF8, /* a byte that starts no valid sequence */
	TEXT_PROBLEM_CONTROL,      /* C0 (not tab/newline), DEL or C1 */
	TEXT_PROBLEM_BIDI,         /* U+202A-U+202E, U+2066-U+2069 */
	TEXT_PROBLEM_MIXED_SCRIPT, /* a word mixing Latin with Cyrillic or Greek letters */
};

/* One finding: the bytes s[off..off+len) it is about, and the code point concerned (the first foreign letter of a mixed-script word). */
struct text_problem {
	enum text_problem_kind kind;
	size_t off;
	size_t len;
	int32_t cp;
};

/* Callback for text_lint(); `ctx` is passed through. */
typedef void text_problem_fn(const struct text_problem *problem, void *ctx);

/* Report every problem in s[0..n) to fn in order of position; return how many were found. */
size_t text_lint(const char *s, size_t n, text_problem_fn *fn, void *ctx);

/* Name of the script of a letter for messages ("Latin", "Cyrillic", "Greek"), or NULL if it is none of them. */
const char *text_script_name(int32_t cp);

/* Return a new copy of the sanitized UTF-8 s[0..n) in ASCII: accented Latin letters lose their accents, typographic quotes, dashes and bullets become their ASCII look-alikes, anything else becomes '?'; *outlen (if not NULL) gets its length. */
char *text_ascii(const char *s, size_t n, size_t *outlen);

/* Return s[0..n) sanitized and, with ascii, made ASCII: how content text is made ready for any output; *outlen (if not NULL) gets its length. */
char *text_clean(const char *s, size_t n, bool ascii, size_t *outlen);

/* Whether the locale's character set is UTF-8; when not, output falls back to ASCII. */
bool text_locale_utf8(void);

#endif
