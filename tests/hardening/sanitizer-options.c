/* sanitizer-options.c - defaults linked into the `make sanitize` build only.
 *
 * Compiled into the program and every unit test, so they hold in every
 * process however it was started: tmux starts the guide with a cleaned
 * environment, where ASAN_OPTIONS would never arrive, and a report on a
 * pane's stderr would vanish with the pane.  So every report goes to a file
 * under SANITIZE_LOG_DIR, which `make sanitize` checks after the run, and
 * the process exits with a status no test expects (a test that only looks
 * for "exit 1" would otherwise pass on a crash).  ASAN_OPTIONS and
 * UBSAN_OPTIONS from the environment are read after these and may refine
 * them. */
#ifndef SANITIZE_LOG_DIR
#error "build with -DSANITIZE_LOG_DIR='\"/absolute/dir\"'"
#endif

/* Status of a process stopped by a sanitizer report. */
#define SANITIZE_EXITCODE "86"

/* What AddressSanitizer (and LeakSanitizer, run by it at exit) does on a report. */
const char *__asan_default_options(void);
/* What UndefinedBehaviorSanitizer does on a report. */
const char *__ubsan_default_options(void);

const char *__asan_default_options(void)
{
	return "detect_leaks=1:halt_on_error=1:abort_on_error=0"
	       ":detect_stack_use_after_return=1:strict_string_checks=1"
	       ":exitcode=" SANITIZE_EXITCODE ":log_path=" SANITIZE_LOG_DIR "/asan";
}

const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1"
	       ":exitcode=" SANITIZE_EXITCODE ":log_path=" SANITIZE_LOG_DIR "/ubsan";
}
