// Reads a .cpuprofile from `node --cpu-prof` and prints where the main thread's time went during the load:
// `analyse-profile.ts <file.cpuprofile> [requests]`. Samples before the last idle gap of ≥ 4 s (startup, warm-up)
// are left out. Each sample is charged to the leaf-most frame that belongs to a package or to our code, so Node
// internals and V8 builtins (JSON.stringify, Buffer, streams) count for whoever called them.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, requestsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: analyse-profile.ts <file.cpuprofile> [requests]');
const requests = Number(requestsArg ?? 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** The package or layer a frame belongs to, or undefined for Node internals and V8 builtins. */
function layerOf(frame: CallFrame): string | undefined {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(program)') return '(program: native, unattributed)';
  if (url.startsWith('wasm://')) return 'prisma: query compiler (wasm)';
  // the last node_modules/ in a pnpm path (node_modules/.pnpm/x@1/node_modules/x/…) names the package
  const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url.replace(/^file:\/\//, ''));
  if (pkg) {
    const [, name, rest] = pkg as unknown as [string, string, string];
    if (name === '@prisma/client') {
      if (/query_compiler/.test(rest)) return 'prisma: query compiler (wasm glue)';
      return 'prisma: client runtime';
    }
    if (name === '@prisma/adapter-pg' || name === '@prisma/driver-adapter-utils') return 'prisma: adapter-pg';
    if (/^(pg|pg-protocol|pg-types|pg-pool|pg-connection-string|postgres-.*|pgpass)$/.test(name)) return 'pg driver';
    if (name.startsWith('@nestjs/')) return name;
    if (
      /^(fastify|find-my-way|avvio|light-my-request|@fastify\/.*|fast-json-stringify|fast-querystring|secure-json-parse|abstract-logging|process-warning|toad-cache|rfdc|fast-uri)$/.test(
        name,
      )
    )
      return 'fastify';
    if (name === 'rxjs') return 'rxjs (nest interceptors)';
    return name;
  }
  const ours = /\/(packages|services)\/([^/]+)\/dist\/(.*)$/.exec(url);
  if (ours) {
    const [, kind, name, rest] = ours as unknown as [string, string, string, string];
    if (kind === 'packages') return `@microbank/${name}`;
    const folder = rest.includes('/') ? rest.split('/')[0] : rest;
    return `${name} service: ${folder}`;
  }
  return undefined; // node:internal/*, node:*, V8 builtins (empty url)
}

const interesting = (layer: string | undefined) => layer !== undefined;

// sample times: timeDeltas[i] is the time before sample i; a sample stands for the interval up to the next one
const times: number[] = [];
let t = 0;
for (const delta of profile.timeDeltas) times.push((t += delta));
const durationOf = (i: number) => (i + 1 < times.length ? times[i + 1]! - times[i]! : 0);

// the load window: the longest run of 500 ms buckets in which the main thread was busy at least half the time
// (leaves out startup, the warm-up and the idle pause after it, and shutdown)
const BUCKET_US = 500_000;
const busyPerBucket: number[] = [];
for (let i = 0; i < profile.samples.length; i++) {
  const bucket = Math.floor(times[i]! / BUCKET_US);
  busyPerBucket[bucket] ??= 0;
  if (byId.get(profile.samples[i]!)!.callFrame.functionName !== '(idle)') busyPerBucket[bucket] += durationOf(i);
}
let best = { from: 0, to: 0 };
for (let b = 0, runFrom = -1; b <= busyPerBucket.length; b++) {
  const loaded = (busyPerBucket[b] ?? 0) >= BUCKET_US / 2;
  if (loaded && runFrom < 0) runFrom = b;
  if (!loaded && runFrom >= 0) {
    if (b - runFrom > best.to - best.from) best = { from: runFrom, to: b };
    runFrom = -1;
  }
}
const inWindow = (i: number) => times[i]! >= best.from * BUCKET_US && times[i]! < best.to * BUCKET_US;
const start = times.findIndex((time) => time >= best.from * BUCKET_US);
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const nativeByCaller = new Map<string, number>();
const hotFunctions = new Map<string, number>();
let busy = 0;
let idle = 0;
for (let i = start; i < profile.samples.length; i++) {
  if (!inWindow(i)) continue;
  const us = durationOf(i);
  const leaf = byId.get(profile.samples[i]!)!;
  let id: number | undefined = leaf.id;
  if (leaf.callFrame.functionName === '(idle)') {
    idle += us;
    continue;
  }
  busy += us;
  let charged: string | undefined;
  const seen = new Set<string>();
  const leafName = `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/(packages|services)\//, '$1/')}:${leaf.callFrame.lineNumber}`;
  hotFunctions.set(leafName, (hotFunctions.get(leafName) ?? 0) + us);
  while (id !== undefined) {
    const node = byId.get(id)!;
    const layer = layerOf(node.callFrame);
    if (interesting(layer)) {
      if (!charged) {
        charged = layer!;
        if (node !== leaf) {
          const key = `${layer} → ${leaf.callFrame.functionName || '(anonymous)'} (${leaf.callFrame.url.replace(/.*\//, '') || 'builtin'})`;
          nativeByCaller.set(key, (nativeByCaller.get(key) ?? 0) + us);
        }
      }
      seen.add(layer);
    }
    id = parentOf.get(id);
  }
  charged ??= '(node internals with no caller in a package)';
  self.set(charged, (self.get(charged) ?? 0) + us);
  for (const layer of seen) inclusive.set(layer, (inclusive.get(layer) ?? 0) + us);
}

const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const perRequest = (us: number) => (requests ? (us / 1000 / requests).toFixed(2).padStart(7) : '');
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const table = (title: string, rows: Map<string, number>, limit = 40) => {
  console.log(`\n${title}\n${'ms'.padStart(7)} ${'ms/req'.padStart(7)}   share  what`);
  for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, limit))
    console.log(`${ms(us)} ${perRequest(us)} ${pct(us)}  ${name}`);
};

console.log(
  `window: ${(((best.to - best.from) * BUCKET_US) / 1e6).toFixed(1)} s, busy ${ms(busy)} ms, idle ${ms(idle)} ms` +
    (requests
      ? `, ${requests} requests: ${(busy / 1000 / requests).toFixed(2)} ms of main-thread CPU per request`
      : ''),
);
table('Self time by layer (Node internals and builtins charged to the calling layer)', self);
table('Inclusive time by layer (a sample counts for every layer on its stack)', inclusive);
table('Builtins and Node internals, by the layer that called them (top 30)', nativeByCaller, 30);
table('Hottest leaf functions (top 30)', hotFunctions, 30);
