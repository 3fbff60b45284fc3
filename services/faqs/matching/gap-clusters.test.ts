import { describe, expect, it } from 'vitest';
import { clusterGapQuestions } from './gap-clusters.js';

const questions = [
  'Wanneer gaat de weekmarkt weer open?',
  'Hoe laat begint de avondklok?',
  'gaat de markt op de oude haven weer open',
  'Tot hoe laat geldt de avondklok vanavond',
  'is de weekmarkt morgen open',
  'Mag ik vissen in de haven van Huizen?',
  'avondklok vanaf hoe laat',
].map((text, i) => ({ id: `q${i + 1}`, text }));

describe('gap clusters', () => {
  const clusters = clusterGapQuestions(questions);

  it('puts the same question in one cluster, largest first, with its count and common terms', () => {
    const avondklok = clusters.find((c) => c.memberIds.includes('q2'))!;
    expect(avondklok.memberIds).toEqual(['q2', 'q4', 'q7']);
    expect(avondklok.count).toBe(3);
    expect(avondklok.terms).toContain('avondklok');
    const markt = clusters.find((c) => c.memberIds.includes('q1'))!;
    expect(markt.memberIds).toEqual(expect.arrayContaining(['q1', 'q5']));
    expect(clusters.map((c) => c.count)).toEqual([...clusters.map((c) => c.count)].sort((a, b) => b - a));
  });

  it('gives at most three examples and keeps a lone question apart', () => {
    for (const c of clusters) expect(c.examples.length).toBeLessThanOrEqual(3);
    const vissen = clusters.find((c) => c.memberIds.includes('q6'))!;
    expect(vissen.memberIds).toEqual(['q6']);
    expect(clusterGapQuestions([])).toEqual([]);
  });

  it('is the same for the same input', () => {
    expect(clusterGapQuestions(questions)).toEqual(clusters);
  });
});

describe('gap clusters: repeats and the period before', () => {
  it('counts a text asked again (case and spacing aside) once per asker, shown once', () => {
    const [cluster] = clusterGapQuestions([
      { id: 'a', text: 'Hoe laat begint de avondklok?' },
      { id: 'b', text: 'hoe laat  begint de AVONDKLOK?' },
      { id: 'c', text: 'Hoe laat begint de avondklok?' },
    ]);
    expect(cluster).toMatchObject({ count: 3, memberIds: ['a', 'b', 'c'], exampleIds: ['a'] });
    expect(cluster!.examples).toEqual(['Hoe laat begint de avondklok?']);
  });

  it('counts the period before against the clusters, never starting one of its own', () => {
    const clusters = clusterGapQuestions(questions, {
      previous: [
        { id: 'p1', text: 'avondklok hoe laat vanavond' },
        { id: 'p2', text: 'Hoe laat begint de avondklok' },
        { id: 'p3', text: 'Waar kan ik mijn grofvuil kwijt?' },
      ],
    });
    expect(clusters.find((c) => c.memberIds.includes('q2'))!.previousCount).toBe(2);
    expect(clusters.reduce((sum, c) => sum + c.previousCount, 0)).toBe(2);
    expect(clusters.flatMap((c) => c.memberIds)).not.toContain('p3');
  });
});
