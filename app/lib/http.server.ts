// Small request helpers shared by routes.

/** Only same-site relative paths, so ?next= cannot send people elsewhere. */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}

export function clientIp(request: Request): string {
  // Express sets this header only when TRUST_PROXY=1 (see server/app.ts); otherwise the socket address.
  return request.headers.get("x-tawafuq-client-ip") ?? "unknown";
}
