// What every renderer may do besides building DOM: talk to the host and read or change the
// user's arrangement of the panel.
import type { PanelToHost } from '../../src/protocol';
import type { Arrangement } from './view-arrangement';

export interface PanelContext {
  post(message: PanelToHost): void;
  readonly arrangement: () => Arrangement;
  arrange(change: (current: Arrangement) => Arrangement): void;
}
