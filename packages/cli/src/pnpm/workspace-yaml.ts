import { isMap, isScalar, parseDocument, type Document } from 'yaml';

/**
 * Edits of pnpm's YAML settings (pnpm-workspace.yaml, or the global config.yaml)
 * through the `yaml` document model, so comments and the other keys survive.
 */

/** Marks the `sideEffectsCache: false` we wrote, so `--remove` only takes back our own. */
export const SIDE_EFFECTS_MARK = ' fence: builds must run in the sandbox, not come from the cache';

export interface YamlEdit {
  /** undefined: nothing left worth a file. */
  text: string | undefined;
  changed: boolean;
  /** A scriptShell that was replaced (set) or left alone (remove). */
  otherShell?: string;
}

function load(text: string | undefined): Document {
  const doc = parseDocument(text ?? '');
  if (doc.errors.length) throw new Error(`fence: cannot parse YAML: ${doc.errors[0]!.message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('fence: expected a YAML mapping at the top level');
  return doc;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The scriptShell a pnpm YAML config names, if any. */
export function readScriptShellYaml(text: string | undefined): string | undefined {
  return asString(load(text).get('scriptShell'));
}

/** Sets `scriptShell` and `sideEffectsCache: false` (marked as ours). */
export function setPnpmShell(text: string | undefined, shell: string): YamlEdit {
  const doc = load(text);
  const previous = asString(doc.get('scriptShell'));
  if (previous !== shell) doc.set('scriptShell', shell);
  const cache = doc.get('sideEffectsCache', true);
  if (!(isScalar(cache) && cache.value === false)) {
    const node = doc.createNode(false);
    node.comment = SIDE_EFFECTS_MARK;
    doc.set('sideEffectsCache', node);
  }
  const after = String(doc);
  const changed = text === undefined || previous !== shell || !(isScalar(cache) && cache.value === false);
  return { text: changed ? after : text, changed, otherShell: previous !== shell ? previous : undefined };
}

/** Removes our scriptShell and the sideEffectsCache line we marked; anything else stays. */
export function removePnpmShell(text: string | undefined, isOurs: (shell: string) => boolean): YamlEdit {
  if (text === undefined) return { text, changed: false };
  const doc = load(text);
  const shell = asString(doc.get('scriptShell'));
  let changed = false;
  if (shell !== undefined && isOurs(shell)) {
    doc.delete('scriptShell');
    changed = true;
  }
  const cache = doc.get('sideEffectsCache', true);
  if (isScalar(cache) && cache.comment === SIDE_EFFECTS_MARK) {
    doc.delete('sideEffectsCache');
    changed = true;
  }
  if (!changed) return { text, changed, otherShell: shell };
  const empty = isMap(doc.contents) && doc.contents.items.length === 0 && !doc.commentBefore && !doc.comment;
  return { text: empty ? undefined : String(doc), changed, otherShell: shell !== undefined && !isOurs(shell) ? shell : undefined };
}
