// Preload (`node --require ./bench/pg-probe.cjs`): counts the service's PostgreSQL round trips by statement and
// times how long a transaction waits for its row locks (the SELECT … FOR UPDATE's round trip) and holds them
// (its reply to COMMIT's reply).
// SIGWINCH writes the tally to $PG_PROBE_OUT (default /tmp/prof/pg-probe.json) and starts a new one.
/* global __dirname */
const { createRequire } = require('node:module');
const path = require('node:path');
const fs = require('node:fs');

const fromDatabasePackage = createRequire(path.join(__dirname, '../../../packages/database/package.json'));
const pg = fromDatabasePackage('pg');
const out = process.env.PG_PROBE_OUT ?? '/tmp/prof/pg-probe.json';

let tally;
function reset() {
  tally = { since: Date.now(), statements: {}, lockHoldMs: [], lockWaitMs: [], txMs: [], roundTripMs: [] };
}
reset();

function shapeOf(text) {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  if (/FOR UPDATE/i.test(flat)) return 'SELECT … FROM account … FOR UPDATE';
  if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(flat)) return flat.split(' ')[0].toUpperCase();
  return flat.replace(/\$\d+/g, '$').slice(0, 110);
}

const original = pg.Client.prototype.query;
if (process.env.PG_PROBE_DEBUG)
  console.error(
    'pg-probe: patching',
    require.resolve('pg', { paths: [path.join(__dirname, '../../../packages/database')] }),
  );
pg.Client.prototype.query = function probedQuery(...args) {
  const [config] = args;
  const text = typeof config === 'string' ? config : config && config.text;
  if (text === undefined) return original.apply(this, args);
  const shape = shapeOf(text);
  const started = process.hrtime.bigint();
  if (shape === 'BEGIN') this.__beganAt = started;
  const finish = () => {
    const now = process.hrtime.bigint();
    const s = (tally.statements[shape] ??= { count: 0, totalMs: 0 });
    s.count++;
    const ms = Number(now - started) / 1e6;
    s.totalMs += ms;
    tally.roundTripMs.push(ms);
    // locks are held from the FOR UPDATE's reply (the wait for them is its round trip) to COMMIT's reply
    if (shape === 'SELECT … FROM account … FOR UPDATE') {
      this.__lockedAt = now;
      tally.lockWaitMs.push(ms);
    }
    if (shape === 'COMMIT' || shape === 'ROLLBACK') {
      if (this.__lockedAt !== undefined) tally.lockHoldMs.push(Number(now - this.__lockedAt) / 1e6);
      if (this.__beganAt !== undefined) tally.txMs.push(Number(now - this.__beganAt) / 1e6);
      this.__lockedAt = undefined;
      this.__beganAt = undefined;
    }
  };
  const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
  if (callback) {
    args.push((err, res) => {
      finish();
      callback(err, res);
    });
    return original.apply(this, args);
  }
  const result = original.apply(this, args);
  if (result && typeof result.then === 'function') result.then(finish, finish);
  return result;
};

function percentile(values, p) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
}

// not SIGUSR2: Nest's shutdown hooks stop the app on it
process.on('SIGWINCH', () => {
  const summary = {
    windowMs: Date.now() - tally.since,
    statements: Object.fromEntries(
      Object.entries(tally.statements)
        .sort((a, b) => b[1].count - a[1].count)
        .map(([k, v]) => [k, { count: v.count, meanMs: Number((v.totalMs / v.count).toFixed(2)) }]),
    ),
    roundTrips: tally.roundTripMs.length,
    roundTripMs: { p50: percentile(tally.roundTripMs, 50), p99: percentile(tally.roundTripMs, 99) },
    transactions: tally.txMs.length,
    transactionMs: { p50: percentile(tally.txMs, 50), p99: percentile(tally.txMs, 99) },
    lockWaitMs: {
      p50: percentile(tally.lockWaitMs, 50),
      p90: percentile(tally.lockWaitMs, 90),
      p99: percentile(tally.lockWaitMs, 99),
    },
    lockHoldMs: {
      n: tally.lockHoldMs.length,
      p50: percentile(tally.lockHoldMs, 50),
      p90: percentile(tally.lockHoldMs, 90),
      p99: percentile(tally.lockHoldMs, 99),
      mean: tally.lockHoldMs.length
        ? Number((tally.lockHoldMs.reduce((a, b) => a + b, 0) / tally.lockHoldMs.length).toFixed(2))
        : null,
    },
  };
  fs.writeFileSync(out, JSON.stringify(summary, null, 2));
  reset();
});
