package dev.janus.isolation.hvsock;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/**
 * ws2_32.dll, for AF_HYPERV sockets (the JDK has no such family). SOCKET is a 64-bit handle on
 * x64; INVALID_SOCKET is all ones, SOCKET_ERROR -1.
 */
public interface WinSock extends Library {

    short AF_HYPERV = 34;
    int SOCK_STREAM = 1;
    int HV_PROTOCOL_RAW = 1;
    long INVALID_SOCKET = -1L;
    int SD_SEND = 1;

    static WinSock load() {
        return Native.load("ws2_32", WinSock.class);
    }

    int WSAStartup(short version, byte[] wsaData);

    int WSAGetLastError();

    long socket(int af, int type, int protocol);

    int bind(long socket, byte[] address, int length);

    int listen(long socket, int backlog);

    long accept(long socket, byte[] address, IntByReference length);

    int connect(long socket, byte[] address, int length);

    int recv(long socket, byte[] buffer, int length, int flags);

    int send(long socket, byte[] buffer, int length, int flags);

    int shutdown(long socket, int how);

    int closesocket(long socket);
}
