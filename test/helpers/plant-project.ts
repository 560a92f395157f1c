// The secrets a project checkout carries: a registry token in .npmrc, a .env,
// and the credential CI checkouts leave in .git/config.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FAKE_REGISTRY_HOST, SECRET_MARKERS } from './secrets.js';

export function projectNpmrc(extra = ''): string {
  return `//${FAKE_REGISTRY_HOST}/:_authToken=${SECRET_MARKERS.projectNpmrc}\n${extra}`;
}

export async function plantProject(dir: string, npmrcExtra = ''): Promise<void> {
  const git = path.join(dir, '.git');
  await mkdir(path.join(git, 'hooks'), { recursive: true });
  await mkdir(path.join(git, 'refs', 'heads'), { recursive: true });
  await mkdir(path.join(git, 'objects'), { recursive: true });
  await writeFile(path.join(git, 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(
    path.join(git, 'config'),
    '[core]\n\trepositoryformatversion = 0\n\tbare = false\n' +
      `[http "https://git.fence.invalid/"]\n\textraheader = AUTHORIZATION: basic ${SECRET_MARKERS.gitConfig}\n` +
      '[remote "origin"]\n\turl = https://git.fence.invalid/acme/app.git\n',
  );
  await writeFile(path.join(dir, '.npmrc'), projectNpmrc(npmrcExtra));
  await writeFile(path.join(dir, '.env'), `DATABASE_PASSWORD=${SECRET_MARKERS.projectEnv}\n`);
}
