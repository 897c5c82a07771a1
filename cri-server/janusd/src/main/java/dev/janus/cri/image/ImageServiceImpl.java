package dev.janus.cri.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.janus.cri.CriContext;
import dev.janus.cri.api.AuthConfig;
import dev.janus.cri.api.FilesystemIdentifier;
import dev.janus.cri.api.FilesystemUsage;
import dev.janus.cri.api.ImageFsInfoRequest;
import dev.janus.cri.api.ImageFsInfoResponse;
import dev.janus.cri.api.ImageServiceGrpc;
import dev.janus.cri.api.ImageStatusRequest;
import dev.janus.cri.api.ImageStatusResponse;
import dev.janus.cri.api.ListImagesRequest;
import dev.janus.cri.api.ListImagesResponse;
import dev.janus.cri.api.PullImageRequest;
import dev.janus.cri.api.PullImageResponse;
import dev.janus.cri.api.RemoveImageRequest;
import dev.janus.cri.api.RemoveImageResponse;
import dev.janus.cri.api.UInt64Value;
import dev.janus.cri.errors.CriException;
import dev.janus.cri.server.BlockingCalls;
import dev.janus.cri.state.Clock;
import dev.janus.images.FsUsage;
import dev.janus.images.Image;
import dev.janus.images.RegistryAuth;
import dev.janus.isolation.fs.DirectoryUsage;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The CRI ImageService over the image store. */
public final class ImageServiceImpl extends ImageServiceGrpc.ImageServiceImplBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CriContext cri;
    private final Path containersDir;

    public ImageServiceImpl(CriContext cri, Path containersDir) {
        this.cri = cri;
        this.containersDir = containersDir;
    }

    @Override
    public void pullImage(PullImageRequest request, StreamObserver<PullImageResponse> observer) {
        BlockingCalls.run("PullImage", observer, () -> {
            String reference = request.getImage().getImage();
            if (reference.isEmpty()) {
                throw CriException.invalid("PullImage needs an image reference");
            }
            Image image = cri.images().pull(reference, auth(request.getAuth()),
                    Platforms.forPull(request.getImage().getRuntimeHandler(),
                            request.hasSandboxConfig() ? request.getSandboxConfig() : null));
            return PullImageResponse.newBuilder().setImageRef(image.id()).build();
        });
    }

    @Override
    public void imageStatus(ImageStatusRequest request, StreamObserver<ImageStatusResponse> observer) {
        BlockingCalls.run("ImageStatus", observer, () -> {
            ImageStatusResponse.Builder response = ImageStatusResponse.newBuilder();
            find(request.getImage().getImage(), request.getImage().getRuntimeHandler()).ifPresent(image -> {
                response.setImage(ImageViews.toCri(image));
                if (request.getVerbose()) {
                    response.putInfo("info", verboseInfo(image));
                }
            });
            return response.build();
        });
    }

    @Override
    public void listImages(ListImagesRequest request, StreamObserver<ListImagesResponse> observer) {
        BlockingCalls.run("ListImages", observer, () -> {
            ListImagesResponse.Builder response = ListImagesResponse.newBuilder();
            String wanted = request.getFilter().getImage().getImage();
            if (wanted.isEmpty()) {
                cri.images().list().forEach(image -> response.addImages(ImageViews.toCri(image)));
            } else {
                find(wanted, request.getFilter().getImage().getRuntimeHandler())
                        .ifPresent(image -> response.addImages(ImageViews.toCri(image)));
            }
            return response.build();
        });
    }

    @Override
    public void removeImage(RemoveImageRequest request, StreamObserver<RemoveImageResponse> observer) {
        BlockingCalls.run("RemoveImage", observer, () -> {
            String reference = request.getImage().getImage();
            if (reference.isEmpty()) {
                throw CriException.invalid("RemoveImage needs an image id or reference");
            }
            cri.images().remove(reference);
            return RemoveImageResponse.getDefaultInstance();
        });
    }

    @Override
    public void imageFsInfo(ImageFsInfoRequest request, StreamObserver<ImageFsInfoResponse> observer) {
        BlockingCalls.run("ImageFsInfo", observer, () -> {
            FsUsage images = cri.images().usage();
            DirectoryUsage.Totals containers = DirectoryUsage.of(containersDir);
            return ImageFsInfoResponse.newBuilder()
                    .addImageFilesystems(usage(images.mountpoint(), images.usedBytes(), images.inodesUsed()))
                    .addContainerFilesystems(usage(containersDir, containers.bytes(), containers.inodes()))
                    .build();
        });
    }

    private Optional<Image> find(String reference, String handler) {
        if (reference.isEmpty()) {
            throw CriException.invalid("an image id or reference is needed");
        }
        return cri.images().resolve(reference, Platforms.forHandler(handler));
    }

    private static FilesystemUsage usage(Path mountpoint, long bytes, long inodes) {
        return FilesystemUsage.newBuilder()
                .setTimestamp(Clock.nowNanos())
                .setFsId(FilesystemIdentifier.newBuilder().setMountpoint(mountpoint.toString()))
                .setUsedBytes(UInt64Value.newBuilder().setValue(bytes))
                .setInodesUsed(UInt64Value.newBuilder().setValue(inodes))
                .build();
    }

    private static RegistryAuth auth(AuthConfig a) {
        return new RegistryAuth(a.getUsername(), a.getPassword(), a.getAuth(), a.getIdentityToken(),
                a.getRegistryToken(), a.getServerAddress());
    }

    private static String verboseInfo(Image image) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("chainID", image.config().topChainId());
        info.put("manifestDigest", image.manifestDigest());
        info.put("platform", image.platform());
        info.put("imageSpec", image.config());
        try {
            return JSON.writeValueAsString(info);
        } catch (JsonProcessingException e) {
            throw CriException.internal("cannot render image info", e);
        }
    }
}
