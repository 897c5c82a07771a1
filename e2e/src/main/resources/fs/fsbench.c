/*
 * File system rates in one directory, for the 9P volume benchmark: sequential write (1 MiB
 * writes, then fsync), sequential read of the same file (its pages dropped first, so the read
 * reaches the file system), and small files: create+write 4 KiB+close, stat, unlink.
 * Usage: fsbench DIR MIB FILES. Prints "name: value unit" lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void fail(const char *what, const char *path) {
    fprintf(stderr, "%s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void sequential(const char *dir, long mib) {
    char path[4096];
    snprintf(path, sizeof path, "%s/fsbench.seq", dir);
    size_t chunk = 1 << 20;
    char *buf = malloc(chunk);
    memset(buf, 0x5a, chunk);

    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) fail("open", path);
    double t0 = now();
    for (long i = 0; i < mib; i++) {
        if (write(fd, buf, chunk) != (ssize_t) chunk) fail("write", path);
    }
    if (fsync(fd) != 0) fail("fsync", path);
    double written = now() - t0;
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    close(fd);

    fd = open(path, O_RDONLY);
    if (fd < 0) fail("open", path);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    t0 = now();
    long total = 0;
    ssize_t n;
    while ((n = read(fd, buf, chunk)) > 0) total += n;
    if (n < 0) fail("read", path);
    double read = now() - t0;
    close(fd);
    unlink(path);
    if (total != mib * (long) chunk) {
        fprintf(stderr, "read %ld bytes of %ld\n", total, mib * (long) chunk);
        exit(1);
    }
    printf("sequential write: %.1f MB/s\n", mib * 1.048576 / written);
    printf("sequential read: %.1f MB/s\n", mib * 1.048576 / read);
}

static void small_files(const char *dir, long files) {
    char base[4096], path[4200];
    snprintf(base, sizeof base, "%s/fsbench.small", dir);
    if (mkdir(base, 0755) != 0 && errno != EEXIST) fail("mkdir", base);
    char data[4096];
    memset(data, 'x', sizeof data);

    double t0 = now();
    for (long i = 0; i < files; i++) {
        snprintf(path, sizeof path, "%s/f%ld", base, i);
        int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (fd < 0) fail("create", path);
        if (write(fd, data, sizeof data) != sizeof data) fail("write", path);
        close(fd);
    }
    double created = now() - t0;

    struct stat st;
    t0 = now();
    for (long i = 0; i < files; i++) {
        snprintf(path, sizeof path, "%s/f%ld", base, i);
        if (stat(path, &st) != 0 || st.st_size != sizeof data) fail("stat", path);
    }
    double stated = now() - t0;

    t0 = now();
    for (long i = 0; i < files; i++) {
        snprintf(path, sizeof path, "%s/f%ld", base, i);
        if (unlink(path) != 0) fail("unlink", path);
    }
    double unlinked = now() - t0;
    rmdir(base);
    printf("create 4 KiB files: %.0f /s\n", files / created);
    printf("stat: %.0f /s\n", files / stated);
    printf("unlink: %.0f /s\n", files / unlinked);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: fsbench DIR MIB FILES\n");
        return 2;
    }
    sequential(argv[1], atol(argv[2]));
    small_files(argv[1], atol(argv[3]));
    return 0;
}
