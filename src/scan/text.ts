/** Maps offsets in a text to 1-based line and column numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  /** 1-based line of an offset. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of an offset (in UTF-16 code units from the line start). */
  column(offset: number): number {
    return offset - (this.starts[this.line(offset) - 1] ?? 0) + 1;
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}
