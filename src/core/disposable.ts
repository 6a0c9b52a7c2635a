/** Disposal lives in src/shared so the webview, which cannot import core, uses the same one. */
export * from '../shared/disposable';
