// Bounds of account secrets, shared by the server's rules and the forms that show them.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
/** A personal API token's default and longest life. */
export const API_TOKEN_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;
