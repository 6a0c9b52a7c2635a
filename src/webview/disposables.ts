/**
 * Disposal for the webview. Mirrors src/core/disposable.ts, which the webview cannot import
 * (its tsconfig only sees src/webview and src/shared).
 */

/** Anything that holds a resource (a listener, a timer, an observer) until disposed. */
export interface Disposable {
  dispose(): void;
}

/** Collects disposables and disposes them in reverse order, once. Late additions are disposed at once. */
export class DisposableStore implements Disposable {
  private items: Disposable[] = [];
  private disposed = false;

  /** Takes ownership of `item` and returns it, so `const x = store.add(new X())` reads naturally. */
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

/** A disposable that runs `fn` once. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return { dispose: () => { if (!done) { done = true; fn(); } } };
}
