/**
 * JSON with object keys sorted (by UTF-16 code unit, recursively) and no whitespace: one text for one value, however
 * its keys were ordered. PostgreSQL's jsonb reorders keys, so a hash over this text survives the round trip.
 * Written out by hand rather than with entries/sort/map: the verifier runs it once per record.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return `"${value.toString()}"`;
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      const object = value as Record<string, unknown>;
      let out = '{';
      for (const key of Object.keys(object).sort()) {
        const member = object[key];
        if (member === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(member)}`;
      }
      return `${out}}`;
    }
    case 'undefined':
    case 'function':
    case 'symbol':
      throw new Error(`canonical JSON cannot hold a ${typeof value}`);
  }
}
