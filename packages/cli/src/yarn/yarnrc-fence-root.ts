import { isMap, parseDocument } from 'yaml';
import type { YarnrcEdit } from './yarnrc-plugins.js';

/**
 * The `fenceRoot` setting the Yarn plugin reads: `yarn plugin import` copies the bundle into
 * .yarn/plugins, where it cannot find fence's own files by its location. Yarn rejects settings
 * no loaded plugin declares, so it is written after the import and removed before the removal.
 */
export const FENCE_ROOT_SETTING = 'fenceRoot';

function load(text: string | undefined) {
  const doc = parseDocument(text ?? '');
  if (doc.errors.length) throw new Error(`fence: cannot parse .yarnrc.yml: ${doc.errors[0]!.message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('fence: .yarnrc.yml must be a mapping');
  return doc;
}

export function setFenceRoot(text: string | undefined, root: string): YarnrcEdit {
  const doc = load(text);
  if (doc.get(FENCE_ROOT_SETTING) === root) return { text, changed: false };
  doc.set(FENCE_ROOT_SETTING, root);
  return { text: String(doc), changed: true };
}

export function removeFenceRoot(text: string | undefined): YarnrcEdit {
  if (text === undefined) return { text, changed: false };
  const doc = load(text);
  if (!doc.has(FENCE_ROOT_SETTING)) return { text, changed: false };
  doc.delete(FENCE_ROOT_SETTING);
  return { text: String(doc), changed: true };
}
