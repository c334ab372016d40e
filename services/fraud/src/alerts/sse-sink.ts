import type { ServerResponse } from 'node:http';
import type { StreamSink } from './alert-stream.service';
import type { AlertView } from './alert-view';

/** Server-Sent Events framing on a raw response; the headers go out with the first write. */
export class SseSink implements StreamSink {
  private started = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly headers: Record<string, string>,
  ) {}

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
      // a buffering proxy (nginx) would hold alerts back
      'x-accel-buffering': 'no',
    });
    // how long a disconnected EventSource waits before it reconnects (with Last-Event-ID)
    this.response.write('retry: 3000\n: connected\n\n');
  }

  send(id: string, alert: AlertView): void {
    this.start();
    this.response.write(`id: ${id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
  }

  heartbeat(): void {
    this.start();
    this.response.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }

  close(): void {
    this.start();
    this.response.end();
  }

  destroy(): void {
    this.response.destroy();
  }
}
