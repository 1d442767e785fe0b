import { useTranslation } from "~/i18n/react";

/** What an action answered: an error, or a message with a secret shown once (a link, a token). */
export interface ActionResultData {
  ok?: string;
  error?: string;
  secret?: string;
}

export function ActionResult({ result, testId }: { result: ActionResultData | undefined; testId: string }) {
  const { t } = useTranslation();
  if (result?.error) {
    return (
      <p role="alert" className="error" data-testid={`${testId}-error`}>
        {t(result.error)}
      </p>
    );
  }
  if (!result?.ok) return null;
  return (
    <div role="status" className="notice" data-testid={`${testId}-ok`}>
      <p>{t(result.ok)}</p>
      {result.secret ? (
        <code dir="ltr" className="mt-1 block break-all select-all" data-testid="secret">
          {result.secret}
        </code>
      ) : null}
    </div>
  );
}
