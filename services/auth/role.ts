// What an API key may do: viewer reads aggregates, analyst also reads raw text, admin also configures.
export type Role = 'viewer' | 'analyst' | 'admin';
