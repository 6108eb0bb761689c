// The dvs pages (docs/WEB.md). Not built yet: a placeholder that says so.
export function render(root, shell) {
  root.append(shell.el('h1', null, shell.t('nav.dvs')), shell.el('p', 'muted', shell.t('page.soon')));
  return () => {};
}
