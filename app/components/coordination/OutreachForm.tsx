// The outreach entry form, used to log and to edit. A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { outreachChannels } from "~/domain/coordination-enums";
import { FieldError, FormProblem, invalidProps, useName, type FieldErrors } from "./ui";

export interface OutreachFormOptions {
  forces: { id: string; nameAr: string; nameKu: string | null; nameEn: string | null; contacts: { id: string; name: string; role: string | null }[] }[];
  representations: { id: string; country: string }[];
  owners: { id: string; name: string }[];
}

export function OutreachForm({
  options,
  values,
  errors,
  submitLabel,
  today,
}: {
  options: OutreachFormOptions;
  values: Record<string, string | null | undefined>;
  errors?: FieldErrors | null;
  submitLabel: string;
  today: string;
}) {
  const { t } = useTranslation();
  const name = useName();
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  return (
    <Form method="post" className="space-y-4" data-testid="outreach-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <fieldset className="card space-y-3">
        <legend className="px-1 font-semibold">{t("coordination.outreach.withWhom")}</legend>
        <FieldError errors={errors} name="_" />
        <div className="grid gap-3 md:grid-cols-3">
          <label className="block">
            {t("coordination.outreach.force")}
            <select name="forceId" defaultValue={v("forceId")} className="field mt-1" data-testid="field-forceId" {...invalidProps(errors, "forceId")}>
              <option value="">{t("coordination.outreach.none")}</option>
              {options.forces.map((f) => (
                <option key={f.id} value={f.id}>
                  {name(f)}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="forceId" />
          </label>
          <label className="block">
            {t("coordination.outreach.contact")}
            <select name="contactId" defaultValue={v("contactId")} className="field mt-1" data-testid="field-contactId" {...invalidProps(errors, "contactId")}>
              <option value="">{t("coordination.outreach.noContact")}</option>
              {options.forces
                .filter((f) => f.contacts.length)
                .map((f) => (
                  <optgroup key={f.id} label={name(f)}>
                    {f.contacts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                        {c.role ? ` — ${c.role}` : ""}
                      </option>
                    ))}
                  </optgroup>
                ))}
            </select>
            <FieldError errors={errors} name="contactId" />
          </label>
          <label className="block">
            {t("coordination.outreach.representation")}
            <select name="representationId" defaultValue={v("representationId")} className="field mt-1" data-testid="field-representationId" {...invalidProps(errors, "representationId")}>
              <option value="">{t("coordination.outreach.none")}</option>
              {options.representations.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.country}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="representationId" />
          </label>
        </div>
      </fieldset>

      <div className="grid gap-3 md:grid-cols-3">
        <label className="block">
          {t("coordination.outreach.occurredOn")}
          <input type="date" name="occurredOn" max={today} required defaultValue={v("occurredOn") || today} className="field mt-1" data-testid="field-occurredOn" {...invalidProps(errors, "occurredOn")} />
          <FieldError errors={errors} name="occurredOn" />
        </label>
        <label className="block">
          {t("coordination.outreach.channel")}
          <select name="channel" defaultValue={v("channel") || "MEETING"} className="field mt-1" data-testid="field-channel" {...invalidProps(errors, "channel")}>
            {outreachChannels.map((c) => (
              <option key={c} value={c}>
                {t(`coordination.channel.${c}`)}
              </option>
            ))}
          </select>
          <FieldError errors={errors} name="channel" />
        </label>
        <label className="block">
          {t("coordination.outreach.participants")}
          <input name="participants" maxLength={1000} defaultValue={v("participants")} className="field mt-1" data-testid="field-participants" {...invalidProps(errors, "participants")} />
          <FieldError errors={errors} name="participants" />
        </label>
      </div>
      <label className="block">
        {t("coordination.outreach.summary")}
        <textarea name="summary" required rows={4} maxLength={10000} defaultValue={v("summary")} className="field mt-1" dir="auto" data-testid="field-summary" {...invalidProps(errors, "summary")} />
        <FieldError errors={errors} name="summary" />
      </label>
      <label className="block">
        {t("coordination.outreach.outcome")}
        <textarea name="outcome" rows={2} maxLength={10000} defaultValue={v("outcome")} className="field mt-1" dir="auto" data-testid="field-outcome" {...invalidProps(errors, "outcome")} />
        <FieldError errors={errors} name="outcome" />
      </label>

      <fieldset className="card space-y-3">
        <legend className="px-1 font-semibold">{t("coordination.outreach.followUpSection")}</legend>
        <p className="text-sm text-stone-600">{t("coordination.outreach.followUpHint")}</p>
        <label className="block">
          {t("coordination.outreach.followUp")}
          <input name="followUp" maxLength={2000} defaultValue={v("followUp")} className="field mt-1" dir="auto" data-testid="field-followUp" {...invalidProps(errors, "followUp")} />
          <FieldError errors={errors} name="followUp" />
        </label>
        <div className="grid gap-3 md:grid-cols-2">
          <label className="block">
            {t("coordination.outreach.followUpDue")}
            <input type="date" name="followUpDue" defaultValue={v("followUpDue")} className="field mt-1" data-testid="field-followUpDue" {...invalidProps(errors, "followUpDue")} />
            <FieldError errors={errors} name="followUpDue" />
          </label>
          <label className="block">
            {t("coordination.outreach.followUpOwner")}
            <select name="followUpOwnerId" defaultValue={v("followUpOwnerId")} className="field mt-1" data-testid="field-followUpOwnerId" {...invalidProps(errors, "followUpOwnerId")}>
              <option value="">{t("coordination.outreach.none")}</option>
              {options.owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="followUpOwnerId" />
          </label>
        </div>
      </fieldset>
      <button type="submit" className="btn" disabled={busy} data-testid="outreach-save">
        {submitLabel}
      </button>
    </Form>
  );
}
