package dev.janus.isolation.p9.wire;

/**
 * 9P2000.L wire constants: message types (T = request, R = its reply, type + 1), and the bits
 * of the fields that carry them. Values from the protocol as the Linux 9p client speaks it.
 */
public final class P9 {

    public static final String VERSION = "9P2000.L";
    /** size[4] type[1] tag[2] */
    public static final int HEADER = 7;
    public static final int NOTAG = 0xFFFF;
    public static final int NOFID = 0xFFFFFFFF;

    public static final int RLERROR = 7;
    public static final int TSTATFS = 8;
    public static final int TLOPEN = 12;
    public static final int TLCREATE = 14;
    public static final int TSYMLINK = 16;
    public static final int TMKNOD = 18;
    public static final int TRENAME = 20;
    public static final int TREADLINK = 22;
    public static final int TGETATTR = 24;
    public static final int TSETATTR = 26;
    public static final int TXATTRWALK = 30;
    public static final int TXATTRCREATE = 32;
    public static final int TREADDIR = 40;
    public static final int TFSYNC = 50;
    public static final int TLOCK = 52;
    public static final int TGETLOCK = 54;
    public static final int TLINK = 70;
    public static final int TMKDIR = 72;
    public static final int TRENAMEAT = 74;
    public static final int TUNLINKAT = 76;
    public static final int TVERSION = 100;
    public static final int TAUTH = 102;
    public static final int TATTACH = 104;
    public static final int TFLUSH = 108;
    public static final int TWALK = 110;
    public static final int TREAD = 116;
    public static final int TWRITE = 118;
    public static final int TCLUNK = 120;
    public static final int TREMOVE = 122;

    /** qid.type */
    public static final int QTDIR = 0x80;
    public static final int QTSYMLINK = 0x02;
    public static final int QTFILE = 0x00;

    /** Tgetattr request_mask / Rgetattr valid */
    public static final long GETATTR_BASIC = 0x7FFL;
    public static final long GETATTR_BTIME = 0x800L;
    public static final long GETATTR_ALL = 0x3FFFL;

    /** Tsetattr valid */
    public static final int SETATTR_MODE = 0x1;
    public static final int SETATTR_UID = 0x2;
    public static final int SETATTR_GID = 0x4;
    public static final int SETATTR_SIZE = 0x8;
    public static final int SETATTR_ATIME = 0x10;
    public static final int SETATTR_MTIME = 0x20;
    public static final int SETATTR_CTIME = 0x40;
    public static final int SETATTR_ATIME_SET = 0x80;
    public static final int SETATTR_MTIME_SET = 0x100;

    /** Tlock type and status, Tlock flags */
    public static final int LOCK_RDLCK = 0;
    public static final int LOCK_WRLCK = 1;
    public static final int LOCK_UNLCK = 2;
    public static final int LOCK_SUCCESS = 0;
    public static final int LOCK_BLOCKED = 1;
    public static final int LOCK_ERROR = 2;

    /** Tunlinkat flags */
    public static final int AT_REMOVEDIR = 0x200;

    private P9() {
    }

    /** The name of a T-message type, for logs. */
    public static String name(int type) {
        return switch (type) {
            case TSTATFS -> "statfs";
            case TLOPEN -> "lopen";
            case TLCREATE -> "lcreate";
            case TSYMLINK -> "symlink";
            case TMKNOD -> "mknod";
            case TRENAME -> "rename";
            case TREADLINK -> "readlink";
            case TGETATTR -> "getattr";
            case TSETATTR -> "setattr";
            case TXATTRWALK -> "xattrwalk";
            case TXATTRCREATE -> "xattrcreate";
            case TREADDIR -> "readdir";
            case TFSYNC -> "fsync";
            case TLOCK -> "lock";
            case TGETLOCK -> "getlock";
            case TLINK -> "link";
            case TMKDIR -> "mkdir";
            case TRENAMEAT -> "renameat";
            case TUNLINKAT -> "unlinkat";
            case TVERSION -> "version";
            case TAUTH -> "auth";
            case TATTACH -> "attach";
            case TFLUSH -> "flush";
            case TWALK -> "walk";
            case TREAD -> "read";
            case TWRITE -> "write";
            case TCLUNK -> "clunk";
            case TREMOVE -> "remove";
            default -> "type " + type;
        };
    }
}
