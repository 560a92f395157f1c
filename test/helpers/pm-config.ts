// The per-package-manager files a test project needs so that dependency scripts
// run at all: pnpm and Yarn 4 block them by default.
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn';

export function pmConfigFiles(pm: PackageManagerName): Record<string, string> {
  switch (pm) {
    case 'npm':
      return {};
    case 'pnpm':
      // allowBuilds keys for file: tarballs need the full spec; the tests vet every
      // fixture through fence instead, so all builds are allowed here.
      return { 'pnpm-workspace.yaml': 'dangerouslyAllowAllBuilds: true\n' };
    case 'yarn':
      return {
        '.yarnrc.yml':
          'nodeLinker: node-modules\nenableScripts: true\nenableTelemetry: false\n' +
          'enableGlobalCache: false\nenableNetwork: false\n',
        'yarn.lock': '',
      };
  }
}
