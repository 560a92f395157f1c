/**
 * The Mach services a build needs; every other lookup stays denied. Notably
 * absent: mDNSResponder / DNS configuration (name resolution is the proxy's job,
 * and DNS would be a side channel out), pasteboard, the keychain daemons, and
 * launchservicesd (`open -a Terminal` would start a program outside the sandbox).
 */
export const MACH_SERVICES: readonly { name: string; why: string }[] = [
  { name: 'com.apple.system.opendirectoryd.libinfo', why: 'getpwuid/getgrgid: user and group lookups (git, npm, os.userInfo)' },
  { name: 'com.apple.system.notification_center', why: 'libnotify, used by libc for time zone and locale changes' },
  { name: 'com.apple.logd', why: 'os_log from system libraries; failing lookups slow every process' },
  { name: 'com.apple.system.logger', why: 'legacy asl logging from older tools' },
  { name: 'com.apple.cfprefsd.daemon', why: 'CFPreferences, read by xcrun/clang for node-gyp builds' },
  { name: 'com.apple.cfprefsd.agent', why: 'per-user CFPreferences, same tools' },
  { name: 'com.apple.trustd.agent', why: 'TLS certificate checks of Go/Swift binaries talking through the proxy' },
];
