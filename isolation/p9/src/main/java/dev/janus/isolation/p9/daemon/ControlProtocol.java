package dev.janus.isolation.p9.daemon;

/**
 * The volume server's control socket: one request per connection, each field written with
 * DataOutputStream.writeUTF. Requests: {@code share <ShareRequest>}, {@code unshare vmId aname},
 * {@code forget vmId}, {@code list}. Replies: {@code ok} (for list, a count then that many
 * ShareRequests) or {@code error} and a message.
 */
final class ControlProtocol {

    static final String SHARE = "share";
    static final String UNSHARE = "unshare";
    static final String FORGET = "forget";
    static final String LIST = "list";
    static final String OK = "ok";
    static final String ERROR = "error";

    private ControlProtocol() {
    }
}
