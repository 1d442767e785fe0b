// The plan item form (create and edit). A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { horizons, planStatuses } from "~/domain/coordination-enums";
import { SelectField, TextArea, TextField } from "~/components/ui/fields";
import { FormProblem, useName, type FieldErrors } from "./ui";

export interface PlanFormOptions {
  owners: { id: string; name: string }[];
  forces: { id: string; nameAr: string; nameKu: string | null; nameEn: string | null }[];
  representations: { id: string; country: string }[];
  sections: string[];
}

export function PlanForm({ options, values, errors, submitLabel }: { options: PlanFormOptions; values: Record<string, string | null | undefined>; errors?: FieldErrors | null; submitLabel: string }) {
  const { t } = useTranslation();
  const name = useName();
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  // A field's name, label (coordination.plans.<label>), current value and errors.
  const field = (name: string, label = name) => ({ name, label: t(`coordination.plans.${label}`), defaultValue: v(name), errors });
  // A section renamed since the item was linked stays selectable until it is changed.
  const sections = v("paperSection") && !options.sections.includes(v("paperSection")) ? [v("paperSection"), ...options.sections] : options.sections;
  return (
    <Form method="post" className="space-y-4" data-testid="plan-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <TextArea {...field("goal")} required rows={2} maxLength={2000} />
      <div className="grid gap-3 md:grid-cols-4">
        <SelectField {...field("horizon")} defaultValue={v("horizon") || "SHORT"} options={horizons.map((h) => ({ value: h, label: t(`coordination.plans.horizons.${h}`) }))} />
        <SelectField {...field("status")} defaultValue={v("status") || "PLANNED"} options={planStatuses.map((s) => ({ value: s, label: t(`coordination.plans.statuses.${s}`) }))} />
        <SelectField {...field("ownerId", "owner")} empty={t("coordination.plans.noOwner")} options={options.owners.map((o) => ({ value: o.id, label: o.name }))} />
        <TextField {...field("dueOn")} type="date" />
      </div>
      <fieldset className="card grid gap-3 md:grid-cols-3">
        <legend className="px-1 font-semibold">{t("coordination.plans.links")}</legend>
        <SelectField {...field("forceId", "force")} testId="field-plan-forceId" empty={t("coordination.plans.none")} options={options.forces.map((f) => ({ value: f.id, label: name(f) }))} />
        <SelectField
          {...field("representationId", "representation")}
          testId="field-plan-representationId"
          empty={t("coordination.plans.none")}
          options={options.representations.map((r) => ({ value: r.id, label: r.country }))}
        />
        <SelectField {...field("paperSection")} empty={t("coordination.plans.none")} options={sections.map((s) => ({ value: s, label: s }))} />
      </fieldset>
      <button type="submit" className="btn" disabled={busy} data-testid="plan-save">
        {submitLabel}
      </button>
    </Form>
  );
}
