// The force kinds and regions as plain lists (no zod), for pages that only need to show them.
export const forceKinds = ["PARTY", "BLOC", "CURRENT", "TRIBE", "CSO", "INTERNATIONAL_BODY", "COMMUNITY", "PERSONALITY"] as const;
export const regions = ["NORTH_EAST_SYRIA", "OTHER_SYRIAN_REGIONS", "ABROAD"] as const;
