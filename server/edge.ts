// The edge (ADR 0024): security headers with a per-request CSP nonce, no-store on pages and API answers,
// and the same-origin rule for unsafe methods and websocket upgrades.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/** Express's compiled `trust proxy` (app.get("trust proxy fn")): is the hop at index i a proxy we trust? */
export type TrustProxyFn = (addr: string | undefined, i: number) => boolean;

const errorBody = (code: string, message: string) => ({ error: { code, message } });
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
const firstOf = (v: string | undefined) => v?.split(",")[0]!.trim() || undefined;

/**
 * The origin the client addressed: scheme and host from a trusted proxy's X-Forwarded-Proto and
 * X-Forwarded-Host (first values, as Express's req.protocol and req.hostname read them), else from the
 * socket and the Host header. Null when the host is not a plain host name or address.
 */
export function ownOrigin(req: IncomingMessage, trust: TrustProxyFn): string | null {
  const viaProxy = trust(req.socket.remoteAddress, 0);
  const proto = ((viaProxy && firstOf(header(req, "x-forwarded-proto"))) || ((req.socket as TLSSocket).encrypted ? "https" : "http")).toLowerCase();
  const host = (viaProxy && firstOf(header(req, "x-forwarded-host"))) || header(req, "host");
  if ((proto !== "http" && proto !== "https") || !host || !HOST.test(host)) return null;
  return new URL(`${proto}://${host}`).origin; // lower case, default port dropped, like browsers' Origin
}

/**
 * Why a request is cross-origin, or null when it is not known to be. The approach of Go 1.25's
 * CrossOriginProtection: browsers send Sec-Fetch-Site or Origin on every unsafe request; a request with
 * neither comes from a non-browser client, which has no victim's cookies to ride on.
 */
export function crossOriginReason(req: IncomingMessage, trust: TrustProxyFn): string | null {
  const site = header(req, "sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Refused a ${site} request: send it from this site's own pages`;
  const origin = header(req, "origin");
  if (origin === undefined) return null;
  let given: string;
  try {
    given = new URL(origin).origin;
  } catch {
    given = "null";
  }
  const own = ownOrigin(req, trust);
  return own && given === own ? null : `Refused a request from another origin (${origin.slice(0, 100)}): send it from this site's own pages`;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Unsafe methods (forms, the API, /logout, /login) only from this origin. API tokens are exempt: a
 * browser attaches no Authorization header to a cross-site request (the API answers no CORS preflight).
 */
export function sameOriginWrites(trust: TrustProxyFn): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization?.startsWith("Bearer ")) return next();
    const why = crossOriginReason(req, trust);
    if (why) {
      res.status(403).json(errorBody("forbidden", why));
      return;
    }
    next();
  };
}

/** Websocket upgrades (Yjs, socket.io): refused when the browser says they come from another origin. */
export const foreignUpgrade = (trust: TrustProxyFn) => (req: IncomingMessage) => crossOriginReason(req, trust) !== null;

export interface EdgeOptions {
  /** COOKIE_SECURE=1: served over HTTPS, so HSTS and upgrade-insecure-requests. */
  secure: boolean;
  trust: TrustProxyFn;
}

/**
 * helmet with a per-request nonce for scripts (res.locals.cspNonce: Remix puts it on its inline and
 * module scripts, see app/entry.server.tsx). Styles allow 'unsafe-inline' (ADR 0024): Tiptap injects a
 * <style> element, collaboration carets set style attributes, and charts and outlines are server-rendered
 * with style attributes; img-src, font-src and connect-src stay same-origin so CSS cannot leak data out.
 */
export function securityHeaders({ secure, trust }: EdgeOptions): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  };
  // The page's own websocket origin (Yjs, socket.io; Vite's HMR in dev), for browsers whose 'self' leaves out ws:/wss:.
  const websocket = (req: IncomingMessage) => {
    const own = ownOrigin(req, trust);
    return own ? `'self' ${own.replace(/^http/, "ws")}` : "'self'";
  };
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as Response).locals.cspNonce}'`],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: [websocket],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Not includeSubDomains: the operator's other hosts under the same domain are not ours to decide.
    strictTransportSecurity: secure ? { maxAge: 365 * 86400, includeSubDomains: false } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
  });
  return [nonce, headers];
}

/**
 * Cache-Control: no-store for whatever answers after this (pages, API, errors), unless the answer set its
 * own (exports say "private, no-store", the OpenAPI document may be cached). Build files and /healthz are
 * served before it.
 */
export const noStore: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead;
  res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
    if (!this.hasHeader("Cache-Control")) this.setHeader("Cache-Control", "no-store");
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
};
