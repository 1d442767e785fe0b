// Typed domain errors; adapters map them to HTTP statuses / socket acks without knowing the rules.
export type DomainErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "illegal_transition"
  | "stale_version"
  | "rate_limited"
  | "gone";

const statusOf: Record<DomainErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  stale_version: 409,
  rate_limited: 429,
  gone: 410,
};

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
  get status(): number {
    return statusOf[this.code];
  }
}

export const notFound = (what: string) => new DomainError("not_found", `${what} not found`);
export const forbidden = (msg = "You are not allowed to do this") => new DomainError("forbidden", msg);
