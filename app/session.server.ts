// Who is asking: session cookie (browser, socket.io, Yjs upgrade) or API token (Authorization: Bearer).
import { createCookie, redirect } from "@remix-run/node";
import type { AppServices } from "./services.server";
import { SESSION_DAYS, userForApiToken, userForSession, type SessionUser } from "./domain/accounts.server";
import { DomainError } from "./domain/errors";
import { oncePerRequest } from "~/http/per-request.server";

const cookies = new WeakMap<AppServices, ReturnType<typeof createCookie>>();

export function sessionCookie(services: AppServices) {
  let c = cookies.get(services);
  if (!c) {
    c = createCookie("tq_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: services.secureCookies,
      path: "/",
      maxAge: SESSION_DAYS * 86400,
      secrets: [services.sessionSecret],
    });
    cookies.set(services, c);
  }
  return c;
}

/** Reads the user from a raw Cookie header; shared by HTTP, socket.io and the Yjs gate. */
export async function userFromCookieHeader(services: AppServices, cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const sessionId = await sessionIdFromCookieHeader(services, cookieHeader);
  return sessionId ? userForSession(services.sql, sessionId) : null;
}

/** The session id of a cookie whose signature holds (the session may still have ended: look it up). */
export async function sessionIdFromCookieHeader(services: AppServices, cookieHeader: string | null | undefined): Promise<string | null> {
  if (!cookieHeader) return null;
  const sessionId = await sessionCookie(services).parse(cookieHeader).catch(() => null);
  return typeof sessionId === "string" ? sessionId : null;
}

/** The signed-in user; pass the loader's context to look it up once per request, not once per loader. */
export function getUser(request: Request, services: AppServices, context?: object): Promise<SessionUser | null> {
  return oncePerRequest(request, context, "user", () => lookUpUser(request, services));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

async function lookUpUser(request: Request, services: AppServices): Promise<SessionUser | null> {
  const auth = request.headers.get("authorization");
  // API tokens are for the JSON API only: pages (one's account, tokens, password) need a signed-in browser.
  if (auth?.startsWith("Bearer ") && new URL(request.url).pathname.startsWith("/api/")) {
    const user = await userForApiToken(services.prisma, auth.slice(7).trim().slice(0, 200));
    if (user && user.tokenScope === "READ" && !SAFE_METHODS.has(request.method)) {
      throw new DomainError("forbidden", "This API token is read-only");
    }
    return user;
  }
  return userFromCookieHeader(services, request.headers.get("cookie"));
}

/** For pages: anonymous visitors go to sign-in and come back. */
export async function requireUser(request: Request, services: AppServices, context?: object): Promise<SessionUser> {
  const user = await getUser(request, services, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** For the JSON API: anonymous callers get 401 JSON. */
export async function requireApiUser(request: Request, services: AppServices): Promise<SessionUser> {
  const user = await getUser(request, services);
  if (!user) throw new DomainError("unauthenticated", "Sign in or send an API token");
  return user;
}

export async function commitSession(services: AppServices, sessionId: string) {
  return sessionCookie(services).serialize(sessionId);
}

export async function destroySessionCookie(services: AppServices) {
  return sessionCookie(services).serialize("", { maxAge: 0 });
}
