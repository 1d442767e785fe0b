import { useTranslation } from "react-i18next";

/** An area whose issue has not landed: says so plainly instead of pretending. */
export function NotBuiltYet({ areaKey }: { areaKey: string }) {
  const { t } = useTranslation();
  return (
    <section className="card max-w-2xl" data-testid="not-built">
      <h1 className="text-xl font-bold">{t(areaKey)}</h1>
      <p className="mt-2 font-semibold">{t("pending.title")}</p>
      <p className="mt-1">{t("pending.body", { area: t(areaKey) })}</p>
    </section>
  );
}
