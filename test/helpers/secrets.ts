// Fake secrets planted in test homes, projects and environments. Each carries a
// unique marker so a test can assert it never shows up in loot or on a server.
export const SECRET_MARKERS = {
  homeNpmrc: 'FENCE-MARKER-home-npmrc-5d1f0c',
  sshKey: 'FENCE-MARKER-ssh-id-rsa-a83b27',
  awsCredentials: 'FENCE-MARKER-aws-credentials-e19c44',
  projectNpmrc: 'FENCE-MARKER-project-npmrc-7b2e90',
  projectEnv: 'FENCE-MARKER-project-env-c4d851',
  gitConfig: 'FENCE-MARKER-git-config-96fa03',
  envNpmToken: 'FENCE-MARKER-env-npm-token-31ab7e',
  envGithubToken: 'FENCE-MARKER-env-github-token-f0e6d2',
  envAwsSecret: 'FENCE-MARKER-env-aws-secret-8c5a19',
} as const;

export type SecretMarker = (typeof SECRET_MARKERS)[keyof typeof SECRET_MARKERS];

export const ALL_SECRET_MARKERS: readonly string[] = Object.values(SECRET_MARKERS);

/** ~/.bashrc as planted; anything appended to it is an attack that worked. */
export const BASHRC_CONTENT = '# fence test home: planted ~/.bashrc\nexport FENCE_TEST_SHELL=1\n';

/** A registry host that cannot exist (.invalid), for token lines in .npmrc files. */
export const FAKE_REGISTRY_HOST = 'registry.fence.invalid';

/** Token variables a CI job typically has; envFor puts them in the install's environment. */
export const TOKEN_ENV = {
  NPM_TOKEN: SECRET_MARKERS.envNpmToken,
  GITHUB_TOKEN: SECRET_MARKERS.envGithubToken,
  AWS_SECRET_ACCESS_KEY: SECRET_MARKERS.envAwsSecret,
} as const;

/** Which strings from `text` are planted secrets. */
export function leakedMarkers(text: string): string[] {
  return ALL_SECRET_MARKERS.filter((m) => text.includes(m));
}
