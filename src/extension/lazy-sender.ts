// Loads dist/sender.js (undici and the sender, about 300 KB) on the first send instead of at
// activation: most sessions open a .http file long before they send anything.
import type * as SenderModule from '../core/send/sender-module';
import type { OutgoingRequest, SendOptions, SendResult } from '../core/send/send-model';

let loaded: typeof SenderModule | undefined;

function sender(): typeof SenderModule {
  // A plain require of a sibling file of dist/extension.js; esbuild leaves it as written.
  loaded ??= require('./sender.js') as typeof SenderModule;
  return loaded;
}

export function sendRequest(
  request: OutgoingRequest,
  options: SendOptions,
  secrets: readonly string[] = [],
): Promise<SendResult> {
  return sender().sendRequest(request, options, secrets);
}

/** Closes the sender's connections, if it was ever loaded. */
export async function closeSenderAgents(): Promise<void> {
  await loaded?.closeSenderAgents();
}
