import type { Server } from 'node:http';

/**
 * Idle keep-alive sockets outlive the clients' own idle timeouts (undici: 4 s), so a client never sends a
 * request on a socket the server is closing at that instant ("other side closed"); headers wait longer still.
 */
export function tuneKeepAlive(server: Server, keepAliveMs = 65_000): Server {
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 5_000;
  return server;
}
