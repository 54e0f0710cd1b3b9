// The one place the sender loads undici's runtime: the import order below matters.
// `undici-global-slots` records the global dispatcher slots first, undici then loads (and
// may install its default Agent globally), and we restore the slots straight after.
import { restoreGlobalDispatcherSlots } from './undici-global-slots';
import { Agent, EnvHttpProxyAgent, ProxyAgent, buildConnector } from 'undici';

restoreGlobalDispatcherSlots();

export { Agent, EnvHttpProxyAgent, ProxyAgent, buildConnector };
