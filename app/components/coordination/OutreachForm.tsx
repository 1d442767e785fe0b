// The outreach entry form, used to log and to edit. A plain POST form: works without JavaScript.
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { outreachChannels } from "~/domain/coordination-enums";
import { FieldError, SelectField, TextArea, TextField } from "~/components/ui/fields";
import { FormProblem, useName, type FieldErrors } from "./ui";

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
  // A field's name, label (coordination.outreach.<label>), current value and errors.
  const field = (name: string, label = name) => ({ name, label: t(`coordination.outreach.${label}`), defaultValue: v(name), errors });
  return (
    <Form method="post" className="space-y-4" data-testid="outreach-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormProblem errors={errors} />
      <fieldset className="card space-y-3">
        <legend className="px-1 font-semibold">{t("coordination.outreach.withWhom")}</legend>
        <FieldError errors={errors} name="_" />
        <div className="grid gap-3 md:grid-cols-3">
          <SelectField {...field("forceId", "force")} empty={t("coordination.outreach.none")} options={options.forces.map((f) => ({ value: f.id, label: name(f) }))} />
          <SelectField {...field("contactId", "contact")} empty={t("coordination.outreach.noContact")}>
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
          </SelectField>
          <SelectField {...field("representationId", "representation")} empty={t("coordination.outreach.none")} options={options.representations.map((r) => ({ value: r.id, label: r.country }))} />
        </div>
      </fieldset>

      <div className="grid gap-3 md:grid-cols-3">
        <TextField {...field("occurredOn")} type="date" max={today} required defaultValue={v("occurredOn") || today} />
        <SelectField {...field("channel")} defaultValue={v("channel") || "MEETING"} options={outreachChannels.map((c) => ({ value: c, label: t(`coordination.channel.${c}`) }))} />
        <TextField {...field("participants")} maxLength={1000} />
      </div>
      <TextArea {...field("summary")} required rows={4} maxLength={10000} />
      <TextArea {...field("outcome")} rows={2} maxLength={10000} />

      <fieldset className="card space-y-3">
        <legend className="px-1 font-semibold">{t("coordination.outreach.followUpSection")}</legend>
        <p className="text-sm text-stone-600">{t("coordination.outreach.followUpHint")}</p>
        <TextField {...field("followUp")} maxLength={2000} dir="auto" />
        <div className="grid gap-3 md:grid-cols-2">
          <TextField {...field("followUpDue")} type="date" />
          <SelectField {...field("followUpOwnerId", "followUpOwner")} empty={t("coordination.outreach.none")} options={options.owners.map((o) => ({ value: o.id, label: o.name }))} />
        </div>
      </fieldset>
      <button type="submit" className="btn" disabled={busy} data-testid="outreach-save">
        {submitLabel}
      </button>
    </Form>
  );
}
