// The health of a source as its polls leave it.
export type SourceState = 'idle' | 'ok' | 'failing' | 'needs_attention' | 'disabled';
