import { isMap, isSeq, parseDocument, YAMLSeq, type Document } from 'yaml';

/** Edits the `plugins:` list of a .yarnrc.yml, keeping comments and other settings. */

export interface YarnrcEdit {
  text: string | undefined;
  changed: boolean;
}

function load(text: string | undefined): Document {
  const doc = parseDocument(text ?? '');
  if (doc.errors.length) throw new Error(`fence: cannot parse .yarnrc.yml: ${doc.errors[0]!.message}`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new Error('fence: .yarnrc.yml must be a mapping');
  return doc;
}

interface PluginRef {
  path?: string;
  spec?: string;
}

/** Yarn accepts a bare path string or `{ path, spec }`. */
function refOf(item: unknown): PluginRef {
  const js: unknown = item && typeof item === 'object' && 'toJSON' in item ? (item as { toJSON(): unknown }).toJSON() : item;
  if (typeof js === 'string') return { path: js };
  if (js && typeof js === 'object') {
    const o = js as Record<string, unknown>;
    return { path: typeof o.path === 'string' ? o.path : undefined, spec: typeof o.spec === 'string' ? o.spec : undefined };
  }
  return {};
}

const matches = (ref: PluginRef, spec: string, path: string | undefined) => ref.spec === spec || (path !== undefined && ref.path === path);

/** Plugins listed in a .yarnrc.yml. */
export function listYarnPlugins(text: string | undefined): PluginRef[] {
  const seq = load(text).get('plugins');
  return isSeq(seq) ? seq.items.map(refOf) : [];
}

/** Adds (or repoints) our plugin entry. */
export function addYarnPlugin(text: string | undefined, path: string, spec: string): YarnrcEdit {
  const doc = load(text);
  let seq = doc.get('plugins');
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('plugins', seq);
  }
  const list = seq as YAMLSeq;
  const i = list.items.findIndex((it) => matches(refOf(it), spec, path));
  if (i >= 0) {
    const ref = refOf(list.items[i]);
    if (ref.path === path && ref.spec === spec) return { text, changed: false };
    list.items[i] = doc.createNode({ path, spec });
  } else list.items.push(doc.createNode({ path, spec }));
  return { text: String(doc), changed: true };
}

/** Removes our plugin entry; drops `plugins:` when it becomes empty. */
export function removeYarnPlugin(text: string | undefined, spec: string, path?: string): YarnrcEdit {
  if (text === undefined) return { text, changed: false };
  const doc = load(text);
  const seq = doc.get('plugins');
  if (!isSeq(seq)) return { text, changed: false };
  const before = seq.items.length;
  seq.items = seq.items.filter((it) => !matches(refOf(it), spec, path));
  if (seq.items.length === before) return { text, changed: false };
  if (seq.items.length === 0) doc.delete('plugins');
  return { text: String(doc), changed: true };
}
