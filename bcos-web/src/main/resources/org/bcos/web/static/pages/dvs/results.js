// An issue's results inside its page (#/dvs/issue/<id>): not built yet.
export function mountResults(container, shell, issueId) {
  container.append(shell.el('p', 'muted', shell.t('page.soon')));
  return () => {};
}
