// The plan item form (create and edit). A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { horizons, planStatuses } from "~/domain/coordination-enums";
import { FieldError, FormProblem, invalidProps, useName, type FieldErrors } from "./ui";

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
  // A section renamed since the item was linked stays selectable until it is changed.
  const sections = v("paperSection") && !options.sections.includes(v("paperSection")) ? [v("paperSection"), ...options.sections] : options.sections;
  return (
    <Form method="post" className="space-y-4" data-testid="plan-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <label className="block">
        {t("coordination.plans.goal")}
        <textarea name="goal" required rows={2} maxLength={2000} defaultValue={v("goal")} className="field mt-1" dir="auto" data-testid="field-goal" {...invalidProps(errors, "goal")} />
        <FieldError errors={errors} name="goal" />
      </label>
      <div className="grid gap-3 md:grid-cols-4">
        <label className="block">
          {t("coordination.plans.horizon")}
          <select name="horizon" defaultValue={v("horizon") || "SHORT"} className="field mt-1" data-testid="field-horizon">
            {horizons.map((h) => (
              <option key={h} value={h}>
                {t(`coordination.plans.horizons.${h}`)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="horizon" />
        </label>
        <label className="block">
          {t("coordination.plans.status")}
          <select name="status" defaultValue={v("status") || "PLANNED"} className="field mt-1" data-testid="field-status">
            {planStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`coordination.plans.statuses.${s}`)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="status" />
        </label>
        <label className="block">
          {t("coordination.plans.owner")}
          <select name="ownerId" defaultValue={v("ownerId")} className="field mt-1" data-testid="field-ownerId" {...invalidProps(errors, "ownerId")}>
            <option value="">{t("coordination.plans.noOwner")}</option>
            {options.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="ownerId" />
        </label>
        <label className="block">
          {t("coordination.plans.dueOn")}
          <input type="date" name="dueOn" defaultValue={v("dueOn")} className="field mt-1" data-testid="field-dueOn" {...invalidProps(errors, "dueOn")} />
          <FieldError errors={errors} name="dueOn" />
        </label>
      </div>
      <fieldset className="card grid gap-3 md:grid-cols-3">
        <legend className="px-1 font-semibold">{t("coordination.plans.links")}</legend>
        <label className="block">
          {t("coordination.plans.force")}
          <select name="forceId" defaultValue={v("forceId")} className="field mt-1" data-testid="field-plan-forceId" {...invalidProps(errors, "forceId")}>
            <option value="">{t("coordination.plans.none")}</option>
            {options.forces.map((f) => (
              <option key={f.id} value={f.id}>
                {name(f)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="forceId" />
        </label>
        <label className="block">
          {t("coordination.plans.representation")}
          <select name="representationId" defaultValue={v("representationId")} className="field mt-1" data-testid="field-plan-representationId" {...invalidProps(errors, "representationId")}>
            <option value="">{t("coordination.plans.none")}</option>
            {options.representations.map((r) => (
              <option key={r.id} value={r.id}>
                {r.country}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="representationId" />
        </label>
        <label className="block">
          {t("coordination.plans.paperSection")}
          <select name="paperSection" defaultValue={v("paperSection")} className="field mt-1" data-testid="field-paperSection" {...invalidProps(errors, "paperSection")}>
            <option value="">{t("coordination.plans.none")}</option>
            {sections.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="paperSection" />
        </label>
      </fieldset>
      <button type="submit" className="btn" disabled={busy} data-testid="plan-save">
        {submitLabel}
      </button>
    </Form>
  );
}
