export { getProfile, profileNames } from './registry.js';
export { GITHUB_RELEASE_HOSTS, NODE_HEADERS_HOSTS } from './known-packages.js';
