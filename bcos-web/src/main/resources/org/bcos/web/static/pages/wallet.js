// The wallet pages (docs/WEB.md). Not built yet: a placeholder that says so.
export function render(root, shell) {
  root.append(shell.el('h1', null, shell.t('nav.wallet')), shell.el('p', 'muted', shell.t('page.soon')));
  return () => {};
}
