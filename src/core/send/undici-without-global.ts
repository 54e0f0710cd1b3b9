// The one place the sender loads undici's runtime. Only the parts it uses are loaded, one
// by one, never undici's index: the index pulls in fetch, WebSocket, mocks and caches (half
// a megabyte in the bundle) and installs a process-wide dispatcher, which in the shared
// extension host would change what every other extension's `fetch` uses (security.md §4.2).
// The global slots are still restored afterwards, in case a later undici loads them anyway.
import { restoreGlobalDispatcherSlots } from './undici-global-slots';
import Dispatcher = require('undici/lib/dispatcher/dispatcher');
import request = require('undici/lib/api/api-request');
import Agent = require('undici/lib/dispatcher/agent');
import ProxyAgent = require('undici/lib/dispatcher/proxy-agent');
import EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent');
import buildConnector = require('undici/lib/core/connect');

// What undici's index does for `dispatcher.request(…)`, limited to the one method we call.
if (typeof Dispatcher.prototype.request !== 'function') Dispatcher.prototype.request = request;
restoreGlobalDispatcherSlots();

export { Agent, EnvHttpProxyAgent, ProxyAgent, buildConnector };
