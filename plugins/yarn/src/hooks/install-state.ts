/**
 * Whether this Yarn process is inside `project.install()`: Yarn calls validateProject
 * first thing in an install, so a workspace's own preinstall/postinstall seen after it
 * runs as part of the install ('project'), while `yarn run postinstall` never sets it ('by-hand').
 */
let installing = false;

export function markInstalling(): void {
  installing = true;
}

export function markInstalled(): void {
  installing = false;
}

export function isInstalling(): boolean {
  return installing;
}
