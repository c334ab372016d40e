/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { SessionView } from '../session/session-view';
import { AlertsPanel } from './alerts-panel';
import { ApiError, forgetToken, getJson, storedToken } from './api';
import { ClusterPanel } from './cluster-panel';
import { EventFeed } from './event-feed';
import { GroupsPanel } from './groups-panel';
import { LoginForm } from './login-form';

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'logged-out'; readonly problem: string | null }
  | { readonly kind: 'in'; readonly session: SessionView };

export function App(props: { loginUrl: string }) {
  const [state, setState] = useState<State>({ kind: 'checking' });

  const check = async () => {
    if (!storedToken()) return setState({ kind: 'logged-out', problem: null });
    try {
      setState({ kind: 'in', session: await getJson<SessionView>('/api/session') });
    } catch (error) {
      forgetToken();
      const problem =
        error instanceof ApiError && error.status === 403
          ? 'This dashboard is for analysts: that account is not one.'
          : error instanceof ApiError && error.status === 401
            ? 'Your session has ended; log in again.'
            : 'The dashboard did not answer.';
      setState({ kind: 'logged-out', problem });
    }
  };
  useEffect(() => void check(), []);

  // a stream the server ended for good, or a poll refused: the token has expired (or the dashboard went away)
  const recheck = () => void check();
  const logOut = () => {
    forgetToken();
    setState({ kind: 'logged-out', problem: null });
  };

  if (state.kind === 'checking') return html`<main class="login"><p class="muted">Loading…</p></main>`;
  if (state.kind === 'logged-out') {
    return html`<${LoginForm} loginUrl=${props.loginUrl} problem=${state.problem} onLoggedIn=${recheck} />`;
  }
  return html`
    <div class="shell">
      <header class="top">
        <h1><span class="brand-mark">◆</span> Microbank live</h1>
        <span class="muted">${state.session.email}</span>
        <button class="link" onClick=${logOut}>Log out</button>
      </header>
      <main class="grid">
        <${AlertsPanel} onStreamError=${recheck} />
        <${ClusterPanel} onUnauthorized=${recheck} />
        <${GroupsPanel} onUnauthorized=${recheck} />
        <${EventFeed} session=${state.session} onStreamError=${recheck} />
      </main>
    </div>
  `;
}
