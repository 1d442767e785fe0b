// The one adapter from domain errors to page responses (the JSON API has its own: app/lib/api.server.ts).
// Loaders throw (the route's error boundary shows 404/403/400); actions answer the form with a
// PageFailure and the status, so the page says why and keeps what was typed.
import { json } from "@remix-run/node";
import { DomainError } from "~/domain/errors";
import type { PageError, PageFailure } from "./page-error";

export function pageErrorOf(err: DomainError): PageError {
  const { reason, fieldErrors, ...rest } = err.details ?? {};
  return {
    code: err.code,
    reason: typeof reason === "string" ? reason : null,
    message: err.message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(Object.keys(rest).length ? { details: rest } : {}),
  };
}

/** Runs a form action; a domain refusal becomes the form's failure with its status, anything else is rethrown. */
export async function pageAction<T, V = Record<string, string>>(fn: () => Promise<T>, values?: V) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) return json<PageFailure<V>>({ error: pageErrorOf(err), ...(values ? { values } : {}) }, { status: err.status });
    throw err;
  }
}

/**
 * Runs the handler a form's `intent` names; an intent the page does not know is a 400, never a 500.
 * Handlers are plain functions of what the page passes, so each intent reads as one small step.
 */
export function dispatchIntent<C>(intents: Record<string, (step: C) => Promise<Response>>, intent: FormDataEntryValue | null, step: C): Promise<Response> {
  const handler = typeof intent === "string" && Object.hasOwn(intents, intent) ? intents[intent] : undefined;
  if (!handler) throw new Response("Unknown action", { status: 400 });
  return handler(step);
}

/** For loaders: a DomainError becomes the HTTP response it stands for, shown by the error boundary. */
export function asHttp(err: unknown): never {
  if (err instanceof DomainError) throw new Response(err.message, { status: err.status });
  throw err;
}

/** The posted fields as strings (files are not fields), to run the domain on and to send back on failure. */
export async function formValues(request: Request): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of await request.formData()) if (typeof v === "string") out[k] = v;
  return out;
}

/** One posted field as text: "" when absent (formString) or undefined when absent (formText). */
export const formString = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};
export const formText = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : undefined;
};
/** A number field; NaN when empty, so the domain's schema refuses it with a field error. */
export const formInt = (f: FormData, k: string) => {
  const v = formString(f, k).trim();
  return v === "" ? Number.NaN : Number(v);
};
/** A checkbox or yes/no field. */
export const formBool = (f: FormData, k: string) => ["on", "true", "1", "yes"].includes(formString(f, k));
