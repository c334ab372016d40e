/** What the demo's business topics and service databases hold at one moment. */
export interface DemoDataSnapshot {
  /** The end offset of every partition of every business topic, keyed `topic/partition`. */
  readonly offsets: Readonly<Record<string, string>>;
  /** The committed offsets of the demo services' consumer groups, keyed `group topic/partition`. */
  readonly groups: Readonly<Record<string, string>>;
  /** Every table of every service database, keyed `database.schema.table`. */
  readonly tables: Readonly<Record<string, TableFingerprint>>;
}

export interface TableFingerprint {
  readonly rows: number;
  /** Changes with any row's content, whatever the row order. */
  readonly digest: string;
}

/** Each difference between two snapshots in one line; empty when the demo's data is as it was. */
export function demoDataChanges(before: DemoDataSnapshot, after: DemoDataSnapshot): string[] {
  const changes: string[] = [];
  for (const key of keysOf(before.offsets, after.offsets)) {
    const [was, is] = [before.offsets[key], after.offsets[key]];
    if (was !== is) changes.push(`${key}: end offset ${was ?? 'none'} → ${is ?? 'none'}`);
  }
  for (const key of keysOf(before.groups, after.groups)) {
    const [was, is] = [before.groups[key], after.groups[key]];
    if (was !== is) changes.push(`${key}: committed offset ${was ?? 'none'} → ${is ?? 'none'}`);
  }
  for (const key of keysOf(before.tables, after.tables)) {
    const [was, is] = [before.tables[key], after.tables[key]];
    if (!was || !is) changes.push(`${key}: ${was ? 'dropped' : 'created'}`);
    else if (was.rows !== is.rows) changes.push(`${key}: ${was.rows} → ${is.rows} rows`);
    else if (was.digest !== is.digest) changes.push(`${key}: rows changed (still ${is.rows})`);
  }
  return changes;
}

function keysOf(...records: Readonly<Record<string, unknown>>[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
}
