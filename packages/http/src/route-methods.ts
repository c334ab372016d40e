/** The methods each route answers, to tell "no such method here" (405 with Allow) from "no such resource" (404). */
export class RouteMethods {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  /** A route as Fastify registers it: `/v1/accounts/:id`, `/docs/*`. */
  add(url: string, methods: string | readonly string[]): void {
    const route = this.routes.get(url) ?? { pattern: patternOf(url), methods: new Set<string>() };
    for (const method of typeof methods === 'string' ? [methods] : methods) route.methods.add(method.toUpperCase());
    this.routes.set(url, route);
  }

  /** Every method some route answers for this path (without its query), sorted; empty for an unknown path. */
  allowedFor(path: string): string[] {
    const pathname = path.split('?', 1)[0]!;
    const allowed = new Set<string>();
    for (const { pattern, methods } of this.routes.values()) {
      if (pattern.test(pathname)) methods.forEach((method) => allowed.add(method));
    }
    return [...allowed].sort();
  }
}

function patternOf(url: string): RegExp {
  const segments = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    // a parameter matches one segment whatever its own regex; the route itself still decides 404 for a bad value
    return segment
      .split(/(:[A-Za-z0-9_]+(?:\([^)]*\))?)/)
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
  });
  return new RegExp(`^${segments.join('/')}$`);
}
