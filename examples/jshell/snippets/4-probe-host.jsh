// Probe a host: a TCP listener this snippet opens on loopback, then the same port once it is closed.
ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
int port = server.getLocalPort();
System.out.println("listening: " + probeTcp("127.0.0.1", port).outcome());
server.close();
System.out.println("closed: " + probeTcp("127.0.0.1", port).outcome());
