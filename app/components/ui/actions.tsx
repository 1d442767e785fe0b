// One-button forms: a POST of one intent (and the row it is about), so every action works without JavaScript.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";

/** A form posting `intent` with `values` as hidden fields, its `children` (the fields), then its button. */
export function IntentForm({
  intent,
  values = {},
  label,
  className = "btn-quiet",
  formClassName,
  testId,
  children,
}: {
  intent: string;
  values?: Record<string, string>;
  label: ReactNode;
  className?: string;
  formClassName?: string;
  testId?: string;
  children?: ReactNode;
}) {
  return (
    <Form method="post" className={formClassName}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button className={className} type="submit" data-testid={testId}>
        {label}
      </button>
    </Form>
  );
}

/** A one-button form: the intent and the row it is about, nothing to fill in. */
export const IntentButton = (props: Omit<Parameters<typeof IntentForm>[0], "children">) => <IntentForm {...props} />;

/** A folded "delete" section: opening it shows the button that posts intent=delete. */
export function ConfirmDelete({ summary, confirm, testId }: { summary: ReactNode; confirm: ReactNode; testId?: string }) {
  return (
    <details className="card">
      <summary className="cursor-pointer">{summary}</summary>
      <IntentButton intent="delete" label={confirm} className="btn bg-red-700 hover:bg-red-800" formClassName="mt-2" testId={testId} />
    </details>
  );
}
