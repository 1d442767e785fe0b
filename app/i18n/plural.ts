/** Plural forms Arabic's rules use and Kurmanji's and English's (one, other) do not. */
type ArabicOnlyForm = "zero" | "two" | "few" | "many";

/**
 * Kurmanji or English for an Arabic catalogue: the same messages; of a counted message's plural forms
 * (key_one, key_two…, chosen per language by i18next), those only Arabic's rules use may be left out.
 */
export type Translation<T> = {
  [K in keyof T as K extends `${string}_${ArabicOnlyForm}` ? never : K]: T[K] extends string ? string : Translation<T[K]>;
} & { [K in keyof T as K extends `${string}_${ArabicOnlyForm}` ? K : never]?: string };
