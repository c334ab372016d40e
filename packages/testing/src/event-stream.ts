import { waitFor } from '@microbank/stack';

/** One Server-Sent Event as a client receives it. */
export interface ServerSentEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
  /** When the client had read it (performance.now() clock). */
  readonly receivedAt: number;
}

/** An open `text/event-stream` response, read as it arrives: the events so far, and the comment lines (heartbeats). */
export class EventStreamClient {
  readonly events: ServerSentEvent[] = [];
  readonly comments: string[] = [];
  /** Set when the server ended the stream or the connection broke (not when the client closed it). */
  ended: { readonly error: Error | undefined } | undefined;
  private reading: Promise<void> | undefined;

  private constructor(
    private readonly abort: AbortController,
    readonly status: number,
    readonly headers: Headers,
  ) {}

  /** Opens the stream; a non-200 answer is returned with its status and nothing read. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamClient> {
    const abort = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
    const client = new EventStreamClient(abort, response.status, response.headers);
    if (response.status === 200 && response.body) client.reading = client.read(response.body);
    else await response.body?.cancel();
    return client;
  }

  /** Resolves once `count` events have arrived (in all), with all of them. */
  async until(count: number, timeoutMs = 30_000): Promise<ServerSentEvent[]> {
    await waitFor(() => this.events.length >= count, {
      timeoutMs,
      intervalMs: 20,
      what: `${count} server-sent events`,
    });
    return this.events;
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.reading ?? Promise.resolve();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          this.dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
      if (!this.abort.signal.aborted) this.ended = { error: undefined };
    } catch (error) {
      // a server that dies mid-stream is something a client lives with: recorded, never thrown
      if (!this.abort.signal.aborted) this.ended = { error: error as Error };
    }
  }

  private dispatch(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) this.events.push({ id, event, data: data.join('\n'), receivedAt: performance.now() });
  }
}
