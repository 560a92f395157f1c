/**
 * Paths no config can open up. Secrets are hidden (unreadable); start-up files and
 * repository plumbing stay read-only even inside a writable directory.
 */

/** Under $HOME: hidden whatever the config says. */
export const HOME_SECRETS = [
  '.ssh', '.aws', '.azure', '.config/gcloud', '.config/gh', '.config/hub', '.gnupg', '.docker', '.kube',
  '.npmrc', '.yarnrc', '.yarnrc.yml', '.pypirc', '.netrc', '.git-credentials', '.config/git/credentials',
  '.cargo/credentials', '.cargo/credentials.toml', '.gem/credentials', '.terraform.d/credentials.tfrc.json',
  '.config/fence', '.fence.json', '.local/share/keyrings', '.password-store', '.vault-token',
  '.config/op', '.bun/install/cache/.credentials', '.config/claude', '.claude', '.codex', '.gemini',
];

/** Under $HOME: read-only whatever the config says (persistence through start-up files). */
export const HOME_PROTECTED = [
  '.bashrc', '.bash_profile', '.bash_login', '.profile', '.bash_logout', '.zshrc', '.zshenv', '.zprofile',
  '.zlogin', '.config/fish', '.tcshrc', '.cshrc', '.inputrc', '.gitconfig', '.config/git', '.config/autostart',
  '.config/systemd', '.local/bin', '.vscode', '.cursor',
];

/**
 * Package-manager caches: read-only for lifecycle scripts (a poisoned cache entry
 * would reach every later install). Whole-command profiles may write them.
 */
export const PM_CACHES = ['.npm', '.cache/pnpm', '.local/share/pnpm', '.yarn/berry', '.cache/yarn', '.node-gyp', '.cache/node-gyp', '.cache/pip', '.cargo/registry', '.cargo/git'];

/** Inside the project: hidden from dependency scripts (CI checkouts leave tokens in .git/config). */
export const PROJECT_SECRETS = ['.npmrc', '.yarnrc.yml', '.env', '.env.*', '.env*.local', '.git/config', '.netrc', '.pypirc'];

/** Inside the project: read-only for every script, the project's own included. */
export const PROJECT_PROTECTED = [
  '.git/hooks', '.git/config', '.npmrc', '.yarnrc.yml', '.pnpmfile.cjs', 'pnpm-workspace.yaml',
  '.github/workflows', '.gitlab-ci.yml', '.husky', '.vscode', '.idea', 'fence.json', '.yarn/plugins',
  '.envrc', '.tool-versions',
];
