/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { ApiError, logIn } from './api';

/** The analyst logs in at the user service; the page keeps the token for this tab only. */
export function LoginForm(props: { loginUrl: string; problem: string | null; onLoggedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(props.problem);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await logIn(props.loginUrl, email, password);
      props.onLoggedIn();
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : `The user service at ${props.loginUrl} did not answer.`);
    } finally {
      setBusy(false);
    }
  };

  return html`
    <main class="login">
      <form class="card login-card" onSubmit=${submit}>
        <h1><span class="brand-mark">◆</span> Microbank live</h1>
        <p class="muted">Fraud alerts, the event stream and the Kafka cluster, as they happen. For bank analysts.</p>
        <label
          >Email
          <input
            name="email"
            type="email"
            autocomplete="username"
            required
            value=${email}
            onInput=${(e: Event) => setEmail((e.target as HTMLInputElement).value)}
        /></label>
        <label
          >Password
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value=${password}
            onInput=${(e: Event) => setPassword((e.target as HTMLInputElement).value)}
        /></label>
        ${problem && html`<p class="problem" role="alert">${problem}</p>`}
        <button type="submit" disabled=${busy}>${busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>
  `;
}
