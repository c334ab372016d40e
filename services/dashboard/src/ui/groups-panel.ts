/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import type { GroupsView } from '../groups/group-lag';
import { clock } from './format';
import { LagChart } from './lag-chart';
import { usePolling } from './use-polling';

/** The services' consumer groups: lag per partition now, and total lag over time. */
export function GroupsPanel(props: { onUnauthorized: () => void }) {
  const view = usePolling<GroupsView>('/api/groups', 2_000, props.onUnauthorized);
  if (!view)
    return html`<section class="card groups">
      <h2>Consumer groups</h2>
      <p class="empty">Reading…</p>
    </section>`;
  return html`
    <section class="card groups" aria-label="Consumer groups">
      <header class="card-head">
        <h2>Consumer groups</h2>
        <span class="muted">sampled ${clock(view.readAt)}</span>
        ${view.error && html`<span class="stale" title=${view.error}>stale: ${view.error}</span>`}
      </header>
      <${LagChart} history=${view.history} groups=${view.groups.map((g) => g.groupId)} />
      <div class="scroll">
        <table class="group-table">
          <thead>
            <tr>
              <th>group</th>
              <th>state</th>
              <th>members</th>
              <th>lag</th>
              <th>lag per partition</th>
            </tr>
          </thead>
          <tbody>
            ${view.groups.map(
              (g) => html`
                <tr data-group=${g.groupId} class=${g.lag > 0 ? 'lagging' : ''}>
                  <td>${g.groupId.replace(/^microbank\./, '')}</td>
                  <td>${g.state}</td>
                  <td>${g.members}</td>
                  <td class="lag">${g.lag}</td>
                  <td>
                    <div class="partition-lags">
                      ${g.partitions.map(
                        (p) =>
                          html`<span
                            class=${`chip ${p.lag > 0 ? 'behind' : ''}`}
                            title=${`${p.topic}/${p.partition}: committed ${p.committed ?? 'none'} of ${p.latest}`}
                            >${p.topic.replace(/^banking\./, '')}/${p.partition} ${p.lag}</span
                          >`,
                      )}
                    </div>
                  </td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    </section>
  `;
}
