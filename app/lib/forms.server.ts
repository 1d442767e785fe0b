// Form actions of the coordination pages: read the posted fields, run the domain, and on a broken rule
// answer with the field errors and every value as sent, so the form comes back filled (nothing lost).
import { json } from "@remix-run/node";
import { DomainError } from "~/domain/errors";

export async function formValues(request: Request): Promise<Record<string, string>> {
  const form = await request.formData();
  const out: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") out[k] = v;
  return out;
}

export interface FormFailure {
  ok: false;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

/** Domain errors become a 4xx the page shows; forbidden/not found become error pages; anything else is rethrown. */
export function formFailure(err: unknown, values: Record<string, string>) {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === "forbidden") throw new Response("Forbidden", { status: 403 });
  if (err.code === "not_found") throw new Response("Not found", { status: 404 });
  const details = err.details as { fieldErrors?: Record<string, string[]> } | undefined;
  const fieldErrors = details?.fieldErrors ?? { _: [err.code === "conflict" ? "conflict" : "invalid"] };
  return json<FormFailure>({ ok: false, fieldErrors, values }, { status: err.status });
}
