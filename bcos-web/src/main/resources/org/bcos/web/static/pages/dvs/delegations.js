// My delegations and those given to me (#/dvs/delegations): not built yet.
export function render(root, shell) {
  root.append(shell.el('h1', null, shell.t('nav.dvs')), shell.el('p', 'muted', shell.t('page.soon')));
  return () => {};
}
