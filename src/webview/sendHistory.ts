/**
 * A small shell-like history of sent texts for the composer: ArrowUp in an empty box recalls the
 * last one, further ArrowUp goes older, ArrowDown newer and finally back to empty.
 */

/** Most entries kept. */
export const MAX_HISTORY = 50;

/** The history and a cursor into it while the user browses. */
export class SendHistory {
  private readonly entries: string[] = [];
  /** Index of the entry on screen, or undefined when the user is not browsing. */
  private cursor: number | undefined;

  constructor(initial: readonly string[] = []) {
    for (const entry of initial) this.push(entry);
  }

  /** Entries, oldest first (for saving with the webview state). */
  get all(): readonly string[] {
    return this.entries;
  }

  /** Records a sent text; a repeat of the last entry is not stored twice. Ends browsing. */
  push(text: string): void {
    this.cursor = undefined;
    if (!text || this.entries[this.entries.length - 1] === text) return;
    this.entries.push(text);
    if (this.entries.length > MAX_HISTORY) this.entries.shift();
  }

  /**
   * The text to show after ArrowUp, or undefined to let the key move the caret. Browsing starts only
   * from an empty box, and continues only while the box still shows the recalled entry unedited.
   */
  older(current: string): string | undefined {
    if (!this.isBrowsing(current)) {
      if (current !== '' || this.entries.length === 0) return undefined;
      this.cursor = this.entries.length - 1;
    } else if (this.cursor! > 0) {
      this.cursor!--;
    }
    return this.entries[this.cursor!];
  }

  /** The text to show after ArrowDown while browsing ('' past the newest), or undefined. */
  newer(current: string): string | undefined {
    if (!this.isBrowsing(current)) return undefined;
    if (this.cursor! >= this.entries.length - 1) {
      this.cursor = undefined;
      return '';
    }
    this.cursor!++;
    return this.entries[this.cursor!];
  }

  private isBrowsing(current: string): boolean {
    if (this.cursor === undefined) return false;
    if (this.entries[this.cursor] === current) return true;
    this.cursor = undefined; // The user edited the recalled text: it is a new draft now.
    return false;
  }
}
