/**
 * The certificate trust offer in a real browser (issue 12): a workspace profile points at a local wss echo server
 * whose certificate is self-signed; connecting from the profiles view fails before any upgrade, and a notification
 * offers to trust that certificate (its SHA-256 fingerprint, as openssl prints it) for the profile. Trusting writes
 * the pin into .vscode/realtime-inspector.json; Retry then opens the session and an echo comes back. Saves
 * test-results/ui/tls-trust-offer.png (the offer, to read its words).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { RETRY_CHOICE, TRUST_CHOICE } from '../../src/host/tlsTrust/trustOfferWords';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../unit/support/testCertificates';
import { startWssEchoServer, type WssEchoServer } from '../unit/support/wssEchoServer';
import { contextAction, profileRow } from './support/inspectorUi';
import { ARTEFACTS } from './support/uiEnvironment';
import { useUiSuite } from './support/uiSuite';
import {
  holdToast as holdShownToast,
  pinsOnDisk as pinsInFile,
  toast as toastWith,
  toastButton,
} from './support/toasts';

const PROFILE = 'UI trust offer profile';
const PROFILE_ID = 'ui-trust-offer';
const MESSAGE = 'hello over a pinned certificate';

describe('the certificate trust offer in code-server', function () {
  this.bail(true);
  let certificates: TestCertificates;
  let server: WssEchoServer;
  let fingerprint: string;
  let page: Page;
  let panel: FrameLocator;
  let profileFile: string;

  before(function () {
    if (!hasOpenssl()) this.skip();
  });
  const ui = useUiSuite('tls-trust');
  before(async () => {
    ({ page, panel } = ui);
    certificates = makeTestCertificates();
    fingerprint = certificates.opensslFingerprint(certificates.serverA.cert);
    server = await startWssEchoServer({ cert: certificates.serverA.certPem, key: certificates.serverA.keyPem });
    const file = {
      version: 1,
      profiles: [{ id: PROFILE_ID, name: PROFILE, connection: { kind: 'websocket', url: `${server.url}/echo` } }],
    };
    profileFile = path.join(ui.env.folder, '.vscode/realtime-inspector.json');
    fs.mkdirSync(path.dirname(profileFile), { recursive: true });
    fs.writeFileSync(profileFile, JSON.stringify(file, null, 2));
  });
  after(async () => {
    await server?.close();
    certificates?.dispose();
  });

  const toast = (...parts: string[]): Locator => toastWith(page, ...parts);
  const holdToast = (shown: Locator): Promise<void> => holdShownToast(page, shown);
  const button = toastButton;
  const pinsOnDisk = (): unknown => pinsInFile(profileFile, PROFILE_ID);

  it('offers to trust the self-signed certificate, by its fingerprint, before any upgrade', async () => {
    const icon = page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await profileRow(page, PROFILE).waitFor({ timeout: 30_000 });
    await contextAction(page, profileRow(page, PROFILE), 'Connect');
    const offer = toast('Trust', fingerprint);
    await holdToast(offer);
    await button(offer, TRUST_CHOICE).waitFor({ timeout: 5_000 });
    const text = await offer.locator('.notification-list-item-message').innerText();
    assert.match(text, /127\.0\.0\.1/, 'the host connected to is named');
    assert.match(text, /self-signed/, 'the failure is said');
    // The certificate's subject (CN=localhost) is the server's text: the log may hold it, the offer must not.
    assert.doesNotMatch(text, /localhost/);
    assert.equal(server.upgrades, 0, 'nothing reached the server before the pin');
    assert.equal(pinsOnDisk(), undefined, 'no pin before the user chose one');
    await page.screenshot({ path: path.join(ARTEFACTS, 'tls-trust-offer.png') });
  });

  it('writes the pin into the workspace profile file on Trust', async () => {
    await button(toast('Trust', fingerprint), TRUST_CHOICE).click();
    const retryOffer = toast(fingerprint, 'pinnedCertificates');
    await holdToast(retryOffer);
    await button(retryOffer, RETRY_CHOICE).waitFor({ timeout: 5_000 });
    assert.deepEqual(pinsOnDisk(), [fingerprint]);
    assert.equal(server.upgrades, 0, 'trusting alone connects nothing');
  });

  it('opens the session on Retry, with exactly one upgrade, and echoes a message', async () => {
    await button(toast(fingerprint, 'pinnedCertificates'), RETRY_CHOICE).click();
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(MESSAGE);
    await panel.locator('#composer-send').click();
    await panel.locator('.event-row.dir-out .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    await panel.locator('.event-row.dir-in .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    assert.equal(server.upgrades, 1, 'one upgrade: the retried session');
  });
});
