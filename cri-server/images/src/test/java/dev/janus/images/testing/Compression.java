package dev.janus.images.testing;

/** How a test layer is compressed. */
public enum Compression { GZIP, ZSTD, NONE }
