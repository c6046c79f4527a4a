package io.ottertrend.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * A server socket factory whose accepted sockets have {@code TCP_NODELAY} set. MockWebServer writes headers and
 * body in separate segments; with Nagle's algorithm on, each answer waits for the client's delayed ACK (about
 * 40 ms on Linux loopback). Use it as {@code server.setServerSocketFactory(NoDelayServerSockets.FACTORY)}.
 */
public final class NoDelayServerSockets extends ServerSocketFactory {
  public static final ServerSocketFactory FACTORY = new NoDelayServerSockets();

  private NoDelayServerSockets() {}

  private static ServerSocket noDelay() throws IOException {
    return new ServerSocket() {
      @Override
      public Socket accept() throws IOException {
        Socket s = super.accept();
        s.setTcpNoDelay(true);
        return s;
      }
    };
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return noDelay();
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    ServerSocket s = noDelay();
    s.bind(new java.net.InetSocketAddress(port));
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    ServerSocket s = noDelay();
    s.bind(new java.net.InetSocketAddress(port), backlog);
    return s;
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
    ServerSocket s = noDelay();
    s.bind(new java.net.InetSocketAddress(ifAddress, port), backlog);
    return s;
  }
}
