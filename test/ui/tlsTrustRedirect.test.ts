/**
 * The certificate trust offer after a redirect, in a real browser (issue 12 follow-up): a workspace profile
 * connects to wss server A, whose certificate verifies through a CA the host trusts, and A redirects the handshake to
 * server B on another port, whose certificate is self-signed. The offer names B (its port) and B's fingerprint —
 * not A's, which the offer probed before the fix — and says A's certificate is pinned too. Trusting writes both
 * pins into .vscode/realtime-inspector.json (B alone would lock A out: pins replace CA verification for every
 * server of a profile); Retry then opens through the redirect and an echo comes back from B. Saves
 * test-results/ui/tls-trust-redirect.png.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { RETRY_CHOICE, TRUST_CHOICE } from '../../src/host/tlsTrust/trustOfferWords';
import { startHopServer, type HopServer } from '../fixtures/servers/hopServer';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../unit/support/testCertificates';
import { contextAction, profileRow } from './support/inspectorUi';
import { ARTEFACTS } from './support/uiEnvironment';
import { useUiSuite } from './support/uiSuite';
import {
  holdToast as holdShownToast,
  pinsOnDisk as pinsInFile,
  toast as toastWith,
  toastButton,
} from './support/toasts';

const PROFILE = 'UI redirected trust profile';
const PROFILE_ID = 'ui-redirected-trust';
const MESSAGE = 'hello from the far side of a redirect';

describe('the certificate trust offer after a redirect, in code-server', function () {
  this.bail(true);
  let certificates: TestCertificates;
  let a: HopServer;
  let b: HopServer;
  let pinA: string;
  let pinB: string;
  let page: Page;
  let panel: FrameLocator;
  let profileFile: string;

  // A workspace profile's own tls.ca is ignored (a repository cannot add trust): the extension host trusts A's
  // certificate the way a machine's CA would, through NODE_EXTRA_CA_CERTS, read when its process starts.
  const env: NodeJS.ProcessEnv = {};
  before(function () {
    if (!hasOpenssl()) this.skip();
    certificates = makeTestCertificates();
    env.NODE_EXTRA_CA_CERTS = path.join(certificates.dir, certificates.serverA.cert);
  });
  const ui = useUiSuite('tls-trust-redirect', { env });
  before(async () => {
    ({ page, panel } = ui);
    pinA = certificates.opensslFingerprint(certificates.serverA.cert);
    pinB = certificates.opensslFingerprint(certificates.serverB.cert);
    a = await startHopServer({ cert: certificates.serverA.certPem, key: certificates.serverA.keyPem });
    b = await startHopServer({ cert: certificates.serverB.certPem, key: certificates.serverB.keyPem });
    a.route('/ws', { redirect: 302, location: `${b.wsOrigin}/ws` });
    b.route('/ws', { websocket: true });
    // A's certificate names localhost, not 127.0.0.1: the server name says so (a workspace profile may set it).
    const tls = { servername: 'localhost' };
    const connection = { kind: 'websocket', url: `${a.wsOrigin}/ws`, followRedirects: true, tls };
    const file = { version: 1, profiles: [{ id: PROFILE_ID, name: PROFILE, connection }] };
    profileFile = path.join(ui.env.folder, '.vscode/realtime-inspector.json');
    fs.mkdirSync(path.dirname(profileFile), { recursive: true });
    fs.writeFileSync(profileFile, JSON.stringify(file, null, 2));
  });
  after(async () => {
    await a?.close();
    await b?.close();
    certificates?.dispose();
  });

  const toast = (...parts: string[]): Locator => toastWith(page, ...parts);
  const holdToast = (shown: Locator): Promise<void> => holdShownToast(page, shown);
  const button = toastButton;
  const pinsOnDisk = (): unknown => pinsInFile(profileFile, PROFILE_ID);

  const upgradesAt = (server: HopServer): number => server.requests.filter((r) => r.upgrade).length;

  it('offers to trust B\u2019s certificate, naming B, and to pin A\u2019s along with it', async () => {
    const icon = page.locator('.activitybar .action-item a[aria-label^="Realtime Inspector"]');
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await profileRow(page, PROFILE).waitFor({ timeout: 30_000 });
    await contextAction(page, profileRow(page, PROFILE), 'Connect');
    const offer = toast('Trust', pinB);
    await holdToast(offer);
    await button(offer, TRUST_CHOICE).waitFor({ timeout: 5_000 });
    const text = await offer.locator('.notification-list-item-message').innerText();
    const portB = new URL(b.origin).port;
    const portA = new URL(a.origin).port;
    assert.match(text, new RegExp(`^Could not connect to 127\\.0\\.0\\.1:${portB}: its certificate is self-signed`));
    assert.match(text, new RegExp(`A redirect from 127\\.0\\.0\\.1:${portA} led to this server`));
    assert.match(text, new RegExp(`certificate that 127\\.0\\.0\\.1:${portA} presents now will be pinned too`));
    assert.ok(!text.includes(pinA), 'the notification shows the offered fingerprint only');
    assert.equal(upgradesAt(b), 0, 'nothing reached B');
    assert.equal(pinsOnDisk(), undefined, 'no pin before the user chose one');
    await page.screenshot({ path: path.join(ARTEFACTS, 'tls-trust-redirect.png') });
  });

  it('pins B and A on Trust', async () => {
    await button(toast('Trust', pinB), TRUST_CHOICE).click();
    const retryOffer = toast(pinB, 'pinnedCertificates');
    await holdToast(retryOffer);
    await button(retryOffer, RETRY_CHOICE).waitFor({ timeout: 5_000 });
    assert.deepEqual(pinsOnDisk(), [pinB, pinA]);
  });

  it('opens through the redirect on Retry and echoes a message from B', async () => {
    await button(toast(pinB, 'pinnedCertificates'), RETRY_CHOICE).click();
    await panel.locator('#session-state', { hasText: /^\s*open\s*$/ }).waitFor({ timeout: 30_000 });
    await panel.locator('#composer-kind').selectOption('text');
    await panel.locator('#composer-input').fill(MESSAGE);
    await panel.locator('#composer-send').click();
    await panel.locator('.event-row.dir-out .col-preview', { hasText: MESSAGE }).first().waitFor({ timeout: 10_000 });
    // The hop server echoes every message as binary (its bytes): the answer is an incoming message row.
    const echo = panel
      .locator('.event-row.dir-in')
      .filter({ has: panel.locator('.col-type', { hasText: /^message$/ }) });
    await echo.first().waitFor({ timeout: 10_000 });
    assert.equal(upgradesAt(b), 1, 'one upgrade reached B: the retried session');
  });
});
