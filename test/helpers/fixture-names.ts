// The fixture packages by role (fixtures/README.md describes each).
export const ATTACK_FIXTURES = [
  'steal-env',
  'steal-files',
  'exfil-http',
  'write-outside',
  'persist-bg',
  'name-spoof',
  'gyp-command-expansion',
  'shai-hulud-like',
] as const;
export const BENIGN_FIXTURES = ['benign-postinstall', 'native-addon', 'benign-nested', 'fetches-allowed', 'fetches-allowed-fetch'] as const;
