// What a new password must be (ADR 0023; OWASP ASVS 2.1): at least 12 characters, at most 200, not
// a common or guessable password. The common-password lists and the guessing estimate come from
// zxcvbn-ts's shipped dictionaries (no network), with the person's own email and name added, so
// "organizer@example.org" or a name with digits is refused too.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import { DomainError } from "./errors";

import { PASSWORD_MAX, PASSWORD_MIN } from "./account-limits";

export { PASSWORD_MAX, PASSWORD_MIN };
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;

let estimator: InstanceType<typeof ZxcvbnFactory> | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }));

export type PasswordProblem = "tooShort" | "tooLong" | "common";

/** Why this password may not be chosen, or null. `personal` are words of the account (email, name). */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const whole = personal.map((w) => w.trim().toLowerCase()).filter(Boolean);
  const words = [...whole, ...whole.flatMap((w) => w.split(/[@.\s_-]+/))].filter((w) => w.length >= 3);
  // The account's own email or name inside the password is guessable whatever the estimate says.
  const lower = password.toLowerCase();
  if (whole.some((w) => w.length >= 4 && lower.includes(w.split("@")[0]!))) return "common";
  return zxcvbn().check(password, words).score < MIN_SCORE ? "common" : null;
}

/** Throws a DomainError whose field error names the problem (passwords.<problem> in the catalogues). */
export function assertAcceptablePassword(password: string, personal: string[] = []): void {
  const problem = passwordProblem(password, personal);
  if (problem) throw new DomainError("bad_request", `The new password is not acceptable: ${problem}`, { reason: problem, fieldErrors: { password: [problem] } });
}
