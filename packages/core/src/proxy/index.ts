export { handleProxyConnection, createProxyServer } from './handle-connection.js';
export { createHostResolver, type ResolverOptions } from './resolver.js';
export { checkTarget, type Decision } from './check-target.js';
export { refusalMessage } from './refusal-message.js';
export { parseHostRule, judgeTarget, normalizeHostName, parseTarget, type HostRule, type Target, type RuleVerdict } from './host-rules.js';
export { parseIpLiteral, formatIp, type IpAddress } from './ip-literal.js';
export { classifyAddress, type AddressClass } from './address-class.js';
export type {
  ProxyContext, ProxyIdentity, ProxyProtocol, ProxyTimeouts, RefusalEvent, RefusalReason, AllowedEvent, HostResolver, ResolvedHost,
} from './types.js';
