import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Topics } from '@microbank/contracts';
import { describeTopics, isHealthy, REPO_ROOT, type Stack } from '@microbank/stack';
import {
  BankUnderTest,
  freePort,
  stackConnections,
  stackFor,
  testKeys,
  waitFor,
  withAdmin,
  type Customer,
} from '@microbank/testing';
import { launchChromium } from './chromium';
import { DashboardUnderTest } from './dashboard-test-app';

const SCREENSHOTS = path.join(REPO_ROOT, '.test-results', 'screenshots');
const ANALYST = { email: 'analyst@dashboard.test.microbank.local', password: 'a long enough analyst password' };
const gbp = (amountMinor: string) => ({ amountMinor, currency: 'GBP' });

// The dashboard as an analyst sees it: a real Chromium on the built page, the user, account and fraud services as
// real processes on topics of this run, and the dashboard reading them and the real cluster.
describe('the dashboard in a real browser', () => {
  const keys = testKeys();
  let bank: BankUnderTest;
  let dashboard: DashboardUnderTest;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    const verify = { JWT_PUBLIC_KEY: keys.publicKey };
    // the page logs in at the user service, another origin: that service must allow the dashboard's (CORS)
    const dashboardPort = await freePort();
    // the bank signs with a key the test also hands the dashboard: the analyst's token is the user service's own
    bank = await BankUnderTest.start(['user', 'account', 'fraud'], {
      user: {
        ...verify,
        CORS_ORIGINS: `http://127.0.0.1:${dashboardPort}`,
        JWT_PRIVATE_KEY: keys.privateKey,
        ANALYST_EMAIL: ANALYST.email,
        ANALYST_PASSWORD: ANALYST.password,
      },
      account: verify,
      fraud: verify,
    });
    dashboard = await DashboardUnderTest.start({
      prefix: bank.prefix,
      keys,
      env: { DASHBOARD_LOGIN_URL: bank.urls.user },
      port: dashboardPort,
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    await bank?.stop();
  });

  const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

  async function withdraw(who: Customer, amountMinor: string): Promise<number> {
    const reply = await bank.call('account', 'POST', `/v1/accounts/${who.account.id}/withdrawals`, {
      token: who.token,
      key: randomUUID(),
      body: gbp(amountMinor),
    });
    return reply.status;
  }

  /** Logs in on the page's form, unless this tab already holds a token. */
  async function logIn(password = ANALYST.password): Promise<void> {
    await page.getByLabel('Email').fill(ANALYST.email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  async function openDashboard(): Promise<void> {
    await page.goto(dashboard.url);
    const form = page.getByRole('button', { name: 'Log in' });
    await Promise.race([form.waitFor(), page.getByText(ANALYST.email).waitFor()]);
    if (await form.isVisible()) await logIn();
    await page.getByText(ANALYST.email).waitFor();
    await page.locator('section.cluster tr[data-topic="banking.transactions"]').first().waitFor();
  }

  it('logs the analyst in, and shows a fraud alert with its evidence the moment a large withdrawal is made', async () => {
    await page.goto(dashboard.url);
    await logIn('not the password');
    await expectText(page.getByRole('alert'), 'The email or password is wrong.');
    await openDashboard();

    const victim = await bank.customer('dashboard-victim');
    const deposit = await bank.call('account', 'POST', `/v1/accounts/${victim.account.id}/deposits`, {
      token: victim.token,
      key: randomUUID(),
      body: gbp('1000000'),
    });
    expect(deposit.status).toBe(201);
    expect(await withdraw(victim, '900000')).toBe(201);

    const alert = page.locator(`li.alert[data-rule="large-amount"]`).filter({ hasText: victim.account.id.slice(0, 8) });
    await alert.waitFor({ timeout: 60_000 });
    await expectText(alert, 'GBP 9,000.00');
    await expectText(alert, 'account frozen');
    await alert.getByText(/^Evidence: \d+ events?$/).click();
    await expectText(alert.locator('.evidence li'), 'TransactionPosted');

    // the feed, searched by the victim's account: only its events, the postings and the alert among them
    await page.getByPlaceholder('aggregate or correlation id…').fill(victim.account.id);
    const rows = page.locator('table.events tbody tr[data-event-id]');
    const types = await waitFor(
      async () => {
        const aggregates = await rows
          .locator('td:nth-child(4)')
          .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('title') ?? ''));
        if (aggregates.length === 0 || aggregates.some((id) => id !== victim.account.id)) return undefined;
        const shown = await rows.locator('td.type').allTextContents();
        return shown.filter((t) => t.startsWith('TransactionPosted')).length === 2 ? shown : undefined;
      },
      { timeoutMs: 30_000, what: "the feed filtered to the victim's account" },
    );
    expect(types).toEqual(expect.arrayContaining(['AccountOpened v1', 'FraudAlertRaised v1', 'AccountFrozen v1']));
    expect((await page.locator('section.groups tr[data-group]').count()) > 0).toBe(true);
    await screenshot('dashboard-fraud-alert');
  });

  it(
    'shows a partition’s leader change when its broker is stopped, and the broker back when it returns',
    { timeout: 300_000 },
    async () => {
      const connections = await stackConnections();
      if (connections.profile !== 'full') {
        throw new Error(`stopping a broker needs the full profile (3 brokers); the stack is '${connections.profile}'`);
      }
      const stack: Stack = stackFor(connections);
      const row = page.locator(`section.cluster tr[data-topic="${Topics.transactions}"][data-partition="0"]`);
      const leaderBefore = Number(await row.locator('td.leader').getAttribute('data-leader'));
      const victim = stack.profile.brokers.find((b) => b.id === leaderBefore);
      if (!victim) throw new Error(`broker ${leaderBefore} leads ${Topics.transactions}/0 but is not in the profile`);

      let stopped = false;
      try {
        stopped = true;
        await (await stack.process(victim.name)).stop();
        await waitFor(
          async () => {
            const leader = Number(await row.locator('td.leader').getAttribute('data-leader'));
            return leader !== leaderBefore && leader !== -1;
          },
          { timeoutMs: 60_000, what: `a new leader of ${Topics.transactions}/0 on the page` },
        );
        await page.locator(`.node.broker.down[data-broker="${leaderBefore}"]`).waitFor({ timeout: 30_000 });
        expect(await row.getAttribute('class')).toBe('under-replicated');
        await screenshot('dashboard-broker-down');
      } finally {
        if (stopped) await repair(stack, connections.kafka.replicationFactor);
      }
      await page.locator(`.node.broker.up[data-broker="${leaderBefore}"]`).waitFor({ timeout: 60_000 });
      await screenshot('dashboard-broker-back');
    },
  );

  /** Starts what was stopped, then waits until every replica of this run's topics and of the offsets is in sync. */
  async function repair(stack: Stack, replicationFactor: number): Promise<void> {
    await stack.up();
    await withAdmin(dashboard.kafka, (admin) =>
      waitFor(
        async () => {
          const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(bank.prefix));
          return isHealthy(await describeTopics(admin, [...ours, '__consumer_offsets']), replicationFactor);
        },
        { timeoutMs: 180_000, intervalMs: 1_000, what: 'the cluster whole again (every replica in sync)' },
      ),
    );
  }
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.first().waitFor();
  await waitFor(async () => (await locator.allTextContents()).some((t) => t.includes(text)), {
    timeoutMs: 30_000,
    what: `“${text}” on the page`,
  });
}
