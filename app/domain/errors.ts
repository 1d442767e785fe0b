// Typed domain errors; adapters map them to HTTP statuses / socket acks without knowing the rules
// (app/http/page.server.ts for pages, app/http/api.server.ts for the JSON API).
import { z } from "zod";
import { may, type Action, type Actor, type Resource } from "~/policy";

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

/**
 * What a refusal carries besides its code and (English) message: a `reason` key the pages translate,
 * `fieldErrors` as { field: [rule] } with rules the forms translate (required, tooLong, invalid…),
 * and whatever else explains it (the current status, the duplicates found…).
 */
export interface DomainErrorDetails {
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  [more: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: DomainErrorDetails,
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

/**
 * The one way a domain operation asks the policy (ADR 0037): refused, it throws "forbidden" with the
 * given message. Adapters may ask first to shape their answer, but the domain never relies on that.
 */
export function assertMay(actor: Actor | null | undefined, action: Action, resource: Resource, message?: string): void {
  if (!may(actor, action, resource)) throw forbidden(message);
}

/** The rule a zod issue broke, as a key the forms translate; a refinement names its own with `params.rule`. */
export function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
      return "required";
    case "too_big":
      return "tooLong";
    case "invalid_value":
      return "invalidChoice";
    case "custom":
      return typeof issue.params?.rule === "string" ? issue.params.rule : "invalid";
    default:
      return "invalid";
  }
}

/** zod issues as { field: [rule] }; refinements of the whole object go under "_". */
export function fieldErrorsOf(err: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) (out[String(issue.path[0] ?? "_")] ??= []).push(ruleOf(issue));
  return out;
}

/**
 * The one parse-or-throw: input that does not fit the schema is a 400 whose message lists the broken
 * fields (for API callers) and whose details carry the rules per field (for forms).
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what = "The request"): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
  throw new DomainError("bad_request", `${what} is not valid: ${issues}`, { reason: "invalid", fieldErrors: fieldErrorsOf(parsed.error) });
}
