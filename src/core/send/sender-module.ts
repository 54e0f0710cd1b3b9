// The sender as one loadable unit: the extension bundles it separately (dist/sender.js) and
// loads it on the first send, so activation does not pay for undici's HTTP/1 parser.
export { sendRequest } from './send-request';
export { closeSenderAgents } from './agent-cache';
