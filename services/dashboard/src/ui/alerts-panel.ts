/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { AlertView, EvidenceView } from '../alerts/alert-view';
import { openStream } from './api';
import { clock, money, shortId } from './format';

type Raised = Extract<AlertView, { kind: 'raised' }>;
type Resolved = Extract<AlertView, { kind: 'resolved' }>;
interface AlertRow {
  readonly alert: Raised;
  readonly resolution: Resolved | undefined;
  readonly arrivedAt: number;
}

const SHOWN = 100;

/** The live alerts, newest first; a FraudAlertResolved closes the alert it names. */
export function AlertsPanel(props: { onStreamError: () => void }) {
  const [rows, setRows] = useState<ReadonlyMap<string, AlertRow>>(new Map());
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = openStream('/api/alerts/stream');
    source.onopen = () => setConnected(true);
    source.onerror = () => {
      setConnected(false);
      if (source.readyState === EventSource.CLOSED) props.onStreamError();
    };
    source.addEventListener('alert', (message: MessageEvent<string>) => {
      const alert = JSON.parse(message.data) as AlertView;
      setRows((previous) => {
        const next = new Map(previous);
        if (alert.kind === 'raised') {
          // a reconnect sends what it missed, and maybe a little more: the alert id keeps one row per alert
          next.set(alert.alertId, {
            alert,
            resolution: previous.get(alert.alertId)?.resolution,
            arrivedAt: previous.get(alert.alertId)?.arrivedAt ?? Date.now(),
          });
        } else {
          const row = previous.get(alert.alertId);
          if (row) next.set(alert.alertId, { ...row, resolution: alert });
        }
        return next;
      });
    });
    return () => source.close();
  }, []);

  const sorted = [...rows.values()]
    .sort((a, b) => b.alert.occurredAt.localeCompare(a.alert.occurredAt))
    .slice(0, SHOWN);
  const open = sorted.filter((row) => !row.resolution).length;

  return html`
    <section class="card alerts" aria-label="Fraud alerts">
      <header class="card-head">
        <h2>Fraud alerts</h2>
        <span class="count">${open} open</span>
        <span class=${`live ${connected ? 'on' : 'off'}`}>${connected ? 'live' : 'reconnecting'}</span>
      </header>
      ${sorted.length === 0 && html`<p class="empty">No alerts yet. They appear here the moment a rule matches.</p>`}
      <ol class="alert-list">
        ${sorted.map((row) => html`<${AlertItem} key=${row.alert.alertId} row=${row} />`)}
      </ol>
    </section>
  `;
}

function AlertItem({ row }: { row: AlertRow }) {
  const { alert, resolution } = row;
  const fresh = Date.now() - row.arrivedAt < 10_000;
  const freezes = [alert.freezeCard && 'card frozen', alert.freezeAccount && 'account frozen'].filter(Boolean);
  return html`
    <li
      class=${`alert severity-${alert.severity}${resolution ? ' resolved' : ''}${fresh ? ' fresh' : ''}`}
      data-alert-id=${alert.alertId}
      data-rule=${alert.rule}
    >
      <div class="alert-head">
        <span class="rule">${alert.rule}</span>
        <span class=${`severity ${alert.severity}`}>${alert.severity}</span>
        <span class="score" title="how sure the rule is, 1–100">score ${alert.score}</span>
        ${alert.amount && html`<span class="amount">${money(alert.amount)}</span>`}
        <time class="muted" datetime=${alert.occurredAt}>${clock(alert.occurredAt)}</time>
      </div>
      <p class="description">${alert.description}</p>
      <div class="alert-meta muted">
        <span title=${alert.accountId}>account ${shortId(alert.accountId)}</span>
        ${alert.cardId && html`<span title=${alert.cardId}>card ${shortId(alert.cardId)}</span>`}
        ${freezes.length > 0 && html`<span class="freeze">${freezes.join(', ')}</span>`}
        ${resolution && html`<span class="resolution">resolved: ${resolution.resolution.replace('_', ' ')}</span>`}
      </div>
      <details class="evidence">
        <summary>Evidence: ${alert.evidence.length} event${alert.evidence.length === 1 ? '' : 's'}</summary>
        <ul>
          ${alert.evidence.map((e) => html`<${EvidenceItem} key=${e.eventId} evidence=${e} />`)}
        </ul>
      </details>
    </li>
  `;
}

function EvidenceItem({ evidence }: { evidence: EvidenceView }) {
  if (!evidence.type) {
    return html`<li class="muted" title=${evidence.eventId}>
      ${shortId(evidence.eventId)} (older than the dashboard’s memory)
    </li>`;
  }
  const payload = evidence.payload as {
    amount?: { amountMinor: string; currency: string };
    merchant?: { name: string; country: string };
  } | null;
  return html`
    <li title=${evidence.eventId}>
      <time class="muted">${clock(evidence.occurredAt)}</time>
      <span class="type">${evidence.type}</span>
      ${payload?.amount && html`<span class="amount">${money(payload.amount)}</span>`}
      ${payload?.merchant && html`<span class="muted">${payload.merchant.name}, ${payload.merchant.country}</span>`}
    </li>
  `;
}
