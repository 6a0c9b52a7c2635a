import type { Disposable } from './disposable';

/**
 * A tiny typed event emitter: `on()` returns a disposer that removes exactly the listener it added.
 * A throwing listener does not stop the others: its error goes to `onListenerError`.
 */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  on(listener: (value: T) => void): Disposable {
    // Wrap so the same function added twice is two registrations, each removed by its own disposer.
    const entry = (value: T): void => listener(value);
    this.listeners.add(entry);
    return {
      dispose: () => {
        this.listeners.delete(entry);
      },
    };
  }

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
