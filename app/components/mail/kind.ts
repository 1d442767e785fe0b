// A mail kind's name in the reader's language (the outbox and a mail's page); a kind the catalogue does
// not name (added by another part of the app) is shown as it is.
import { useTranslation } from "~/i18n/react";
import { catalogueKeyOf } from "~/domain/mail/kinds";

export function useKindName() {
  const { t } = useTranslation();
  return (kind: string) => t(`mail.outbox.kinds.${catalogueKeyOf(kind)}`, { defaultValue: kind });
}
