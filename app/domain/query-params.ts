// Strict query strings (ADR 0033): every list and query parser names the parameters it knows; an
// unknown name, a value out of range, an unknown enum value or a date that is not on the calendar is a
// 400 naming the parameter, never ignored nor clamped. No server imports: safe anywhere.
import { z } from "zod";
import { DomainError } from "./errors";

/**
 * Added to any page's address by Remix (`_data` on client navigations, `index` on index actions) or
 * by the layout (`conf`, the conference switcher): never an error, never a filter.
 */
export const FRAMEWORK_PARAMS: readonly string[] = ["_data", "index", "conf"];

/** The rule a zod issue broke, as the forms translate it (coordination-common's names, plus unknown). */
function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_small":
    case "too_big":
      return "outOfRange";
    case "invalid_value":
      return "invalidChoice";
    case "custom":
      return "invalidDate";
    default:
      return "invalid";
  }
}

/** A 400 whose message and details name the parameters at fault. */
export function badQuery(fieldErrors: Record<string, string[]>): DomainError {
  const names = Object.keys(fieldErrors);
  const unknown = names.filter((n) => fieldErrors[n]!.includes("unknown"));
  const message = unknown.length
    ? `Unknown query parameter${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`
    : `The filters are not valid: ${names.join(", ")}`;
  return new DomainError("bad_request", message, { params: names, fieldErrors });
}

/**
 * A query string as a plain object: empty values are left out (an empty form field means "all"), the
 * framework's own parameters are dropped, and a parameter given twice is refused (the parsers read one).
 */
export function queryObject(params: URLSearchParams | Record<string, unknown>, ignore: readonly string[] = FRAMEWORK_PARAMS): Record<string, unknown> {
  if (!(params instanceof URLSearchParams)) return params;
  const out: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [k, v] of params) {
    if (ignore.includes(k)) continue;
    if (seen.has(k)) throw badQuery({ [k]: ["repeated"] });
    seen.add(k);
    if (v !== "") out[k] = v;
  }
  return out;
}

/**
 * Parses a query string against an object schema made strict: only the schema's keys (plus `allow`,
 * read elsewhere by the caller) are accepted.
 */
export function parseQuery<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams | Record<string, unknown>,
  opts: { allow?: readonly string[] } = {},
): z.infer<S> {
  const ignore = [...FRAMEWORK_PARAMS, ...(opts.allow ?? [])];
  const raw = queryObject(params, ignore);
  const input = params instanceof URLSearchParams ? raw : Object.fromEntries(Object.entries(raw).filter(([k]) => !ignore.includes(k)));
  const parsed = schema.strict().safeParse(input);
  if (parsed.success) return parsed.data as z.infer<S>;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys") for (const k of issue.keys) (fieldErrors[k] ??= []).push("unknown");
    else (fieldErrors[String(issue.path[0] ?? "_")] ??= []).push(ruleOf(issue));
  }
  throw badQuery(fieldErrors);
}

/** For pages: a bad query string is a 400 response (the route's error boundary shows it), never a 500. */
export function pageQuery<S extends z.ZodObject>(schema: S, params: URLSearchParams, opts: { allow?: readonly string[] } = {}): z.infer<S> {
  try {
    return parseQuery(schema, params, opts);
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.message, { status: 400 });
    throw err;
  }
}

/** A record's id in an address (?version=, ?job=, ?saved=…): a short token, never free text. */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional();

/** Where to go after signing in (?next=, a path and its own query string); safeNext keeps it on this site. */
export const nextParam = z.string().max(8000).optional();

/** pageQuery over the request's own address, for a page whose loader reads a few parameters. */
export const pageParams = <T extends z.ZodRawShape>(request: Request, shape: T) => pageQuery(z.object(shape), new URL(request.url).searchParams);
