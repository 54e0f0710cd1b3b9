// Every message between the response panel (media/panel) and the extension host, typed
// both ways. The panel says `ready` first; the host answers with a full `state`.
export type PanelToHost = { readonly type: 'ready' };

export type HostToPanel = { readonly type: 'state'; readonly view: 'empty' };
