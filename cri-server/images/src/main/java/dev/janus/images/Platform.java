package dev.janus.images;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An OCI platform as an image index or config names it. {@code variant} and {@code osVersion}
 * are empty strings when absent; {@code osVersion} matters only for Windows
 * ({@code 10.0.<build>.<revision>}).
 */
public record Platform(String os, String architecture, String variant, String osVersion) {

    public Platform {
        os = nullToEmpty(os);
        architecture = nullToEmpty(architecture);
        variant = nullToEmpty(variant);
        osVersion = nullToEmpty(osVersion);
    }

    @JsonIgnore
    public boolean isWindows() {
        return "windows".equals(os);
    }

    @Override
    public String toString() {
        String s = os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        return osVersion.isEmpty() ? s : s + " (" + osVersion + ")";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
