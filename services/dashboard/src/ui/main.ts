/// <reference lib="dom" />
/// <reference lib="dom.asynciterable" />
import { html } from 'htm/preact';
import { render } from 'preact';
import { App } from './app';
import './styles.css';

// where to log in is the dashboard's configuration, read before anyone is logged in
void fetch('/config.json')
  .then((response) => response.json() as Promise<{ loginUrl: string }>)
  .then(({ loginUrl }) => render(html`<${App} loginUrl=${loginUrl} />`, document.getElementById('app')!));
