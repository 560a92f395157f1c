// A throwaway HOME holding the credentials a developer machine has, so attacks
// have something real to steal and the real home is never touched.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BASHRC_CONTENT, FAKE_REGISTRY_HOST, SECRET_MARKERS } from './secrets.js';

export async function plantHome(home: string): Promise<void> {
  await mkdir(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  await mkdir(path.join(home, '.aws'), { recursive: true });
  await writeFile(
    path.join(home, '.ssh', 'id_rsa'),
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRET_MARKERS.sshKey}\n-----END OPENSSH PRIVATE KEY-----\n`,
    { mode: 0o600 },
  );
  await writeFile(path.join(home, '.npmrc'), `//${FAKE_REGISTRY_HOST}/:_authToken=${SECRET_MARKERS.homeNpmrc}\n`);
  await writeFile(
    path.join(home, '.aws', 'credentials'),
    `[default]\naws_access_key_id = AKIAFENCETESTONLY\naws_secret_access_key = ${SECRET_MARKERS.awsCredentials}\n`,
  );
  await writeFile(path.join(home, '.bashrc'), BASHRC_CONTENT);
}
