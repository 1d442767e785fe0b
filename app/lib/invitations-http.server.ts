// Form actions of the invitation pages: a refused change answers with its code, message and details
// (status 4xx), so the page can say why in the reader's language; anything else is a real error.
import { json } from "@remix-run/node";
import { DomainError } from "~/domain/errors";

export interface ActionError {
  error: { code: string; message: string; details?: unknown };
}

export async function domainAction<T>(fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DomainError) {
      return json<ActionError>({ error: { code: err.code, message: err.message, details: err.details } }, { status: err.status });
    }
    throw err;
  }
}

export const formString = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};
export const formInt = (f: FormData, k: string) => {
  const v = formString(f, k).trim();
  return v === "" ? Number.NaN : Number(v);
};
export const formBool = (f: FormData, k: string) => ["on", "true", "1", "yes"].includes(formString(f, k));
