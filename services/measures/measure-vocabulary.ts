// The words a measure is described with: which government took it, which way it goes, and how it came in.
export type MeasureLevel = 'national' | 'regional' | 'municipal';
export type MeasureDirection = 'tightening' | 'relaxation' | 'mixed';
export type MeasureOrigin = 'file' | 'manual' | 'watcher';
