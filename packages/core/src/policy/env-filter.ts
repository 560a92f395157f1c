import picomatch from 'picomatch';

/** Variables a build needs; everything else stays outside. */
const ALLOW = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'LC_*', 'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR', 'TZ',
  'SHELL', 'CI', 'DEBUG', 'NODE_ENV', 'INIT_CWD', 'PROJECT_CWD', 'BERRY_BIN_FOLDER', 'NODE', 'npm_*', 'pnpm_config_*',
  'PNPM_SCRIPT_SRC_DIR', 'YARN_*', 'CC', 'CXX', 'CPP', 'AR', 'LD', 'NM', 'RANLIB', 'CFLAGS', 'CXXFLAGS', 'CPPFLAGS',
  'LDFLAGS', 'MAKEFLAGS', 'JOBS', 'PKG_CONFIG_PATH', 'PYTHON', 'PYTHONPATH', 'PYENV_*', 'VIRTUAL_ENV', 'CONDA_PREFIX',
  'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_NO_INDEX', 'PIP_FIND_LINKS', 'CARGO_HOME', 'RUSTUP_HOME', 'RUSTUP_TOOLCHAIN',
  'CARGO_TARGET_DIR', 'CARGO_BUILD_*', 'CARGO_NET_OFFLINE', 'RUSTFLAGS', 'GOPATH', 'GOFLAGS', 'JAVA_HOME',
  'SOURCE_DATE_EPOCH', 'GYP_DEFINES', 'NVM_DIR', 'VOLTA_HOME',
];

/**
 * Never passed, whatever the allowlist says: tokens and credentials. `env.allow`
 * may still name one of these explicitly (a package that needs GITHUB_TOKEN).
 */
const SECRET = [
  '*TOKEN*', '*SECRET*', '*PASSWORD*', '*PASSWD*', '*_KEY', '*_KEY_*', '*APIKEY*', '*API_KEY*', '*CREDENTIAL*',
  '*PRIVATE*', '*SESSION*', '*COOKIE*', 'AWS_*', 'AZURE_*', 'GOOGLE_*', 'GCP_*', 'GH_*', 'GITHUB_*',
  'NPM_TOKEN', 'NODE_AUTH_TOKEN', 'npm_config_*auth*', 'npm_config_*_auth*', 'npm_config_*cert*', 'npm_config_*key*',
  'npm_config_email', 'npm_config_proxy', 'npm_config_https_proxy', 'npm_config_*password*', 'npm_config_*username*',
  '*_AUTH', '*_AUTH_*', 'SSH_*', 'GPG_*', 'DOCKER_*', 'KUBECONFIG', 'VAULT_*', 'YARN_NPM_AUTH*', 'YARN_*AUTH*',
  'PIP_INDEX_URL_*', 'CARGO_REGISTRIES_*_TOKEN',
];

/** Never passed, not even when asked for: they change what every process loads. */
const FORBIDDEN = ['LD_*', 'DYLD_*', 'NODE_OPTIONS', 'NODE_PATH', 'BASH_ENV', 'ENV', 'PROMPT_COMMAND', 'PERL5OPT', 'PYTHONSTARTUP', 'RUBYOPT', 'GIT_*'];

const m = (globs: string[], nocase = false) => picomatch(globs, { dot: true, nocase });
const isAllowed = m(ALLOW);
// Case-insensitive: npm lower-cases config keys (`npm_config__authtoken`).
const isSecret = m(SECRET, true);
const isForbidden = m(FORBIDDEN);

export interface EnvFilterOptions {
  allow?: string[];
  deny?: string[];
}

/** Filters an environment by allowlist. Returns the variables that pass. */
export function filterEnv(env: NodeJS.ProcessEnv, opts: EnvFilterOptions = {}): Record<string, string> {
  const userAllow = opts.allow?.length ? m(opts.allow) : () => false;
  const userDeny = opts.deny?.length ? m(opts.deny) : () => false;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || isForbidden(k) || userDeny(k)) continue;
    const explicitly = userAllow(k);
    if (explicitly || (isAllowed(k) && !isSecret(k))) out[k] = v;
  }
  return out;
}

/** True for names that never pass (used by --print-policy to explain). */
export function isSecretName(name: string): boolean {
  return isForbidden(name) || isSecret(name);
}
