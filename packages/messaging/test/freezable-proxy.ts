import net from 'node:net';

/**
 * A TCP proxy whose open connections can be frozen: bytes stop flowing both ways while the sockets stay open,
 * as on a half-open connection. Connections made after `freeze()` flow normally. Closing one side closes the other.
 */
export class FreezableProxy {
  private readonly open = new Set<{ frozen: boolean; close: () => void }>();

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<FreezableProxy> {
    const proxy: { instance?: FreezableProxy } = {};
    const server = net.createServer((client) => {
      const upstream = net.connect(target.port, target.host);
      const connection = { frozen: false, close: () => undefined as void };
      const forward = (from: net.Socket, to: net.Socket) =>
        from.on('data', (chunk) => {
          if (!connection.frozen) to.write(chunk);
        });
      forward(client, upstream);
      forward(upstream, client);
      const close = () => {
        proxy.instance?.open.delete(connection);
        client.destroy();
        upstream.destroy();
      };
      connection.close = close;
      proxy.instance!.open.add(connection);
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.instance = new FreezableProxy(server, (server.address() as net.AddressInfo).port);
    return proxy.instance;
  }

  /** Stops every connection open now from passing anything on. */
  freeze(): void {
    for (const connection of this.open) connection.frozen = true;
  }

  /** Rewrites a PostgreSQL URL to go through this proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  close(): Promise<void> {
    for (const connection of this.open) connection.close();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
