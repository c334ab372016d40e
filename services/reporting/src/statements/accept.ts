/** The representations of a statement, by the media type an Accept header names. */
export const STATEMENT_TYPES = ['application/json', 'text/csv', 'application/pdf'] as const;
export type StatementType = (typeof STATEMENT_TYPES)[number];

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseAccept(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim());
      const [type, subtype] = range.toLowerCase().split('/');
      if (!type || !subtype) return [];
      const qParam = params.find((p) => /^q=/i.test(p));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return Number.isFinite(q) ? [{ type, subtype, q }] : [];
    });
}

// how well a range names an offered type: 2 exact, 1 type/*, 0 */*, -1 not at all (RFC 9110 §12.5.1)
function specificity(range: MediaRange, offered: string): number {
  const [type, subtype] = offered.split('/');
  if (range.type === type && range.subtype === subtype) return 2;
  if (range.type === type && range.subtype === '*') return 1;
  if (range.type === '*' && range.subtype === '*') return 0;
  return -1;
}

/**
 * The representation to answer with: the offered type the client rates highest (the most specific range that
 * names a type sets its q; q=0 refuses it), ties going to the earlier offer. No header means JSON; undefined when
 * nothing offered is acceptable.
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = parseAccept(accept);
  let best: { type: T; q: number } | undefined;
  for (const type of offered) {
    const matching = ranges
      .map((range) => ({ range, score: specificity(range, type) }))
      .filter((m) => m.score >= 0)
      .sort((a, b) => b.score - a.score);
    const q = matching[0]?.range.q ?? 0;
    if (q > 0 && (best === undefined || q > best.q)) best = { type, q };
  }
  return best?.type;
}
