import type { FenceConfig, PackageConfig } from '../types.js';

/**
 * Reviewed allowances for popular packages whose install scripts legitimately download
 * something. Facts from each package's public docs (URL in `reason`); keep them narrow.
 */

/** Where node-gyp fetches Node headers when no local `nodedir` is given; used by the policy layer for native builds. */
export const NODE_HEADERS_HOSTS: readonly string[] = ['nodejs.org'];

/** GitHub release downloads redirect to a CDN host (objects.* until 2025, release-assets.* since). */
export const GITHUB_RELEASE_HOSTS: readonly string[] = [
  'github.com',
  'objects.githubusercontent.com',
  'release-assets.githubusercontent.com',
];

const CHROME_FOR_TESTING_HOSTS = ['storage.googleapis.com', 'googlechromelabs.github.io', 'edgedl.me.gvt1.com'];
const PLAYWRIGHT_HOSTS = [
  'playwright.azureedge.net',
  'playwright-akamai.azureedge.net',
  'playwright-verizon.azureedge.net',
  'cdn.playwright.dev',
];
const PRISMA_HOSTS = ['binaries.prisma.sh'];

function allow(hosts: readonly string[], reason: string): PackageConfig {
  return { network: { allowedDomains: [...hosts] }, reason };
}

const packages: Record<string, PackageConfig> = {
  'puppeteer@>=19': allow(
    CHROME_FOR_TESTING_HOSTS,
    'Downloads Chrome for Testing on install. Source: https://pptr.dev/guides/configuration',
  ),
  'playwright@>=1': allow(PLAYWRIGHT_HOSTS, 'Downloads browser builds on install. Source: https://playwright.dev/docs/browsers'),
  'playwright-core@>=1': allow(PLAYWRIGHT_HOSTS, 'Downloads browser builds on install. Source: https://playwright.dev/docs/browsers'),
  'electron@>=1': allow(
    GITHUB_RELEASE_HOSTS,
    'Downloads the Electron binary from GitHub releases. Source: https://www.electronjs.org/docs/latest/tutorial/installation',
  ),
  'prisma@>=2': allow(PRISMA_HOSTS, 'Downloads query/schema engines. Source: https://www.prisma.io/docs/orm/reference/environment-variables-reference'),
  '@prisma/engines@>=2': allow(PRISMA_HOSTS, 'Downloads query/schema engines. Source: https://www.prisma.io/docs/orm/reference/environment-variables-reference'),
  'cypress@>=3': allow(
    ['download.cypress.io', 'cdn.cypress.io'],
    'Downloads the Cypress app binary. Source: https://docs.cypress.io/app/references/advanced-installation',
  ),
  'sharp@<0.33': allow(
    GITHUB_RELEASE_HOSTS,
    'Downloads prebuilt libvips from GitHub releases. Source: https://sharp.pixelplumbing.com/install',
  ),
  'sharp@>=0.33': allow(
    [],
    'Prebuilt binaries come as @img/sharp-* optional dependencies; the install check needs no network. Source: https://sharp.pixelplumbing.com/install',
  ),
  'esbuild@>=0.15': allow(
    [],
    'Postinstall only verifies the @esbuild/* platform binary; its registry fallback stays refused. Source: https://esbuild.github.io/getting-started/',
  ),
  '@swc/core@>=1.3': allow(
    [],
    'Postinstall only checks the @swc/core-* native binding. Source: https://swc.rs/docs/installation',
  ),
  'sqlite3@>=5': allow(
    GITHUB_RELEASE_HOSTS,
    'prebuild-install fetches the prebuilt addon from GitHub releases. Source: https://github.com/TryGhost/node-sqlite3#readme',
  ),
  'better-sqlite3@>=7': allow(
    GITHUB_RELEASE_HOSTS,
    'prebuild-install fetches the prebuilt addon from GitHub releases. Source: https://github.com/WiseLibs/better-sqlite3/blob/master/docs/compilation.md',
  ),
  'bcrypt@>=5': allow(
    GITHUB_RELEASE_HOSTS,
    'node-pre-gyp fetches the prebuilt addon from GitHub releases. Source: https://github.com/kelektiv/node.bcrypt.js#readme',
  ),
  'canvas@>=2': allow(
    GITHUB_RELEASE_HOSTS,
    'Fetches the prebuilt addon from GitHub releases. Source: https://github.com/Automattic/node-canvas#readme',
  ),
  'chromedriver@>=2': allow(
    ['chromedriver.storage.googleapis.com', 'storage.googleapis.com', 'googlechromelabs.github.io'],
    'Downloads the ChromeDriver binary. Source: https://github.com/giggio/node-chromedriver#readme',
  ),
  'husky@>=4': allow([], 'Installs git hooks locally; no network. Source: https://typicode.github.io/husky/'),
};

export const knownPackagesProfile: FenceConfig = { packages };
