// An action's answer that outlives the page's own reloads. React Router forgets actionData on every
// revalidation, so a live event (another device's ballot, a chair's move) that reloads the page's data
// would wipe the refusal or notice the reader has just been given. This keeps the last answer until the
// reader moves on: a new submission, or another address (a reload of the same address does not count).
import { useActionData, useLocation, useNavigation } from "@remix-run/react";
import { useRef } from "react";

export function useKeptActionData<T>(): ReturnType<typeof useActionData<T>> {
  const data = useActionData<T>();
  const { key } = useLocation();
  const { state } = useNavigation();
  const kept = useRef({ key, data });
  if (data !== undefined) kept.current = { key, data };
  else if (kept.current.key !== key || state === "submitting") kept.current = { key, data: undefined };
  return kept.current.data;
}
