/*
 * posixcheck: POSIX file system semantics, checked in a directory, one line per check, in the
 * spirit of pjdfstest. The output holds no inode numbers, times or pids, so two runs (a 9P mount
 * in a VM, a local directory on the host) compare line by line.
 *
 *   posixcheck run DIR          every check, in DIR (which it empties first)
 *   posixcheck hold FILE SECS   holds a write lock on FILE for SECS seconds, says "held" first
 *   posixcheck trylock FILE     tries a write lock on FILE: "locked" or "busy"
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static void say(const char *check, const char *result) {
    printf("%s: %s\n", check, result);
    fflush(stdout);
}

/* "ok", or the errno's name for a failed call */
static const char *rc(int result) {
    static char text[64];
    if (result >= 0) {
        return "ok";
    }
    switch (errno) {
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case ELOOP: return "ELOOP";
    case ENOTEMPTY: return "ENOTEMPTY";
    case EAGAIN: return "EAGAIN";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EINVAL: return "EINVAL";
    case ENODATA: return "ENODATA";
    case EXDEV: return "EXDEV";
    case EBADF: return "EBADF";
    case EROFS: return "EROFS";
    case ENOTSUP: return "ENOTSUP";
    default:
        snprintf(text, sizeof text, "errno %d", errno);
        return text;
    }
}

static void check(const char *name, int result) {
    say(name, rc(result));
}

static void number(const char *name, long long value) {
    char text[32];
    snprintf(text, sizeof text, "%lld", value);
    say(name, text);
}

static int write_file(const char *path, const char *text, int flags) {
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
    if (fd < 0) {
        return -1;
    }
    int n = write(fd, text, strlen(text));
    close(fd);
    return n;
}

static long long size_of(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : -1;
}

static char *read_file(const char *path) {
    static char text[256];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        return "(none)";
    }
    int n = read(fd, text, sizeof text - 1);
    close(fd);
    text[n < 0 ? 0 : n] = 0;
    return text;
}

static int lock(int fd, short type, int wait) {
    struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
    return fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
}

static void run(const char *dir) {
    if (chdir(dir) != 0) {
        perror(dir);
        exit(2);
    }
    system("rm -rf ./* ./.[!.]* 2>/dev/null");

    /* open flags */
    check("open O_CREAT|O_EXCL new", open("excl", O_CREAT | O_EXCL | O_WRONLY, 0644));
    check("open O_CREAT|O_EXCL existing", open("excl", O_CREAT | O_EXCL | O_WRONLY, 0644));
    write_file("append", "one\n", O_TRUNC);
    write_file("append", "two\n", O_APPEND);
    number("O_APPEND size", size_of("append"));
    int fd = open("append", O_WRONLY | O_APPEND);
    check("pwrite with O_APPEND", (int) pwrite(fd, "x", 1, 0));
    close(fd);
    number("pwrite with O_APPEND appends (size)", size_of("append"));
    write_file("append", "", O_TRUNC);
    number("O_TRUNC size", size_of("append"));
    check("open O_DIRECTORY of a file", open("append", O_RDONLY | O_DIRECTORY));
    symlink("append", "link-to-append");
    check("open O_NOFOLLOW of a symlink", open("link-to-append", O_RDONLY | O_NOFOLLOW));
    check("open O_SYNC write", write_file("sync", "s", O_SYNC | O_TRUNC));
    check("open O_DSYNC write", write_file("dsync", "d", O_DSYNC | O_TRUNC));

    /* links and counts */
    write_file("a", "A", O_TRUNC);
    check("link", link("a", "b"));
    struct stat st;
    stat("a", &st);
    number("nlink after link", st.st_nlink);
    check("unlink", unlink("b"));
    stat("a", &st);
    number("nlink after unlink", st.st_nlink);
    mkdir("d", 0755);
    mkdir("d/sub", 0755);
    stat("d", &st);
    number("directory nlink with one subdirectory", st.st_nlink);
    check("link to a directory", link("d", "d-link"));
    check("mkdir existing", mkdir("d", 0755));
    check("rmdir non-empty", rmdir("d"));

    /* rename */
    write_file("r1", "first", O_TRUNC);
    write_file("r2", "second", O_TRUNC);
    check("rename over a file", rename("r1", "r2"));
    say("content after rename over", read_file("r2"));
    check("rename a file onto a directory", rename("r2", "d"));
    check("rename a directory onto a file", rename("d", "r2"));
    mkdir("empty", 0755);
    mkdir("full", 0755);
    write_file("full/x", "x", O_TRUNC);
    check("rename a directory onto an empty one", rename("full", "empty"));
    mkdir("full2", 0755);
    write_file("full2/y", "y", O_TRUNC);
    check("rename a directory onto a non-empty one", rename("full2", "empty"));
    check("rename a missing file", rename("nope", "nope2"));

    /* permissions and owners */
    write_file("perm", "p", O_TRUNC);
    chmod("perm", 0640);
    stat("perm", &st);
    number("mode after chmod 640 (octal as decimal)", st.st_mode & 07777);
    check("chown 1000:2000", chown("perm", 1000, 2000));
    stat("perm", &st);
    number("uid", st.st_uid);
    number("gid", st.st_gid);
    chmod("perm", 04755);
    chown("perm", 1001, 2001);
    stat("perm", &st);
    number("setuid kept after chown", (st.st_mode & 04000) != 0);
    check("lchown of a symlink", lchown("link-to-append", 1002, 2002));
    lstat("link-to-append", &st);
    number("symlink uid", st.st_uid);

    /* times */
    struct timespec times[2] = { { 1000000000, 123456789 }, { 1500000000, 987654321 } };
    check("utimensat", utimensat(AT_FDCWD, "perm", times, 0));
    stat("perm", &st);
    number("atime sec", st.st_atim.tv_sec);
    number("mtime sec", st.st_mtim.tv_sec);
    number("mtime nsec", st.st_mtim.tv_nsec);
    struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    utimensat(AT_FDCWD, "perm", now, 0);
    stat("perm", &st);
    number("mtime now is recent", st.st_mtim.tv_sec > time(NULL) - 3600);
    struct timespec link_times[2] = { { 0, UTIME_OMIT }, { 1200000000, 0 } };
    check("utimensat of a symlink itself", utimensat(AT_FDCWD, "link-to-append", link_times, AT_SYMLINK_NOFOLLOW));
    lstat("link-to-append", &st);
    number("symlink mtime", st.st_mtim.tv_sec);
    stat("append", &st);
    number("its target's mtime untouched", st.st_mtim.tv_sec != 1200000000);

    /* special files */
    check("mkfifo", mkfifo("fifo", 0600));
    lstat("fifo", &st);
    number("is a fifo", S_ISFIFO(st.st_mode));
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    strcpy(address.sun_path, "sock");
    check("bind a unix socket", bind(s, (struct sockaddr *) &address, sizeof address));
    lstat("sock", &st);
    number("is a socket", S_ISSOCK(st.st_mode));
    close(s);
    check("mknod a character device", mknod("null", S_IFCHR | 0666, makedev(1, 3)));

    /* symlinks */
    char target[64] = {0};
    readlink("link-to-append", target, sizeof target - 1);
    say("readlink", target);
    symlink("missing", "dangling");
    check("lstat dangling", lstat("dangling", &st));
    check("stat dangling", stat("dangling", &st));
    symlink("/etc/passwd", "absolute");
    readlink("absolute", target, sizeof target - 1);
    say("readlink absolute", target);

    /* extended attributes */
    write_file("xa", "x", O_TRUNC);
    check("setxattr user.colour", setxattr("xa", "user.colour", "blue", 4, 0));
    check("setxattr XATTR_CREATE existing", setxattr("xa", "user.colour", "red", 3, XATTR_CREATE));
    char value[32] = {0};
    getxattr("xa", "user.colour", value, sizeof value - 1);
    say("getxattr", value);
    char names[256] = {0};
    ssize_t length = listxattr("xa", names, sizeof names);
    int listed = 0;
    for (ssize_t at = 0; at < length; at += strlen(names + at) + 1) {
        listed += strcmp(names + at, "user.colour") == 0;
    }
    number("listxattr has user.colour", listed);
    check("removexattr", removexattr("xa", "user.colour"));
    check("getxattr removed", (int) getxattr("xa", "user.colour", value, sizeof value));

    /* locks between two processes */
    write_file("lockfile", "0123456789", O_TRUNC);
    int pipes[2];
    pipe(pipes);
    pid_t child = fork();
    if (child == 0) {
        int cfd = open("lockfile", O_RDWR);
        lock(cfd, F_WRLCK, 1);
        write(pipes[1], "l", 1);
        sleep(2);
        _exit(0);
    }
    char ready;
    read(pipes[0], &ready, 1);
    fd = open("lockfile", O_RDWR);
    check("F_SETLK while another process holds it", lock(fd, F_WRLCK, 0));
    struct flock probe = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    fcntl(fd, F_GETLK, &probe);
    say("F_GETLK sees a write lock", probe.l_type == F_WRLCK ? "yes" : "no");
    check("F_SETLKW waits for it", lock(fd, F_WRLCK, 1));
    waitpid(child, NULL, 0);
    check("F_UNLCK", lock(fd, F_UNLCK, 0));
    close(fd);

    /* data */
    fd = open("open-then-unlinked", O_RDWR | O_CREAT, 0644);
    write(fd, "still here", 10);
    unlink("open-then-unlinked");
    char buffer[16] = {0};
    pread(fd, buffer, 10, 0);
    say("read after unlink", buffer);
    check("fsync", fsync(fd));
    check("fdatasync", fdatasync(fd));
    close(fd);
    fd = open("sparse", O_RDWR | O_CREAT, 0644);
    check("ftruncate to 1 GiB", ftruncate(fd, 1 << 30));
    fstat(fd, &st);
    number("sparse size", st.st_size);
    number("sparse blocks under 1 MiB", st.st_blocks * 512 < (1 << 20));
    close(fd);
    struct statfs fs;
    check("statfs", statfs(".", &fs));
    number("statfs block size set", fs.f_bsize > 0);

    /* directories */
    mkdir("many", 0755);
    char name[64];
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "many/entry-%04d", i);
        write_file(name, "", 0);
    }
    DIR *d = opendir("many");
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        entries += e->d_name[0] != '.';
    }
    closedir(d);
    number("readdir entries", entries);
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "run") == 0) {
        run(argv[2]);
        return 0;
    }
    if (argc == 4 && strcmp(argv[1], "hold") == 0) {
        int fd = open(argv[2], O_RDWR | O_CREAT, 0644);
        if (lock(fd, F_WRLCK, 1) != 0) {
            perror("lock");
            return 1;
        }
        say("lock", "held");
        sleep(atoi(argv[3]));
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "trylock") == 0) {
        int fd = open(argv[2], O_RDWR);
        say("trylock", lock(fd, F_WRLCK, 0) == 0 ? "locked" : "busy");
        return 0;
    }
    fprintf(stderr, "usage: posixcheck run DIR | hold FILE SECS | trylock FILE\n");
    return 2;
}
