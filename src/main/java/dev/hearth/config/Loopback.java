package dev.hearth.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL host is this machine: {@code localhost}, an IPv4 address in 127.0.0.0/8, or the IPv6
 * loopback {@code ::1}. Decided from the text alone, without DNS, so that a name that merely resolves to
 * loopback today is still treated as remote (the privacy-safe answer).
 */
final class Loopback {

    private static final Pattern IPV4_LOOPBACK =
            Pattern.compile("127\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){2}");

    private Loopback() {
    }

    /** {@code host} as {@link java.net.URI#getHost()} returns it, IPv6 literals in brackets. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.toLowerCase(Locale.ROOT).equals("localhost") || IPV4_LOOPBACK.matcher(host).matches()) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // An IPv6 literal is parsed without any lookup.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
