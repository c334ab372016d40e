#!/usr/bin/env node
import { CannotRunError } from './cannot-run.error';
import { simulate } from './simulation';
import { settingsFrom } from './simulator-options';
import { UsageError } from './usage.error';

const USAGE = `Usage: pnpm simulate [--customers N] [--rate R] [--fraud-rate F] [--seed S] [--duration T]
                     [--request-timeout MS] [--settle S]

Drives the running bank through its public REST APIs, as customers and the card network would: customers sign up
in several countries, deposit, transfer to each other and pay by card at merchants at home and across near
borders; a share of them are fraudsters, each playing one fraud pattern, one per fraud rule in turn (large amount,
velocity, card testing, impossible travel, new-account drain, structuring). Then, as the analyst, it reads the
alerts the fraud service raised about these customers and prints, per rule: injected patterns, true positives,
false positives, missed, precision and recall.

  --customers N        customers to sign up (24)
  --rate R             honest requests per second (5)
  --fraud-rate F       the share of customers who are fraudsters, 0 to 1 (0.25: 6 of 24, every rule once)
  --seed S             the seed of the plan: the same seed and flags give the same customers, patterns,
                       amounts, merchants and timings (1)
  --duration T         seconds of traffic after the customers are set up (60)
  --request-timeout MS per request (10000)
  --settle S           longest wait for the alerts after the last request (30)

Matching: an alert is a true positive when a pattern of the same rule was played on the subject the rule
judges: the card for velocity, card testing and impossible travel; the account for large amount, new-account
drain and structuring. Every injected pattern with such an alert is a true positive, one without is missed;
an alert about a simulated customer that matches no pattern of its rule is a false positive (an honest
customer, or a fraudster caught by another rule). Precision = TP / (TP + FP), recall = TP / injected; "—" is
0/0. Honest traffic stays well clear of the thresholds (services/fraud defaults), so its alerts are real false
positives. Alerts about anyone else are ignored.

Environment: USER_URL, ACCOUNT_URL, CARD_URL, FRAUD_URL (default 127.0.0.1:3001-3004, as pnpm dev);
ANALYST_EMAIL, ANALYST_PASSWORD and CARD_NETWORK_KEY, else read from the stack's env/user.env and
keys/card-keys.json (MICROBANK_STACK_DIR, default .stack).

Exits 0 when it ran (the table is a result, not a test), 2 when it could not run (a service down, no
credentials, signups refused) and says why.`;

async function main(argv: string[]): Promise<number> {
  const settings = settingsFrom(argv, process.env);
  if (settings === 'help') {
    console.log(USAGE);
    return 0;
  }
  await simulate({ ...settings, out: process.stdout });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof CannotRunError || error instanceof UsageError) {
      console.error(`\nsimulate: ${error.message}`);
      if (error instanceof UsageError) console.error('(pnpm simulate --help says what each flag takes)');
      process.exitCode = 2;
      return;
    }
    // a bug of the simulator, not the bank's answer: the stack says where
    console.error('\nsimulate: failed', error);
    process.exitCode = 1;
  },
);
