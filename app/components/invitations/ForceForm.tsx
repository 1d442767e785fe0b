// The force form, shared by "add" and "edit". Plain fields: it posts without JavaScript.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { locales } from "~/i18n";
import { forceKinds, regions } from "~/domain/force-enums";
import { RuleList } from "~/components/ui/fields";

export interface ForceFormValues {
  id?: string;
  version?: number;
  kind?: string;
  nameAr?: string;
  nameKu?: string | null;
  nameEn?: string | null;
  region?: string;
  country?: string | null;
  city?: string | null;
  isMember?: boolean;
  isOfficial?: boolean;
  tags?: string[];
  notes?: string | null;
  contacts?: { id?: string | null; name: string; role?: string | null; phone?: string | null; email?: string | null; messaging?: string | null; locale?: string | null }[];
}

export function ForceForm({ values, submitLabel, fieldErrors, extra }: { values: ForceFormValues; submitLabel: string; fieldErrors?: Record<string, string[]>; extra?: React.ReactNode }) {
  const { t } = useTranslation();
  const contacts = [...(values.contacts ?? []), { name: "" }, { name: "" }];
  const err = (k: string) =>
    fieldErrors?.[k] ? (
      <span className="text-xs text-red-700" role="alert">
        <RuleList rules={fieldErrors[k]!} />
      </span>
    ) : null;
  const text = (name: keyof ForceFormValues, label: string, opts: { required?: boolean; dir?: string; lang?: string } = {}) => (
    <label className="block">
      <span className="text-sm font-semibold">{label}</span>
      <input name={name} defaultValue={(values[name] as string | null | undefined) ?? ""} required={opts.required} dir={opts.dir} lang={opts.lang} className="field" />
      {err(name)}
    </label>
  );
  return (
    <Form method="post" className="card grid gap-3 md:grid-cols-2" data-testid="force-form">
      {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
      {text("nameAr", t("forces.fields.nameAr"), { required: true, dir: "rtl", lang: "ar" })}
      <label className="block">
        <span className="text-sm font-semibold">{t("forces.fields.kind")}</span>
        <select name="kind" defaultValue={values.kind ?? "PARTY"} className="field">
          {forceKinds.map((k) => (
            <option key={k} value={k}>
              {t(`forces.kind.${k}`)}
            </option>
          ))}
        </select>
        {err("kind")}
      </label>
      {text("nameKu", t("forces.fields.nameKu"), { dir: "ltr", lang: "ku" })}
      {text("nameEn", t("forces.fields.nameEn"), { dir: "ltr", lang: "en" })}
      <label className="block">
        <span className="text-sm font-semibold">{t("forces.fields.region")}</span>
        <select name="region" defaultValue={values.region ?? "NORTH_EAST_SYRIA"} className="field">
          {regions.map((r) => (
            <option key={r} value={r}>
              {t(`forces.region.${r}`)}
            </option>
          ))}
        </select>
        {err("region")}
      </label>
      <div className="grid grid-cols-2 gap-2">
        {text("country", t("forces.fields.country"))}
        {text("city", t("forces.fields.city"))}
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="isMember" defaultChecked={values.isMember ?? false} />
        {t("forces.fields.isMember")}
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="isOfficial" defaultChecked={values.isOfficial ?? true} />
        {t("forces.fields.isOfficial")}
      </label>
      <label className="block md:col-span-2">
        <span className="text-sm font-semibold">{t("forces.fields.tags")}</span>
        <input name="tags" defaultValue={(values.tags ?? []).join("، ")} className="field" aria-describedby="tags-hint" />
        <span id="tags-hint" className="text-xs text-stone-600">
          {t("forces.fields.tagsHint")}
        </span>
        {err("tags")}
      </label>
      <label className="block md:col-span-2">
        <span className="text-sm font-semibold">{t("forces.fields.notes")}</span>
        <textarea name="notes" defaultValue={values.notes ?? ""} rows={3} className="field" />
        {err("notes")}
      </label>
      <fieldset className="md:col-span-2">
        <legend className="text-sm font-semibold">{t("forces.fields.contacts")}</legend>
        <p className="text-xs text-stone-600">{t("forces.removeContactHint")}</p>
        {err("contacts")}
        {contacts.map((c, i) => (
          <div key={i} className="mt-2 grid gap-2 rounded-md border border-stone-200 p-2 md:grid-cols-6" data-testid="contact-row">
            {c.id ? <input type="hidden" name={`contacts.${i}.id`} value={c.id} /> : null}
            <input name={`contacts.${i}.name`} defaultValue={c.name} placeholder={t("forces.fields.contactName")} aria-label={t("forces.fields.contactName")} className="field" />
            <input name={`contacts.${i}.role`} defaultValue={c.role ?? ""} placeholder={t("forces.fields.contactRole")} aria-label={t("forces.fields.contactRole")} className="field" />
            <input name={`contacts.${i}.phone`} defaultValue={c.phone ?? ""} placeholder={t("forces.fields.phone")} aria-label={t("forces.fields.phone")} dir="ltr" className="field" />
            <input name={`contacts.${i}.email`} type="email" defaultValue={c.email ?? ""} placeholder={t("forces.fields.email")} aria-label={t("forces.fields.email")} dir="ltr" className="field" />
            <input name={`contacts.${i}.messaging`} defaultValue={c.messaging ?? ""} placeholder={t("forces.fields.messaging")} aria-label={t("forces.fields.messaging")} dir="ltr" className="field" />
            {/* The language the invitation letter and reminders reach this person in (ADR 0052). */}
            <select name={`contacts.${i}.locale`} defaultValue={c.locale ?? "ar"} aria-label={t("forces.fields.letterLanguage")} title={t("forces.fields.letterLanguage")} className="field">
              {locales.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        {extra}
        <button type="submit" name="intent" value="save" className="btn" data-testid="force-save">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}

export interface Duplicate {
  id: string;
  nameAr: string;
  archived: boolean;
}

export function DuplicateWarning({ duplicates }: { duplicates: Duplicate[] }) {
  const { t } = useTranslation();
  return (
    <div className="error mb-3" role="alert" data-testid="duplicate-warning">
      <p className="font-semibold">{t("forces.duplicateTitle")}</p>
      <p>{t("forces.duplicateBody")}</p>
      <ul className="list-disc ps-5">
        {duplicates.map((d) => (
          <li key={d.id}>
            <a href={`/forces/${d.id}`}>{d.nameAr}</a>
            {d.archived ? ` (${t("forces.fields.archived")})` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
