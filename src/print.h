/* print.h - sending the tip sheet to a printer through CUPS lp. */
#ifndef CRAMPGUIDE_PRINT_H
#define CRAMPGUIDE_PRINT_H

#include <stddef.h>

/* Seconds lp may take before it is stopped, unless $CRAMPGUIDE_PRINT_TIMEOUT says otherwise. */
#define PRINT_TIMEOUT 30

/* How a print went. */
enum print_result {
	PRINT_SENT,                 /* lp accepted the job */
	PRINT_NO_LP,                /* lp could not be started */
	PRINT_FAILED                /* lp refused, failed or took too long */
};

/* Seconds lp may take: $CRAMPGUIDE_PRINT_TIMEOUT when it is a whole number from 1 to 3600, else PRINT_TIMEOUT with *why a new sentence saying it was ignored (NULL otherwise). */
int print_timeout(char **why);

/* Run `lp [-d printer] -t title` (never through a shell, in a process group of its own) with buf[0..len) on its standard input, judged by its exit status; stop early, stopping lp, when stop (if not NULL) returns non-zero; either way *message gets a new, sanitized, one-paragraph account (lp's own words where it has any). */
enum print_result print_sheet(const char *buf, size_t len, const char *printer, const char *title,
			      int (*stop)(void), char **message);

#endif
