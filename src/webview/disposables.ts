/** Disposal lives in src/shared (the webview cannot import src/core). */
export * from '../shared/disposable';
