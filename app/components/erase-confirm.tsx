// The confirmation step of an erasure (ADR 0033/0034): the erase button only asks; the action answers with
// who would be erased, and this form — naming them and what else goes — does it. Works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export interface EraseConfirmation {
  name: string;
  details: string[];
  /** The fields the action reads again: intent and the person's id under its form name. */
  fields: Record<string, string>;
}

export function EraseConfirm({ confirmation, cancelTo }: { confirmation: EraseConfirmation; cancelTo: string }) {
  const { t } = useTranslation();
  return (
    <section role="alertdialog" aria-labelledby="erase-confirm-title" className="card border-red-700 space-y-2" data-testid="erase-confirm">
      <h2 id="erase-confirm-title" className="font-semibold">
        {t("erasure.confirmTitle")}
      </h2>
      <p>{t("erasure.confirmText", { name: confirmation.name })}</p>
      {confirmation.details.length ? (
        <ul className="list-disc ps-6" dir="auto">
          {confirmation.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : (
        <p>{t("erasure.confirmNothingElse")}</p>
      )}
      <p className="text-sm text-stone-600">{t("erasure.intro")}</p>
      <Form method="post" className="flex gap-3">
        {Object.entries(confirmation.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="btn" data-testid="erase-confirm-button">
          {t("erasure.confirm")}
        </button>
        <Link to={cancelTo} className="btn-quiet">
          {t("erasure.cancel")}
        </Link>
      </Form>
    </section>
  );
}
