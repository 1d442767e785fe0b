// The representation form (create and edit). A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { areas, representationStatuses } from "~/domain/coordination-enums";
import { FieldError, FormProblem, invalidProps, type FieldErrors } from "./ui";

export function RepresentationForm({ values, errors, submitLabel }: { values: Record<string, string | null | undefined>; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  const text = (name: string, label: string, opts: { required?: boolean; max: number; rows?: number }) => (
    <label className="block">
      {label}
      {opts.rows ? (
        <textarea name={name} rows={opts.rows} maxLength={opts.max} defaultValue={v(name)} className="field mt-1" dir="auto" data-testid={`field-${name}`} {...invalidProps(errors, name)} />
      ) : (
        <input name={name} required={opts.required} maxLength={opts.max} defaultValue={v(name)} className="field mt-1" dir="auto" data-testid={`field-${name}`} {...invalidProps(errors, name)} />
      )}
      <FieldError errors={errors} name={name} />
    </label>
  );
  return (
    <Form method="post" className="space-y-4" data-testid="representation-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <div className="grid gap-3 md:grid-cols-4">
        {text("country", t("coordination.representations.country"), { required: true, max: 100 })}
        <label className="block">
          {t("coordination.representations.area")}
          <select name="area" defaultValue={v("area") || "ARAB"} className="field mt-1" data-testid="field-area">
            {areas.map((a) => (
              <option key={a} value={a}>
                {t(`coordination.representations.areas.${a}`)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="area" />
        </label>
        {text("city", t("coordination.representations.city"), { max: 100 })}
        <label className="block">
          {t("coordination.representations.status")}
          <select name="status" defaultValue={v("status") || "ACTIVE"} className="field mt-1" data-testid="field-rep-status">
            {representationStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`coordination.representations.statuses.${s}`)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="status" />
        </label>
      </div>
      {text("representatives", t("coordination.representations.representatives"), { max: 2000, rows: 2 })}
      {text("contacts", t("coordination.representations.contacts"), { max: 4000, rows: 3 })}
      {text("notes", t("coordination.representations.notes"), { max: 10000, rows: 3 })}
      <button type="submit" className="btn" disabled={busy} data-testid="representation-save">
        {submitLabel}
      </button>
    </Form>
  );
}
