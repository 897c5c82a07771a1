package dev.janus.networking.cni;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.janus.cri.errors.CriException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pod annotations {@code kubernetes.io/ingress-bandwidth} and {@code egress-bandwidth}
 * (Kubernetes quantities in bits per second, e.g. {@code 10M}) as the bandwidth plugin's
 * runtime config. Bursts are 2^32-1 bits, as containerd sets them, since the pod gives none.
 */
final class BandwidthAnnotations {

    static final String INGRESS = "kubernetes.io/ingress-bandwidth";
    static final String EGRESS = "kubernetes.io/egress-bandwidth";
    private static final long BURST = 4_294_967_295L;
    /** kubelet's own sanity bounds: 1 kbit/s to 1 Pbit/s. */
    private static final BigDecimal MIN = BigDecimal.valueOf(1_000);
    private static final BigDecimal MAX = new BigDecimal("1e15");
    private static final Pattern QUANTITY =
            Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?");

    private BandwidthAnnotations() {
    }

    /** The bandwidth capability's object, or null when the pod asks for no limit. */
    static ObjectNode of(Map<String, String> annotations, String sandboxId) {
        String ingress = annotations.get(INGRESS);
        String egress = annotations.get(EGRESS);
        if (ingress == null && egress == null) {
            return null;
        }
        ObjectNode out = Json.object();
        if (ingress != null) {
            out.put("ingressRate", bitsPerSecond(INGRESS, ingress, sandboxId));
            out.put("ingressBurst", BURST);
        }
        if (egress != null) {
            out.put("egressRate", bitsPerSecond(EGRESS, egress, sandboxId));
            out.put("egressBurst", BURST);
        }
        return out;
    }

    static long bitsPerSecond(String key, String quantity, String sandboxId) {
        Matcher m = QUANTITY.matcher(quantity.strip());
        if (!m.matches()) {
            throw CriException.invalid("annotation %s of sandbox %s is not a quantity: \"%s\"",
                    key, sandboxId, quantity);
        }
        BigDecimal value = new BigDecimal(m.group(1));
        if (m.group(2) != null) {
            value = value.scaleByPowerOfTen(Integer.parseInt(m.group(2).substring(1)));
        } else if (m.group(3) != null) {
            value = value.multiply(multiplier(m.group(3)));
        }
        value = value.setScale(0, RoundingMode.CEILING);
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw CriException.invalid("annotation %s of sandbox %s is out of range (1k to 1P"
                    + " bits per second): \"%s\"", key, sandboxId, quantity);
        }
        return value.longValueExact();
    }

    private static BigDecimal multiplier(String suffix) {
        return switch (suffix) {
            case "m" -> new BigDecimal("0.001");
            case "k" -> BigDecimal.TEN.pow(3);
            case "M" -> BigDecimal.TEN.pow(6);
            case "G" -> BigDecimal.TEN.pow(9);
            case "T" -> BigDecimal.TEN.pow(12);
            case "P" -> BigDecimal.TEN.pow(15);
            case "E" -> BigDecimal.TEN.pow(18);
            default -> BigDecimal.valueOf(2).pow(10 * (1 + "KMGTPE".indexOf(suffix.charAt(0))));
        };
    }
}
