/* measure.c - run a command and report its wall time and peak memory.
 *
 *   measure [-r REPEAT] [-i INPUT] [-s STATUS] CMD [ARG]...
 *
 * Runs CMD REPEAT times (1 by default) one after the other, with standard
 * input from INPUT (default /dev/null) and standard output to /dev/null,
 * and prints one line: the mean wall-clock seconds of a run, the mean CPU
 * seconds (user and system) of a run, and the largest peak resident set
 * of any run in KiB (the child's ru_maxrss, as reported by wait4).  On a
 * machine shared with other work the CPU time is the steadier figure: it
 * leaves out the time the run spent waiting for a CPU.  Exits 1, saying why, when CMD cannot
 * be started or does not exit with status STATUS (0 by default; 1 for
 * content that must be refused): a benchmark of a command that fails
 * otherwise measures nothing. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fputs("usage: measure [-r REPEAT] [-i INPUT] [-s STATUS] CMD [ARG]...\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *input = "/dev/null";
	long repeat = 1, want = 0, i;
	long maxrss = 0;
	double total = 0, cpu = 0;
	int c;

	while ((c = getopt(argc, argv, "+r:i:s:")) != -1) {
		switch (c) {
		case 'r':
			repeat = strtol(optarg, NULL, 10);
			if (repeat < 1)
				usage();
			break;
		case 'i':
			input = optarg;
			break;
		case 's':
			want = strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	for (i = 0; i < repeat; i++) {
		posix_spawn_file_actions_t fa;
		struct rusage ru;
		pid_t pid;
		int status, err;
		double t0;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 0, input, O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		t0 = now();
		err = posix_spawnp(&pid, argv[optind], &fa, NULL, argv + optind, environ);
		posix_spawn_file_actions_destroy(&fa);
		if (err) {
			fprintf(stderr, "measure: cannot run %s: %s\n", argv[optind], strerror(err));
			return 1;
		}
		while (wait4(pid, &status, 0, &ru) < 0) {
			if (errno != EINTR) {
				perror("measure: wait4");
				return 1;
			}
		}
		total += now() - t0;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
			fprintf(stderr, "measure: %s failed (status %d); fix it before measuring\n",
				argv[optind], WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
			return 1;
		}
		cpu += (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("%.6f %.6f %ld\n", total / (double)repeat, cpu / (double)repeat, maxrss);
	return 0;
}
