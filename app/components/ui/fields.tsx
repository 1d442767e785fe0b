// Field markup shared by every form: labelled text, text-area and select fields with their errors, and a
// field's broken rules (required, tooLong…) in the reader's language; a rule the catalogue does not know is
// shown as sent.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "~/i18n/react";

export function RuleList({ rules }: { rules: string[] }) {
  const { t } = useTranslation();
  return <>{rules.map((rule) => t(`errors.rules.${rule}`, { defaultValue: rule })).join("؛ ")}</>;
}

/** Every field's errors as a list under a form-level message. */
export function FieldErrorList({ fieldErrors, label = (field) => field }: { fieldErrors: Record<string, string[]>; label?: (field: string) => string }) {
  return (
    <ul className="mt-1 list-disc ps-5 text-sm">
      {Object.entries(fieldErrors).map(([field, rules]) => (
        <li key={field}>
          <code>{label(field)}</code>: <RuleList rules={rules} />
        </li>
      ))}
    </ul>
  );
}

export type FieldErrors = Record<string, string[] | undefined>;

/** The translated message of a field's first broken rule; its id is what the input's aria-describedby names. */
export function FieldError({ errors, name }: { errors?: FieldErrors | null; name: string }) {
  const { t } = useTranslation();
  const rule = errors?.[name]?.[0];
  if (!rule) return null;
  return (
    <p className="mt-1 text-sm text-red-800" id={`${name}-error`} role="alert" data-testid={`error-${name}`}>
      {t(`coordination.errors.${rule}`, { defaultValue: t("coordination.errors.invalid") })}
    </p>
  );
}

/** aria props for an input whose field may have an error. */
export const invalidProps = (errors: FieldErrors | null | undefined, name: string) => (errors?.[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {});

/** What every labelled field takes: its form name, its label, the form's errors and its test id (`field-<name>` unless told). */
interface FieldProps {
  name: string;
  label: ReactNode;
  errors?: FieldErrors | null;
  testId?: string;
}

/** A labelled field: the control, then its error under it. */
function Field({ label, errors, name, children }: FieldProps & { children: ReactNode }) {
  return (
    <label className="block">
      {label}
      {children}
      <FieldError errors={errors} name={name} />
    </label>
  );
}

export function TextField({ name, label, errors, testId, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <Field name={name} label={label} errors={errors}>
      <input name={name} className="field mt-1" data-testid={testId ?? `field-${name}`} {...input} {...invalidProps(errors, name)} />
    </Field>
  );
}

export function TextArea({ name, label, errors, testId, ...input }: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <Field name={name} label={label} errors={errors}>
      <textarea name={name} className="field mt-1" dir="auto" data-testid={testId ?? `field-${name}`} {...input} {...invalidProps(errors, name)} />
    </Field>
  );
}

/**
 * A labelled select. `options` are listed after an empty choice named `empty` (when given); `children` (optgroups) may
 * stand in for them.
 */
export function SelectField({
  name,
  label,
  errors,
  testId,
  options,
  empty,
  children,
  ...select
}: FieldProps & { options?: readonly { value: string; label: ReactNode }[]; empty?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  return (
    <Field name={name} label={label} errors={errors}>
      <select name={name} className="field mt-1" data-testid={testId ?? `field-${name}`} {...select} {...invalidProps(errors, name)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Field>
  );
}

export interface Choice {
  value: string | number;
  label: string;
}

/**
 * A plain select over choices, for filters and pickers without field errors; `empty` adds a first
 * choice with the value "" (all / none).
 */
/** `label` names a select that has no visible <label> (one per table row); `form` ties it to a form elsewhere in the row. */
export function ChoiceSelect({ name, choices, value, empty, className = "field", required, label, form }: { name: string; choices: Choice[]; value?: string | number | null; empty?: string; className?: string; required?: boolean; label?: string; form?: string }) {
  return (
    <select name={name} required={required} defaultValue={value ?? ""} className={className} aria-label={label} form={form}>
      {empty !== undefined ? <option value="">{empty}</option> : null}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}
