package dev.janus.isolation.hvsock;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * SOCKADDR_HV: {@code USHORT Family (34); USHORT Reserved; GUID VmId; GUID ServiceId} = 36
 * bytes. A GUID is Data1 (uint32), Data2, Data3 (uint16) little-endian, then Data4 as 8 bytes in
 * order: not the byte order of {@link UUID#toString}.
 */
public final class HvSocketAddress {

    public static final int SIZE = 36;

    private HvSocketAddress() {
    }

    public static byte[] encode(UUID vmId, UUID serviceId) {
        ByteBuffer address = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        address.putShort(WinSock.AF_HYPERV);
        address.putShort((short) 0);
        guid(address, vmId);
        guid(address, serviceId);
        return address.array();
    }

    static void guid(ByteBuffer out, UUID id) {
        long high = id.getMostSignificantBits();
        out.order(ByteOrder.LITTLE_ENDIAN);
        out.putInt((int) (high >>> 32));
        out.putShort((short) (high >>> 16));
        out.putShort((short) high);
        out.order(ByteOrder.BIG_ENDIAN);
        out.putLong(id.getLeastSignificantBits());
        out.order(ByteOrder.LITTLE_ENDIAN);
    }
}
