package dev.janus.networking.hns.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An address prefix such as {@code 172.30.0.0/16} or {@code fd00:30::/64}, parsed without any
 * name lookup. HNS takes prefixes as strings; Janus parses them only to validate the config and
 * to tell which subnet an address HNS handed out belongs to.
 */
public record Cidr(InetAddress address, int prefixLength) {

    /** Literal characters only: InetAddress would otherwise try to resolve a host name. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    public Cidr {
        int max = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of 0.." + max);
        }
    }

    public static Cidr parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not an address prefix such as 10.0.0.0/16");
        }
        try {
            return new Cidr(literal(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" has no numeric prefix length");
        }
    }

    /** An IP literal (v4 or v6); never a host name. */
    public static InetAddress literal(String text) {
        if (text == null || !LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
        }
    }

    public boolean isIpv6() {
        return address.getAddress().length == 16;
    }

    public boolean contains(InetAddress candidate) {
        byte[] own = address.getAddress();
        byte[] other = candidate.getAddress();
        if (own.length != other.length) {
            return false;
        }
        int hostBits = own.length * 8 - prefixLength;
        return new BigInteger(1, own).shiftRight(hostBits).equals(new BigInteger(1, other).shiftRight(hostBits));
    }

    /** The default route of this family: 0.0.0.0/0 or ::/0. */
    public String defaultRoute() {
        return isIpv6() ? "::/0" : "0.0.0.0/0";
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
