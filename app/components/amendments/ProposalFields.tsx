// The fields and buttons of a new proposal, shared by the proposal page and the live paper's panel.
import { useTranslation } from "~/i18n/react";
import { amendmentTypes } from "~/domain/amendment-states";
import { useForceName } from "./ui";

export function ProposalFields({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="space-y-1">
        <legend className="font-semibold">{t("amendments.fields.type")}</legend>
        {amendmentTypes.map((ty, i) => (
          <label key={ty} className="flex items-start gap-2 text-sm">
            <input type="radio" name="type" value={ty} defaultChecked={i === 0} className="mt-1.5" data-testid={`type-${ty}`} />
            <span>
              <strong>{t(`amendments.types.${ty}`)}</strong>
              {compact ? null : <> — {t(`amendments.typeHelp.${ty}`)}</>}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block text-sm">
        {t("amendments.fields.proposedTitle")}
        <input name="proposedTitle" dir="auto" maxLength={300} className="field" />
      </label>
      <label className="block text-sm">
        {t("amendments.fields.proposedText")}
        <textarea name="proposedText" dir="auto" rows={compact ? 3 : 5} maxLength={20000} className="field" data-testid="proposed-text" />
      </label>
      <label className="block text-sm">
        {t("amendments.fields.rationale")}
        <textarea name="rationale" dir="auto" rows={compact ? 2 : 3} maxLength={10000} className="field" data-testid="rationale" />
      </label>
    </>
  );
}

type ForceNames = Parameters<ReturnType<typeof useForceName>>[0];

/** Save as a draft, and submit on behalf of the force while the amendment window is open. */
export function ProposalButtons({ force, windowOpen, busy }: { force: ForceNames; windowOpen: boolean; busy: boolean }) {
  const { t } = useTranslation();
  const forceName = useForceName();
  return (
    <>
      <button type="submit" name="intent" value="draft" className="btn-quiet" disabled={busy} data-testid="save-draft">
        {t("amendments.actions.saveDraft")}
      </button>
      {windowOpen ? (
        <button type="submit" name="intent" value="submit" className="btn" disabled={busy} data-testid="submit-now">
          {t("amendments.actions.submit", { force: forceName(force) })}
        </button>
      ) : null}
    </>
  );
}
