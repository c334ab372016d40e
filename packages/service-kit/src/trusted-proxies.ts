import { z } from 'zod';

const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);

/** `2` (a hop count) or `10.0.0.5,10.1.0.0/16` (the proxies' addresses and CIDRs); unset or `0` trusts none. */
export const trustedProxies = z
  .string()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    const setting = value.trim();
    if (setting === '') return false;
    if (/^\d+$/.test(setting)) {
      const hops = Number(setting);
      if (hops <= 10) return hops || false;
      ctx.addIssue({ code: 'custom', message: 'a hop count of at most 10' });
      return z.NEVER;
    }
    const entries = setting.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !proxyAddress.safeParse(entry).success);
    if (invalid.length === 0) return entries;
    ctx.addIssue({ code: 'custom', message: `a hop count, or IP addresses and CIDRs (not ${invalid.join(', ')})` });
    return z.NEVER;
  });
