import type { LoaderFunctionArgs } from "@remix-run/node";
import { NotBuiltYet } from "~/components/NotBuiltYet";
import { requireMember } from "~/context.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMember(request, context);
  return null;
}

export default function Page() {
  return <NotBuiltYet areaKey="nav.amendments" />;
}
