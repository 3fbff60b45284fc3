// What an alert is about, and whether it is still open.
export type AlertKind = 'spike' | 'drop' | 'measure_change' | 'source_failure' | 'question_spike';
export type AlertState = 'open' | 'resolved';
