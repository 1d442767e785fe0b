// What a page's action answers when the domain refused: the same shape on every page, so one set of
// components can say why in the reader's language (ErrorNotice, ActionErrorMessage, the field errors).
export interface PageError {
  code: string;
  /** A key the page translates (e.g. "needsText", "duplicate_name", "window_closed"), when the domain gave one. */
  reason: string | null;
  /** English, for logs and API-style callers; pages show the translated reason instead. */
  message: string;
  /** { field: [rule] } with rules the forms translate (required, tooLong, invalidChoice…). */
  fieldErrors?: Record<string, string[]>;
  /** Everything else that explains the refusal (current status, duplicates…). */
  details?: Record<string, unknown>;
}

export interface PageFailure<V = Record<string, string>> {
  error: PageError;
  /** The fields as sent, so the form comes back filled and nothing typed is lost. */
  values?: V;
}

/** Narrows an action's data to its failure, if it is one. */
export function failureOf(data: unknown): PageFailure | null {
  return data && typeof data === "object" && "error" in data && (data as PageFailure).error && typeof (data as PageFailure).error === "object" ? (data as PageFailure) : null;
}
