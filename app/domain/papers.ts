// Rules about papers that the browser needs too (form limits, version names); the rest is papers.server.ts.
export const VERSION_NAME_MAX = 120;

/** Automatic daily versions are named by their UTC day, "YYYY-MM-DD". */
export const isDailyVersionName = (name: string) => /^\d{4}-\d{2}-\d{2}$/.test(name);
