package dev.janus.isolation.p9.wire;

/** A file's identity as 9P sends it: type (directory, symlink, file), version, and a unique path. */
public record Qid(int type, int version, long path) {

    public static final int SIZE = 13;
}
