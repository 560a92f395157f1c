import { noAllowances, type CommandAllowances, type CommandContext } from './allowances.js';
import { npmRegistryUrls } from './npm-registry.js';
import { hostsOf } from './url-host.js';
import { yarnRegistryUrls } from './yarn-registry.js';

/**
 * npm, pnpm and Yarn run as whole commands: their registries from their own
 * config at run time. Writes (project, caches) come from the built-in profiles.
 */
export function packageManagerAllowances(profile: 'npm' | 'pnpm' | 'yarn', ctx: CommandContext): CommandAllowances {
  const out = noAllowances();
  // pnpm reads registries from the same .npmrc files and npm_config_* variables as npm.
  const urls = profile === 'yarn' ? yarnRegistryUrls(ctx.cwd, ctx.env, ctx.home) : npmRegistryUrls(ctx.cwd, ctx.env);
  out.allowedDomains.push(...hostsOf(urls));
  return out;
}
