// The representation form (create and edit). A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { areas, representationStatuses } from "~/domain/coordination-enums";
import { SelectField, TextArea, TextField } from "~/components/ui/fields";
import { FormProblem, type FieldErrors } from "./ui";

export function RepresentationForm({ values, errors, submitLabel }: { values: Record<string, string | null | undefined>; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  // A field's name, label (coordination.representations.<name>), current value and errors.
  const field = (name: string) => ({ name, label: t(`coordination.representations.${name}`), defaultValue: v(name), errors });
  return (
    <Form method="post" className="space-y-4" data-testid="representation-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <div className="grid gap-3 md:grid-cols-4">
        <TextField {...field("country")} required maxLength={100} dir="auto" />
        <SelectField {...field("area")} defaultValue={v("area") || "ARAB"} options={areas.map((a) => ({ value: a, label: t(`coordination.representations.areas.${a}`) }))} />
        <TextField {...field("city")} maxLength={100} dir="auto" />
        <SelectField
          {...field("status")}
          testId="field-rep-status"
          defaultValue={v("status") || "ACTIVE"}
          options={representationStatuses.map((s) => ({ value: s, label: t(`coordination.representations.statuses.${s}`) }))}
        />
      </div>
      <TextArea {...field("representatives")} rows={2} maxLength={2000} />
      <TextArea {...field("contacts")} rows={3} maxLength={4000} />
      <TextArea {...field("notes")} rows={3} maxLength={10000} />
      <button type="submit" className="btn" disabled={busy} data-testid="representation-save">
        {submitLabel}
      </button>
    </Form>
  );
}
