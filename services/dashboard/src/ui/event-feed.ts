/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { FeedEvent } from '../events/feed-event';
import type { SessionView } from '../session/session-view';
import { openStream } from './api';
import { clock, shortId } from './format';

const SHOWN = 200;

interface Filter {
  readonly topic: string;
  readonly type: string;
  readonly q: string;
}

/** Every record on the bank's topics as it is written, newest first; the filters are applied by the dashboard. */
export function EventFeed(props: { session: SessionView; onStreamError: () => void }) {
  const [filter, setFilter] = useState<Filter>({ topic: '', type: '', q: '' });
  const [search, setSearch] = useState('');
  const [events, setEvents] = useState<readonly FeedEvent[]>([]);
  const [open, setOpen] = useState<string | null>(null);

  // the search box settles for a moment before the stream is opened again with it
  useEffect(() => {
    const timer = setTimeout(() => setFilter((f) => (f.q === search ? f : { ...f, q: search })), 300);
    return () => clearTimeout(timer);
  }, [search]);

  useEffect(() => {
    setEvents([]);
    const params = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== ''));
    const source = openStream('/api/events/stream', params);
    source.onerror = () => source.readyState === EventSource.CLOSED && props.onStreamError();
    source.addEventListener('event', (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as FeedEvent;
      setEvents((previous) =>
        previous.some((e) => e.id === event.id) ? previous : newestFirst([event, ...previous]).slice(0, SHOWN),
      );
    });
    return () => source.close();
  }, [filter.topic, filter.type, filter.q]);

  const select = (name: 'topic' | 'type') => (e: Event) =>
    setFilter({ ...filter, [name]: (e.target as HTMLSelectElement).value });

  return html`
    <section class="card feed" aria-label="Event feed">
      <header class="card-head">
        <h2>Event feed</h2>
        <div class="filters">
          <select name="topic" aria-label="topic" onChange=${select('topic')}>
            <option value="">every topic</option>
            ${props.session.topics.map((t) => html`<option value=${t} selected=${filter.topic === t}>${t}</option>`)}
          </select>
          <select name="type" aria-label="event type" onChange=${select('type')}>
            <option value="">every event type</option>
            ${props.session.eventTypes.map((t) => html`<option value=${t} selected=${filter.type === t}>${t}</option>`)}
          </select>
          <input
            name="q"
            type="search"
            placeholder="aggregate or correlation id…"
            value=${search}
            onInput=${(e: Event) => setSearch((e.target as HTMLInputElement).value)}
          />
        </div>
      </header>
      ${events.length === 0 && html`<p class="empty">Nothing yet matches: events appear as they are written.</p>`}
      <div class="scroll">
        <table class="events">
          <thead>
            <tr>
              <th>time</th>
              <th>topic</th>
              <th>type</th>
              <th>aggregate</th>
              <th>correlation</th>
            </tr>
          </thead>
          <tbody>
            ${events.map(
              (e) => html`
                <tr
                  key=${e.id}
                  data-event-id=${e.id}
                  onClick=${() => setOpen(open === e.id ? null : e.id)}
                  class=${open === e.id ? 'open' : ''}
                >
                  <td><time>${clock(e.occurredAt)}</time></td>
                  <td title=${e.id}>${e.topic} <span class="muted">${e.partition}/${e.offset}</span></td>
                  <td class="type">
                    ${e.type ?? html`<em>not an event</em>`}${e.version && html`<span class="muted"> v${e.version}</span>`}
                  </td>
                  <td title=${e.aggregateId ?? ''}>${shortId(e.aggregateId)}</td>
                  <td title=${e.correlationId ?? ''}>${shortId(e.correlationId)}</td>
                </tr>
                ${
                  open === e.id &&
                  html`<tr class="payload">
                    <td colspan="5"><pre>${JSON.stringify(e.payload, null, 2)}</pre></td>
                  </tr>`
                }
              `,
            )}
          </tbody>
        </table>
      </div>
    </section>
  `;
}

// a reconnect replays each partition in turn: by time, the feed reads as it happened
function newestFirst(events: FeedEvent[]): FeedEvent[] {
  return events.sort((a, b) => (b.occurredAt ?? '').localeCompare(a.occurredAt ?? ''));
}
