import type { FraudRuleName } from '@microbank/contracts';
import type { BankClient } from './bank-client';
import { CannotRunError } from './cannot-run.error';
import type { RaisedAlert } from './scoring';

interface AlertView {
  id: string;
  rule: FraudRuleName;
  customer: { userId: string };
  accountId: string;
  cardId: string | null;
  detectedAt: string;
}

// a look back over the newest alerts, not an export: enough pages for any run the CLI allows
const MAX_PAGES = 50;

/** The analyst, logged in through the user service, reading the fraud alerts API. */
export class AnalystSession {
  private constructor(
    private readonly bank: BankClient,
    private readonly credentials: { email: string; password: string },
    private token: string,
  ) {}

  static async login(bank: BankClient, credentials: { email: string; password: string }): Promise<AnalystSession> {
    return new AnalystSession(bank, credentials, await analystToken(bank, credentials));
  }

  /** The alerts detected since `since` about the customers in `userIds`, newest first. */
  async alertsAbout(userIds: ReadonlySet<string>, since: Date): Promise<RaisedAlert[]> {
    const found: RaisedAlert[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: string = `/v1/alerts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const reply = await this.read(query);
      for (const alert of reply.items) {
        if (userIds.has(alert.customer.userId)) {
          found.push({
            id: alert.id,
            rule: alert.rule,
            userId: alert.customer.userId,
            accountId: alert.accountId,
            cardId: alert.cardId,
          });
        }
      }
      const oldest = reply.items.at(-1);
      if (!reply.nextCursor || !oldest || new Date(oldest.detectedAt) < since) return found;
      cursor = reply.nextCursor;
    }
    return found;
  }

  private async read(path: string): Promise<{ items: AlertView[]; nextCursor: string | null }> {
    let reply = await this.bank.call<{ items: AlertView[]; nextCursor: string | null }>('fraud', 'GET', path, {
      bearer: this.token,
    });
    if (reply.status === 401) {
      // tokens live 15 minutes; a long run outlives one
      this.token = await analystToken(this.bank, this.credentials);
      reply = await this.bank.call('fraud', 'GET', path, { bearer: this.token });
    }
    if (reply.status !== 200) throw new Error(`GET ${path} on the fraud service answered ${reply.status}`);
    return reply.body;
  }
}

async function analystToken(bank: BankClient, credentials: { email: string; password: string }): Promise<string> {
  const reply = await bank.call<{ accessToken: string }>('user', 'POST', '/v1/auth/login', { body: credentials });
  if (reply.status !== 200) {
    throw new CannotRunError(
      `the user service refused the analyst ${credentials.email} (${reply.status}): check ANALYST_EMAIL and ANALYST_PASSWORD`,
    );
  }
  return reply.body.accessToken;
}
