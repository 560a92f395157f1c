/**
 * The one description of fence.json. The JSON Schema (json-schema.ts) and the validator
 * (validate.ts) are both derived from it, so editors and the runtime agree on every field.
 * types.ts stays the TypeScript view of the same shape; a test checks they list the same keys.
 */

/** Extra checks on a string beyond its JSON type; each has a checker in checks/. */
export type StringCheck =
  | 'allowed-domain'
  | 'denied-domain'
  | 'proxy-url'
  | 'env-allow-glob'
  | 'env-deny-glob'
  | 'path'
  | 'extends-entry'
  | 'package-key';

interface FieldBase {
  description: string;
  examples?: unknown[];
}

export interface StringSpec extends FieldBase { type: 'string'; check?: StringCheck }
export interface BooleanSpec extends FieldBase { type: 'boolean'; default?: boolean }
export interface EnumSpec extends FieldBase { type: 'enum'; values: readonly string[]; default?: string }
export interface ArraySpec extends FieldBase { type: 'array'; items: FieldSpec }
export interface ObjectSpec extends FieldBase { type: 'object'; fields: Readonly<Record<string, FieldSpec>> }
/** An object with free keys (e.g. `packages`), each key checked, each value of one shape. */
export interface MapSpec extends FieldBase { type: 'map'; keyCheck: StringCheck; values: FieldSpec }

export type FieldSpec = StringSpec | BooleanSpec | EnumSpec | ArraySpec | ObjectSpec | MapSpec;

const strings = (description: string, check: StringCheck | undefined, examples: unknown[]): ArraySpec => ({
  type: 'array',
  description,
  items: check ? { type: 'string', description, check } : { type: 'string', description },
  examples,
});

const network: ObjectSpec = {
  type: 'object',
  description: 'Network access of sandboxed scripts. Everything goes through the filtering proxy; nothing is allowed by default.',
  fields: {
    allowedDomains: strings(
      'Hosts a script may reach through the proxy. `*.example.com` matches subdomains; `host:port` limits the port.',
      'allowed-domain',
      [['example.com', '*.example.com', 'downloads.example.com:443']],
    ),
    deniedDomains: strings('Hosts that are always refused; wins over allowedDomains.', 'denied-domain', [['*.tracker.example']]),
    allowLocalOutbound: {
      type: 'boolean',
      description: 'Allow connections to loopback, private and link-local addresses.',
      default: false,
    },
    allowLocalBinding: { type: 'boolean', description: 'Allow a script to listen on its own loopback.', default: false },
    upstreamProxy: {
      type: 'string',
      check: 'proxy-url',
      description: 'Corporate proxy that allowed traffic is sent through (http:// or https:// URL).',
      examples: ['http://proxy.corp.example:3128'],
    },
  },
};

const filesystem: ObjectSpec = {
  type: 'object',
  description: 'File access of sandboxed scripts. Paths may start with `~` (home), `.` (project root) or `$PKG` (the package).',
  fields: {
    denyRead: strings('Paths hidden from scripts.', 'path', [['~/secrets', './.env.local']]),
    allowRead: strings('Extra readable paths (the home directory is hidden by default).', 'path', [['~/.rustup']]),
    allowWrite: strings('Extra writable paths (the package directory and a temp dir always are).', 'path', [['./build', '~/.cache/my-tool']]),
    denyWrite: strings('Paths kept read-only even inside writable ones.', 'path', [['./src']]),
  },
};

const env: ObjectSpec = {
  type: 'object',
  description: 'Environment variables passed into the sandbox (names may use `*` and `?`).',
  fields: {
    allow: strings('Extra variable names passed in (tokens and credentials never are).', 'env-allow-glob', [['SHARP_*', 'PUPPETEER_SKIP_DOWNLOAD']]),
    deny: strings('Variable names never passed, on top of the built-in deny list.', 'env-deny-glob', [['MY_SECRET_*']]),
  },
};

const packageEntry: ObjectSpec = {
  type: 'object',
  description: 'Overrides for the scripts of matching packages, merged over the project policy.',
  fields: {
    network,
    filesystem,
    env,
    reason: { type: 'string', description: 'Why this allowance exists (shown by `fence scripts`).' },
  },
};

export const FENCE_CONFIG_SPEC: ObjectSpec = {
  type: 'object',
  description: 'Fence for package managers: the policy of sandboxed lifecycle scripts and commands.',
  fields: {
    $schema: { type: 'string', description: 'Path or URL of this JSON Schema, for editors.' },
    extends: strings(
      'Configs merged below this one, in order: a built-in profile name (npm, pnpm, yarn, pip, cargo, known-packages) or a path relative to this file.',
      'extends-entry',
      [['known-packages'], ['npm', './fence.base.json']],
    ),
    network,
    filesystem,
    env,
    scripts: {
      type: 'object',
      description: 'Scripts other than dependency lifecycle scripts.',
      fields: {
        runByHand: {
          type: 'enum',
          values: ['sandbox', 'host'],
          default: 'host',
          description:
            'Scripts you run by hand (`npm run`, `npm exec`, `npx`, `yarn run`): `host` (the default) runs them as you typed them, like without fence; `sandbox` confines them under the project policy. Install-time scripts are always sandboxed.',
        },
      },
    },
    sandbox: {
      type: 'object',
      description: 'How the sandbox is built.',
      fields: {
        allowWeaker: { type: 'boolean', default: false, description: 'Opt in to reduced isolation where namespaces are unavailable. Loud, never silent.' },
        seccomp: { type: 'boolean', default: true, description: 'Install the seccomp filter (Linux).' },
        denyUnixSockets: { type: 'boolean', default: false, description: 'Refuse creating Unix sockets inside the sandbox.' },
        audit: { type: 'boolean', default: false, description: 'Record refused file accesses with a tracer (slow).' },
      },
    },
    packages: {
      type: 'map',
      keyCheck: 'package-key',
      description: 'Per-package overrides keyed by a package-name glob, optionally with a semver range after the last `@`: `esbuild`, `@prisma/*`, `sharp@>=0.33`.',
      values: packageEntry,
      examples: [{ 'puppeteer@>=19': { network: { allowedDomains: ['storage.googleapis.com'] }, reason: 'Downloads Chrome for Testing' } }],
    },
  },
};
