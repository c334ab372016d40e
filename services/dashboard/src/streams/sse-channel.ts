import type { ServerResponse } from 'node:http';

/** Server-Sent Events framing on a raw response; the headers go out with the first write. */
export class SseChannel {
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

  /** Bytes written but not yet taken by the client. */
  get backlog(): number {
    return this.response.writableLength;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.response.writeHead(200, {
      ...this.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // a buffering proxy (nginx) would hold events back
      'x-accel-buffering': 'no',
    });
    // how long a disconnected EventSource waits before it reconnects (with Last-Event-ID)
    this.response.write('retry: 2000\n: connected\n\n');
  }

  send(id: string, event: string, data: unknown): void {
    this.start();
    this.response.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** A comment line: EventSource ignores it; proxies, curl and tests see it. */
  comment(text: string): void {
    this.start();
    this.response.write(`: ${text}\n\n`);
  }

  heartbeat(): void {
    this.start();
    this.response.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }

  /** Ends the stream; the client reconnects with its Last-Event-ID. */
  close(): void {
    this.start();
    this.response.end();
  }

  /** Cuts the connection (a client too far behind): what it had not read is dropped with it. */
  destroy(): void {
    this.response.destroy();
  }
}
