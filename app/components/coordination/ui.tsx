// Small shared pieces of the coordination pages: localized names and days, due badges, form errors.
import { useTranslation } from "~/i18n/react";
import type { DueState } from "~/domain/due-dates";
import { dayText } from "~/components/dates";
import { nameOf } from "~/i18n/reader";
import { failureOf } from "~/http/page-error";
import type { FieldErrors } from "~/components/ui/fields";

export type { FieldErrors };

export interface Named {
  nameAr: string;
  nameKu?: string | null;
  nameEn?: string | null;
}

/** A force's name in the reader's language (the one rule: app/i18n/reader.ts). */
export const nameIn = (lang: string, f: Named | null | undefined): string => nameOf(lang, f);

export function useName() {
  const { i18n } = useTranslation();
  return (f: Named | null | undefined) => nameIn(i18n.language, f);
}

/** A calendar day (YYYY-MM-DD) as the reader writes dates; the ISO day stays in `dateTime`. */
export function Day({ day }: { day: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (!day) return <>—</>;
  return <time dateTime={day}>{dayText(i18n.language, day)}</time>;
}

const dueClasses: Record<DueState, string> = {
  overdue: "bg-red-100 text-red-900 border-red-300",
  today: "bg-amber-100 text-amber-900 border-amber-300",
  soon: "bg-sky-50 text-sky-900 border-sky-200",
  later: "bg-stone-100 text-stone-700 border-stone-200",
  none: "bg-stone-100 text-stone-600 border-stone-200",
  done: "bg-emerald-50 text-emerald-900 border-emerald-200",
};

export function DueBadge({ state }: { state: DueState }) {
  const { t } = useTranslation();
  return (
    <span className={`inline-block rounded border px-1.5 text-xs ${dueClasses[state]}`} data-due={state}>
      {t(`coordination.due.${state}`)}
    </span>
  );
}

/** A refused form's errors by field; a refusal that names no field is shown for the whole form ("_"). */
export function formErrors(data: unknown): FieldErrors | undefined {
  const failure = failureOf(data);
  if (!failure) return undefined;
  const { code, fieldErrors } = failure.error;
  return fieldErrors ?? { _: [code === "conflict" || code === "forbidden" ? code : code === "not_found" ? "notFound" : "invalid"] };
}

export function FormProblem({ errors, message }: { errors?: FieldErrors | null; message?: string | null }) {
  const { t } = useTranslation();
  if (!errors && !message) return null;
  const general = errors?._?.[0];
  return (
    <p role="alert" className="error" data-testid="form-error">
      {general ? t(`coordination.errors.${general}`) : t("coordination.errors.form")}
    </p>
  );
}

export function Notice({ show, children }: { show: boolean; children: React.ReactNode }) {
  if (!show) return null;
  return (
    <p role="status" className="notice" data-testid="notice">
      {children}
    </p>
  );
}
