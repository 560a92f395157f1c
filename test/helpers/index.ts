export { REPO_ROOT, FIXTURES_DIR, TARBALLS_DIR } from './paths.js';
export { listFixtureSources, hashSource, type FixtureSource } from './fixture-sources.js';
export { packFixtures, tarballName } from './pack-fixtures.js';
export {
  SECRET_MARKERS,
  ALL_SECRET_MARKERS,
  BASHRC_CONTENT,
  FAKE_REGISTRY_HOST,
  TOKEN_ENV,
  leakedMarkers,
  type SecretMarker,
} from './secrets.js';
export { plantHome } from './plant-home.js';
export { plantProject, projectNpmrc } from './plant-project.js';
export { pmConfigFiles, type PackageManagerName } from './pm-config.js';
export { makeProject, type MakeProjectOptions, type Project } from './make-project.js';
export { findNodeDir } from './node-headers.js';
export { envFor, type EnvForOptions } from './env-for.js';
export { readLoot, succeeded, type Loot, type LootAttempt } from './loot.js';
export {
  startHttpServer,
  plainHostsEnv,
  FIXTURE_PORTS,
  PAYLOAD_BODY,
  type RecordingServer,
  type RecordedRequest,
} from './servers.js';
export { adHocTarball } from './ad-hoc-tarball.js';
export { listBrokers, waitFor, type BrokerProcess } from './brokers.js';
export { FENCE_CLI, fenceInit } from './fence-cli.js';
export { FENCE_SHELL, FENCE_SHELL_POSIX, TEST_HOSTS_JSON, fenceEnv, pnpmWorkspaceYaml } from './fence-wiring.js';
export { PNPM_BIN, runPackageManager, type InstallRun, type RunPmOptions } from './run-package-manager.js';
export { readSessionEvents, scriptStarts, type LoggedEvent } from './session-log.js';
export { ATTACK_FIXTURES, BENIGN_FIXTURES } from './fixture-names.js';
