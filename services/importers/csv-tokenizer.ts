// A streaming CSV tokenizer (RFC 4180 plus what spreadsheet programs write): text goes in chunk by chunk, records come
// out as arrays of fields. Unlike a strict parser it never stops at a bad record: a cell over the size limit or a
// quote left open at the end of the file is reported with the record, and the records around it still come through.

export type CsvRecordProblem =
  { kind: 'cell-too-long'; field: number; length: number } | { kind: 'unclosed-quote'; field: number };

export type CsvRecordSink = (fields: string[], problem: CsvRecordProblem | null) => void;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// Tokenizer states; QuoteInQuoted is a quote inside a quoted field: the first of a doubled quote or the closing one.
const FieldStart = 0;
const Unquoted = 1;
const Quoted = 2;
const QuoteInQuoted = 3;
type State = typeof FieldStart | typeof Unquoted | typeof Quoted | typeof QuoteInQuoted;

export class CsvTokenizer {
  private readonly delimiter: number;
  private fields: string[] = [];
  private field = '';
  private fieldLength = 0;
  private state: State = FieldStart;
  private skipLineFeed = false;
  private problem: CsvRecordProblem | null = null;

  /**
   * @param delimiter one character, e.g. ';'
   * @param maxCellChars a longer cell is dropped (only its length is kept) so one bad cell cannot exhaust memory
   */
  constructor(
    delimiter: string,
    private readonly maxCellChars: number,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`invalid CSV delimiter ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string, sink: CsvRecordSink): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.skipLineFeed && n > 0) {
      if (text.charCodeAt(0) === LF) i = 1;
      this.skipLineFeed = false;
    }
    while (i < n) {
      switch (this.state) {
        case FieldStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.state = Quoted;
            i++;
          } else {
            this.state = Unquoted;
          }
          break;
        case Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === delimiter || c === LF || c === CR) break;
            j++;
          }
          this.append(text, i, j);
          if (j === n) {
            i = n;
            break;
          }
          i = this.endField(text, j, c, sink);
          break;
        }
        case Quoted: {
          const j = text.indexOf('"', i);
          if (j < 0) {
            this.append(text, i, n);
            i = n;
            break;
          }
          this.append(text, i, j);
          this.state = QuoteInQuoted;
          i = j + 1;
          break;
        }
        case QuoteInQuoted: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.append(text, i, i + 1);
            this.state = Quoted;
            i++;
          } else if (c === delimiter || c === LF || c === CR) {
            i = this.endField(text, i, c, sink);
          } else {
            // Text after a closing quote ("a"b): keep it, as spreadsheet programs do.
            this.state = Unquoted;
          }
          break;
        }
      }
    }
  }

  /** Flushes the last record at the end of the input. */
  end(sink: CsvRecordSink): void {
    if (this.state === Quoted) {
      // An open quote at the end usually swallowed the rest of the file, so it explains more than a long cell does.
      this.problem = { kind: 'unclosed-quote', field: this.fields.length };
      this.finishField();
      this.finishRecord(sink);
    } else if (this.state !== FieldStart || this.fields.length > 0) {
      this.finishField();
      this.finishRecord(sink);
    }
    this.state = FieldStart;
  }

  /** Ends the field at text[at] (a delimiter or a line break) and returns where to continue. */
  private endField(text: string, at: number, c: number, sink: CsvRecordSink): number {
    this.finishField();
    this.state = FieldStart;
    if (c === this.delimiter) return at + 1;
    this.finishRecord(sink);
    if (c === CR) {
      if (at + 1 < text.length) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
      this.skipLineFeed = true;
    }
    return at + 1;
  }

  private append(text: string, from: number, to: number): void {
    const length = to - from;
    if (length === 0) return;
    const total = this.fieldLength + length;
    if (total > this.maxCellChars) {
      if (this.problem === null || this.problem.kind !== 'cell-too-long') {
        this.problem = { kind: 'cell-too-long', field: this.fields.length, length: total };
      } else if (this.problem.field === this.fields.length) {
        this.problem.length = total;
      }
      this.field = '';
      this.fieldLength = total;
      return;
    }
    this.field = this.fieldLength === 0 ? text.slice(from, to) : this.field + text.slice(from, to);
    this.fieldLength = total;
  }

  private finishField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldLength = 0;
  }

  private finishRecord(sink: CsvRecordSink): void {
    const fields = this.fields;
    const problem = this.problem;
    this.fields = [];
    this.problem = null;
    sink(fields, problem);
  }
}
