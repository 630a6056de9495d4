/**
 * Starts a server listening on loopback and gives a `close` that ends the connections still open
 * (keep-alive, CONNECT tunnels, WebSockets) instead of waiting for their clients: a closed test
 * server must not hold a browser's tunnel, nor keep the test process alive. Used by the demo site
 * and by the test servers and oracles (test/support/).
 */
import type { AddressInfo, Server, Socket } from 'node:net';

export interface Listening {
  address: AddressInfo;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The server has no TCP address');
  return {
    address,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
