// The three sentiment classes a score is mapped to, and that listening tools and analysts label with.
export type SentimentLabel = 'positive' | 'neutral' | 'negative';
