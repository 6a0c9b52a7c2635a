/**
 * Disposal for the webview's listeners, timers and views (style.md rule 8). Core keeps the same few
 * lines for itself (src/core/disposable.ts): the webview imports only src/shared, and core imports
 * nothing of shared, so the two sides each own their copy.
 */

/** Anything that holds a resource until disposed. Same shape as vscode.Disposable, without importing it. */
export interface Disposable {
  dispose(): void;
}

/** Collects disposables and disposes them in reverse order, once. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = this.items.reverse();
    this.items = [];
    for (const item of items) item.dispose();
  }
}

/** A disposable from a function. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}
