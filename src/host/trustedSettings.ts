/**
 * Settings that weaken or widen TLS trust are read from the user's own settings only (issue #7): a
 * repository's `.vscode/settings.json` must not turn certificate verification off or add a CA of its
 * choosing. package.json declares them `machine`-scoped, so VS Code already ignores workspace values;
 * this reads past them again, in case a workbench (remote, web) applies them anyway. Pure (no vscode).
 */

/** The shape of `WorkspaceConfiguration.inspect()` this needs. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The user's (or the machine's) value, else the default: workspace and folder values never count. */
export function userValue<T>(inspected: InspectedSetting<T> | undefined, fallback: T): T {
  return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
}

/** Whether a workspace or folder tried to set it: said once in the log, so the user knows why it had no effect. */
export function workspaceTried<T>(inspected: InspectedSetting<T> | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}
