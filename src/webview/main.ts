/**
 * Entry point of the panel's webview, bundled by esbuild into dist/webview.js (browser IIFE).
 * The host's HTML provides `<div id="app">` and loads this script by nonce.
 */
import { PanelApp } from './app';
import { connectToHost } from './hostBridge';

const root = document.getElementById('app') ?? document.body;
const app = new PanelApp(root, connectToHost());
// pagehide, not unload: unload is deprecated and skipped by the back/forward cache.
window.addEventListener('pagehide', () => app.dispose(), { once: true });
