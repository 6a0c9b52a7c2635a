/** The view's nodes as plain nested data (labels, descriptions, context values): for tests. Pure (no vscode). */
import { childNodes, rootNodes, viewOf, type ProfileTreeNode, type ProfileTreeState } from './profileTreeModel';

export interface TreeDump {
  label: string;
  description?: string;
  contextValue: string;
  children: TreeDump[];
}

/** Every node from the roots down. */
export function dumpTree(state: ProfileTreeState): TreeDump[] {
  const dump = (node: ProfileTreeNode): TreeDump => {
    const view = viewOf(state, node);
    const children = childNodes(state, node).map(dump);
    return { label: view.label, description: view.description, contextValue: view.contextValue, children };
  };
  return rootNodes(state).map(dump);
}
