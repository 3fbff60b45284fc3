// The detector's anomaly scores of a series' buckets, as rows (the buckets a rule's window can reach) and as columns
// (a whole tick). Defined here, in the domain; the detection repository writes and reads them.
export interface AnomalyRow {
  seriesKey: string;
  bucket: Date;
  observed: number;
  expected: number;
  volume: number;
  score: number;
  spike: number;
  drop: number;
}

/** The scores of one series' consecutive buckets, a column each (index i is the bucket at `bucketMs[i]`). */
export interface ScoreColumns {
  bucketMs: number[];
  observed: number[];
  expected: number[];
  volume: number[];
  score: number[];
  spike: number[];
  drop: number[];
}
