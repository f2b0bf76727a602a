// The output buffer of one execution: text, a size check, and which template line produced each output line.

export class OutputLimitError extends Error {}

export interface SharedBudget {
  steps: number;
  outputBytes: number;
  readonly maxSteps: number;
  readonly maxOutputBytes: number;
  readonly maxDepth: number;
}

const NON_SPACE = /[^ \t\r\n]/;

export class Output {
  private readonly chunks: string[] = [];
  /** lineMap[i] = template line of output line i + 1. */
  readonly lineMap: number[] = [];
  private lineHasContent = false;
  private lineFresh = true;

  constructor(
    private readonly budget: SharedBudget,
    private readonly trackLines: boolean,
  ) {}

  write(text: string, line: number): void {
    if (text.length === 0) return;
    this.budget.outputBytes += text.length;
    if (this.budget.outputBytes > this.budget.maxOutputBytes) {
      throw new OutputLimitError(`output exceeds the limit of ${this.budget.maxOutputBytes} bytes`);
    }
    this.chunks.push(text);
    if (!this.trackLines) return;
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0 || this.lineMap.length === 0) {
        this.lineMap.push(line);
        this.lineHasContent = false;
        this.lineFresh = true;
      }
      if (this.lineFresh && (part.length > 0 || i < parts.length - 1)) {
        this.lineMap[this.lineMap.length - 1] = line;
        this.lineFresh = false;
      }
      if (!this.lineHasContent && NON_SPACE.test(part)) {
        this.lineMap[this.lineMap.length - 1] = line;
        this.lineHasContent = true;
      }
    });
  }

  /** Text from a template source: each of its lines maps to its own line. */
  writeText(text: string, firstLine: number): void {
    if (!this.trackLines) {
      this.write(text, firstLine);
      return;
    }
    let line = firstLine;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.write(text.slice(start, nl + 1), line++);
      start = nl + 1;
    }
    this.write(text.slice(start), line);
  }

  toString(): string {
    return this.chunks.join('');
  }
}
