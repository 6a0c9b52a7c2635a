/**
 * Entry point of the transport comparison panel's webview, bundled by esbuild into dist/compare.js (browser
 * IIFE). The host's HTML provides `<div id="app">` and loads this script by nonce.
 */
import { CompareApp } from './compareApp';
import { connectCompareBridge } from './compareBridge';

const root = document.getElementById('app') ?? document.body;
const app = new CompareApp(root, connectCompareBridge());
window.addEventListener('pagehide', () => app.dispose(), { once: true });
