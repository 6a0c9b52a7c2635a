/**
 * Profiles in the extension (issue 10), wired together: the two stores over their files, secrets, the
 * Realtime Inspector view, diagnostics on the files, the schema the files name, the commands, and
 * "Save as profile…" for Connect…. Everything it creates is returned as one disposable.
 */
import * as vscode from 'vscode';
import type { Profile, ProfileFileSnapshot, ProfileScope, NewProfile } from '../../core/profiles/profileModel';
import type { SaveAsProfile } from '../commands/connectCommand';
import type { OutputLog } from '../outputLog';
import type { SessionLauncher } from '../sessionLauncher';
import type { SessionRegistry } from '../sessionRegistry';
import { registerProfileFormCommands, type ProfileCommandDeps } from './profileCommands';
import { registerProfileDiagnostics } from './profileDiagnostics';
import { ProfileFiles } from './profileFiles';
import { registerProfileItemCommands } from './profileItemCommands';
import { notifyNewFileErrors } from './profileNotices';
import { saveProfile, type CredentialAsker } from './profileSave';
import { registerProfileSchemaProvider } from './profileSchemaProvider';
import { ProfileSecrets } from './profileSecrets';
import { PROFILES_VIEW_ID, ProfileTreeProvider } from './profileTree';
import { dumpTree, type TreeDump } from './profileTreeDump';
import { connectProfile } from './profileConnect';
import { saveAndConnect, saveAsProfileEnding } from './saveAsProfile';
import { registerCertificateTrust } from '../tlsTrust/certificateTrustOffer';

/** For the integration tests (ExtensionMode.Test only): what the view and the stores hold, without prompts. */
export interface ProfilesTestingApi {
  /** Saves as the form does; credentials in clear are moved into secrets under their suggested names, or kept. */
  save(scope: ProfileScope, profile: Profile | NewProfile, moveCredentials: boolean): Promise<Profile | undefined>;
  snapshot(scope: ProfileScope): ProfileFileSnapshot | undefined;
  fileUri(scope: ProfileScope): vscode.Uri | undefined;
  reload(): Promise<void>;
  readSecret(name: string): Promise<string | undefined>;
  storeSecret(name: string, value: string): Promise<void>;
  /** The view's nodes as it shows them. */
  tree(): TreeDump[];
  /** Retry of a failed session, as the failure notification's button does it (issue 12). */
  retry(sessionId: string): void;
}

export interface ProfilesFeature extends vscode.Disposable {
  saveAs: SaveAsProfile;
  testing: ProfilesTestingApi;
}

export interface ProfilesFeatureDeps {
  launcher: SessionLauncher;
  registry: SessionRegistry;
  log: OutputLog;
}

/** Creates and registers everything; the caller disposes the result. */
export function registerProfiles(context: vscode.ExtensionContext, deps: ProfilesFeatureDeps): ProfilesFeature {
  const files = new ProfileFiles(context.globalStorageUri, deps.log);
  const secrets = new ProfileSecrets(context.secrets);
  const tree = new ProfileTreeProvider(files, deps.registry);
  const commandDeps: ProfileCommandDeps = { ...deps, files, secrets, tree };
  const disposable = vscode.Disposable.from(
    files,
    tree,
    vscode.window.registerTreeDataProvider(PROFILES_VIEW_ID, tree),
    registerProfileDiagnostics(files),
    notifyNewFileErrors(files),
    registerProfileSchemaProvider(context.extensionUri),
    registerProfileFormCommands(commandDeps),
    registerProfileItemCommands(commandDeps),
    registerCertificateTrust({ ...deps, files }),
    // Retry and Reconnect of a profile's session resolve the profile again (issue 12: a new pin counts).
    deps.launcher.setProfileReopener((ref, viewColumn) => connectProfile(commandDeps, ref, { viewColumn })),
  );
  void files.loadAll();
  const hasWorkspace = (): boolean => files.storeOf('workspace') !== undefined;
  const saveAs: SaveAsProfile = {
    ending: saveAsProfileEnding(hasWorkspace),
    saveAndConnect: (options, target, defaults, reconnect) =>
      saveAndConnect(commandDeps, options, target, defaults, reconnect),
  };
  return { dispose: () => disposable.dispose(), saveAs, testing: testingApi(commandDeps, deps.registry) };
}

function testingApi(deps: ProfileCommandDeps, registry: SessionRegistry): ProfilesTestingApi {
  const { files, secrets } = deps;
  return {
    save: (scope, profile, moveCredentials) => {
      const ask: CredentialAsker = async (finding) =>
        moveCredentials ? { action: 'move', secretName: finding.suggestedSecretName } : { action: 'keep' };
      return saveProfile({ ...deps, ask }, scope, profile);
    },
    snapshot: (scope) => files.snapshot(scope),
    fileUri: (scope) => files.fileUri(scope),
    reload: () => files.loadAll(),
    readSecret: (name) => secrets.get(name),
    storeSecret: (name, value) => secrets.store(name, value),
    tree: () => dumpTree(deps.tree.state()),
    retry: (id) => {
      const session = registry.get(id);
      if (session) deps.launcher.retry(session);
    },
  };
}
