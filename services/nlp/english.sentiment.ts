// English sentiment through wink-nlp's English model, mapped into our result shape. wink scores each sentence
// from its own lexicon with negation; carriers are the words that score on their own.
/* eslint-disable @typescript-eslint/unbound-method -- wink's API takes its.* helpers as plain function values */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export const ENGLISH_MODEL_VERSION = 'wink-en@1';
/** |score| below this is neutral: wink gives small non-zero scores to mildly worded sentences. */
const NEUTRAL_BAND = 0.1;
/** Carriers are looked up for at most this many words, so long texts cost no more than short ones. */
const MAX_CARRIER_PROBES = 16;

export interface EnglishScore {
  score: number;
  label: 'positive' | 'neutral' | 'negative';
  confidence: number;
  carriers: { word: string; weight: number }[];
}

export interface EnglishScorer {
  score(text: string): EnglishScore;
}

export function createEnglishScorer(): EnglishScorer {
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  const its = nlp.its;
  return {
    score(text) {
      const doc = nlp.readDoc(text);
      const raw = Number(doc.out(its.sentiment));
      const score = Math.max(-1, Math.min(1, Number.isFinite(raw) ? raw : 0));
      const carriers: { word: string; weight: number }[] = [];
      if (score !== 0) {
        const words = doc.tokens().out(its.normal);
        const types = doc.tokens().out(its.type);
        const stop = doc.tokens().out(its.stopWordFlag);
        let probes = 0;
        for (let k = 0; k < words.length && probes < MAX_CARRIER_PROBES; k++) {
          const word = words[k];
          if (word === undefined || (types[k] !== 'word' && types[k] !== 'emoji' && types[k] !== 'emoticon'))
            continue;
          if (stop[k] === true) continue;
          probes++;
          const weight = Number(nlp.readDoc(word).out(its.sentiment));
          if (weight !== 0) carriers.push({ word, weight: Math.round(weight * 1000) / 1000 });
        }
      }
      const label = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
      const confidence =
        label === 'neutral'
          ? carriers.length === 0
            ? 0.5
            : 1 - Math.abs(score) / (2 * NEUTRAL_BAND)
          : (1 + Math.abs(score)) / 2;
      return { score: Math.round(score * 1000) / 1000, label, confidence, carriers };
    },
  };
}
