/* fileio.h - small file-system helpers shared by the readers and writers. */
#ifndef CRAMPGUIDE_FILEIO_H
#define CRAMPGUIDE_FILEIO_H

#include <stddef.h>

/* Read fd to its end, but at most max + 1 bytes (so a file that grew past a limit checked with fstat() is still caught), expecting about `size` bytes (its fstat() size, or 0); return a new buffer and its length in *len, or NULL with errno set. */
char *fileio_read_fd(int fd, size_t size, size_t max, size_t *len);

/* The directory part of path ("." for a bare name, "/" for a file in the root), as a new string. */
char *fileio_dir_of(const char *path);

/* fsync the directory dir, so that a rename or create in it is on disk (errors are ignored: not every file system can). */
void fileio_sync_dir(const char *dir);

#endif
