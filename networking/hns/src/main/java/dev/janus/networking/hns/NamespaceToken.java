package dev.janus.networking.hns;

import dev.janus.cri.errors.CriException;
import dev.janus.networking.hns.schema.HcnResponses;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The path-shaped token {@link dev.janus.networking.PodNetwork#createNamespace} returns on
 * Windows, where a namespace is a GUID, not a file: {@code hcn-namespace/<namespace GUID>}
 * (backslash on Windows). It never exists on disk. Its file name is the GUID a handler puts in
 * {@code Container.Networking.Namespace} or gives a utility VM's guest as NamespaceID.
 */
public final class NamespaceToken {

    public static final String ROOT = "hcn-namespace";

    private NamespaceToken() {
    }

    public static Path of(UUID namespaceId) {
        return Path.of(ROOT, namespaceId.toString());
    }

    /** The namespace GUID of a token; INVALID_ARGUMENT for anything else (a Linux netns path, say). */
    public static UUID parse(Path token) {
        if (token == null || token.getNameCount() != 2 || !ROOT.equals(token.getName(0).toString())) {
            throw CriException.invalid("\"%s\" is not an HCN namespace token (%s/<GUID>)", token, ROOT);
        }
        try {
            return HcnResponses.guid(token.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw CriException.invalid("\"%s\" does not end in a namespace GUID", token);
        }
    }
}
