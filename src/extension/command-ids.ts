// Every command the extension contributes, in one table. An editor test checks that this,
// package.json and the registered commands agree.
export const commandIds = {
  send: 'httpConflicts.send',
  sendAll: 'httpConflicts.sendAll',
  cancel: 'httpConflicts.cancel',
  refetch: 'httpConflicts.refetch',
  rebase: 'httpConflicts.rebase',
  resend: 'httpConflicts.resend',
  resolve: 'httpConflicts.resolve',
  compare: 'httpConflicts.compare',
  takeTheirs: 'httpConflicts.takeTheirs',
  overwrite: 'httpConflicts.overwrite',
  selectEnvironment: 'httpConflicts.selectEnvironment',
  copyAsCurl: 'httpConflicts.copyAsCurl',
  addPrecondition: 'httpConflicts.addPrecondition',
  probe: 'httpConflicts.probe',
  historyOpen: 'httpConflicts.history.open',
  historyCompareWithPrevious: 'httpConflicts.history.compareWithPrevious',
  historyCompareTwo: 'httpConflicts.history.compareTwo',
  historyDelete: 'httpConflicts.history.delete',
  historyClear: 'httpConflicts.history.clear',
} as const;

export type CommandKey = keyof typeof commandIds;
