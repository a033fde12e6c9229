// A tiny router keyed by route patterns like "/v1/corporations/{corp}/owners".
// The pattern (not the concrete path) names the route in /_sandbox/stats, and
// a path that matches some pattern under another method answers 405.
import type { RequestContext } from './context';
import type { Reply } from './reply';

export type RouteKind =
  /** The system's API: authenticated, faulted, counted in stats. */
  | 'api'
  /** The sandbox's own web pages: for people, never faulted or counted. */
  | 'page'
  /** /_sandbox/*: never faulted or counted. */
  | 'control';

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

export interface Route {
  method: string;
  pattern: string;
  kind: RouteKind;
  handler: Handler;
  segments: string[];
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; pattern: string; routeKind: RouteKind; allowed: string[] }
  | { kind: 'none' };

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, kind: RouteKind, handler: Handler): this {
    this.routes.push({ method, pattern, kind, handler, segments: splitPath(pattern) });
    return this;
  }

  match(method: string, path: string): Match {
    const parts = splitPath(path);
    const allowed: string[] = [];
    let wrong: Route | undefined;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
      wrong ??= route;
    }
    if (wrong) return { kind: 'wrong-method', pattern: wrong.pattern, routeKind: wrong.kind, allowed };
    return { kind: 'none' };
  }
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    const part = parts[i] as string;
    if (seg.startsWith('{') && seg.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return null;
      }
      params[seg.slice(1, -1)] = value;
    } else if (seg !== part) {
      return null;
    }
  }
  return params;
}
