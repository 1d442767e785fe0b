// Closing check-in from the desk (ADR 0068), without JavaScript: a folded form whose button posts only
// with the confirmation ticked (the action checks it too); once closed, the state and "reopen".
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useOfficeTime } from "~/components/dates";
import { IntentButton } from "~/components/ui/actions";

export type CloseOutcome = { kind: "close"; noShow: number } | { kind: "reopen" };

export function CloseCheckIn({ state, outcome }: { state: { closedAt: string | null; noShow: number }; outcome: CloseOutcome | null }) {
  const { t } = useTranslation();
  const time = useOfficeTime();
  return (
    <section className="card space-y-2" aria-labelledby="checkin-close-title" data-testid="checkin-close" data-closed={state.closedAt ? "true" : "false"}>
      <h2 id="checkin-close-title" className="text-lg font-semibold">{t("checkin.close.title")}</h2>
      {outcome ? (
        <p role="status" className="font-semibold" data-testid="checkin-close-outcome">
          {outcome.kind === "close" ? t("checkin.close.done", { noShow: outcome.noShow }) : t("checkin.close.reopened")}
        </p>
      ) : null}
      {state.closedAt ? (
        <>
          <p>{t("checkin.close.closed", { time: time.dateTime(state.closedAt) })} {t("checkin.close.noShow", { count: state.noShow })}</p>
          <IntentButton intent="reopen" label={t("checkin.close.reopen")} testId="checkin-reopen" />
        </>
      ) : (
        <details>
          <summary className="cursor-pointer">{t("checkin.close.submit")}</summary>
          <Form method="post" className="mt-2 space-y-2">
            <input type="hidden" name="intent" value="close" />
            <p className="text-sm text-stone-700">{t("checkin.close.intro")}</p>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="confirm" value="yes" required data-testid="checkin-close-confirm" />
              <span>{t("checkin.close.confirm")}</span>
            </label>
            <button type="submit" className="btn bg-red-700 hover:bg-red-800" data-testid="checkin-close-submit">{t("checkin.close.submit")}</button>
          </Form>
        </details>
      )}
    </section>
  );
}
