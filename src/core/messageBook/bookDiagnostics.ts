/**
 * Collects a book's diagnostics, at most MAX_BOOK_DIAGNOSTICS of them (the rest are counted and summed up
 * in one last line), and whether the entry being parsed has an error (then it is not sendable).
 */
import { MAX_BOOK_DIAGNOSTICS } from './bookLimits';
import type { BookDiagnostic, DiagnosticSeverity } from './bookTypes';

export class DiagnosticSink {
  readonly diagnostics: BookDiagnostic[] = [];
  private notShown = 0;
  private lastLine = 0;
  /** Errors reported since `startEntry`. */
  private entryErrors = 0;

  error(line: number, startCol: number, endCol: number, message: string): void {
    this.add(line, startCol, endCol, message, 'error');
  }

  warning(line: number, startCol: number, endCol: number, message: string): void {
    this.add(line, startCol, endCol, message, 'warning');
  }

  /** Starts counting errors for a new entry. */
  startEntry(): void {
    this.entryErrors = 0;
  }

  /** Runs `report` without counting its errors against the entry being parsed (a variable below it). */
  outsideEntry(report: () => void): void {
    const errors = this.entryErrors;
    report();
    this.entryErrors = errors;
  }

  /** Whether an error was reported since `startEntry`. */
  get entryHasErrors(): boolean {
    return this.entryErrors > 0;
  }

  /** The diagnostics, with a last one saying how many more there were. */
  finish(): BookDiagnostic[] {
    if (this.notShown > 0) {
      const message = `${this.notShown} more problems are not shown (at most ${MAX_BOOK_DIAGNOSTICS} are).`;
      this.diagnostics.push({ range: { line: this.lastLine, startCol: 0, endCol: 0 }, severity: 'info', message });
      this.notShown = 0;
    }
    return this.diagnostics;
  }

  private add(line: number, startCol: number, endCol: number, message: string, severity: DiagnosticSeverity): void {
    if (severity === 'error') this.entryErrors++;
    if (this.diagnostics.length >= MAX_BOOK_DIAGNOSTICS) {
      this.notShown++;
      this.lastLine = line;
      return;
    }
    const end = Math.max(endCol, startCol);
    this.diagnostics.push({ range: { line, startCol, endCol: end }, severity, message });
  }
}
