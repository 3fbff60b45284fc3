import { describe, expect, it } from 'vitest';
import { logFormatFor, prettyDestination, prettyLine } from './log-format.js';

describe('logFormatFor', () => {
  it('chooses readable lines on a terminal and JSON otherwise', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: false })).toBe('json');
    expect(logFormatFor({})).toBe('json');
  });
});

describe('prettyLine', () => {
  const time = new Date(2026, 11, 2, 7, 5, 9).getTime();

  it('prints time, level, message and the extra fields on one line', () => {
    const json = JSON.stringify({
      level: 30,
      time,
      pid: 1,
      hostname: 'h',
      name: 'onderstroom',
      reqId: 'req-1',
      method: 'GET',
      msg: 'GET /health 200 3 ms',
    });
    expect(prettyLine(json)).toBe('07:05:09 INFO  GET /health 200 3 ms reqId=req-1 method=GET\n');
  });

  it('quotes values with spaces and puts an error stack under the line', () => {
    const json = JSON.stringify({
      level: 50,
      time,
      msg: 'poll failed',
      source: 'a b',
      err: { message: 'boom', stack: 'Error: boom\n    at x' },
    });
    expect(prettyLine(json)).toBe(
      '07:05:09 ERROR poll failed source="a b" err=boom\n    Error: boom\n        at x\n',
    );
  });

  it('passes a line that is not JSON through unchanged', () => {
    expect(prettyLine('not json')).toBe('not json\n');
  });

  it('writes one readable line per record through the destination', () => {
    const out: string[] = [];
    prettyDestination({ write: (text) => out.push(text) }).write(
      `${JSON.stringify({ level: 40, time, msg: 'slow' })}\n`,
    );
    expect(out).toEqual(['07:05:09 WARN  slow\n']);
  });
});
