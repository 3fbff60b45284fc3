// A learned sentiment model as stored: version, language, when it was made and activated, its evaluation figures.
// Defined here, in the domain; the sentiment models repository stores and reads it.
export interface StoredModel {
  version: string;
  language: string;
  createdAt: Date;
  active: boolean;
  activatedAt: Date | null;
  metrics: Record<string, unknown>;
}
