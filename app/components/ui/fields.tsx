// Field-level errors shared by every form: a field's broken rules (required, tooLong…) in the
// reader's language; a rule the catalogue does not know is shown as sent.
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
